import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstIssue, outboxCode, outboxCount } from './candidate-helpers';
import { createCandidate, uniqueMobile } from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { VERIFICATION_IP_HOURLY_LIMIT: '10000' } });
});
afterAll(() => ctx.close());

async function loggedIn(options: Parameters<typeof createCandidate>[1] = {}) {
  const candidate = await createCandidate(ctx.db, options);
  const c = new TestClient(ctx.app);
  expect((await c.login(candidate.documentNumber, candidate.password)).statusCode).toBe(200);
  return { candidate, c };
}

describe('GET /api/candidate/account', () => {
  it('when the owner asks, then the full and masked numbers, derived gender and birth date come back', async () => {
    const { candidate, c } = await loggedIn({
      documentNumber: '11010519491231002X',
      mobile: '13812345678',
    });
    const response = await c.get('/api/candidate/account');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      accountId: candidate.accountId,
      documentType: 'resident_id',
      documentNumber: '11010519491231002X',
      documentNumberMasked: '1101**********002X',
      name: '张三',
      gender: 'female',
      birthDate: '1949-12-31',
      mobile: '13812345678',
      mobileMasked: '138****5678',
      mobileVerifiedAt: expect.any(String) as unknown,
      email: null,
      emailMasked: null,
      emailVerifiedAt: null,
      notificationChannels: ['in_app'],
      createdAt: expect.any(String) as unknown,
    });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('when a visitor asks, then it is refused', async () => {
    const response = await new TestClient(ctx.app).get('/api/candidate/account');
    expect(response.statusCode).toBe(401);
  });
});

describe('changing the mobile number', () => {
  it('when the code sent to the new number is given, then the number changes, login by it works and the audit is masked', async () => {
    const { candidate, c } = await loggedIn();
    const newMobile = uniqueMobile();
    const sent = await c.post('/api/candidate/account/mobile/code', { mobile: newMobile });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<{ sentTo: string }>().sentTo).toBe(
      `${newMobile.slice(0, 3)}****${newMobile.slice(-4)}`,
    );
    const code = await outboxCode(ctx, newMobile);
    const response = await c.request('PUT', '/api/candidate/account/mobile', {
      body: { mobile: newMobile, code },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ mobile: newMobile });
    const byNew = await new TestClient(ctx.app).login(newMobile, candidate.password);
    expect(byNew.statusCode).toBe(200);
    const byOld = await new TestClient(ctx.app).login(candidate.mobile, candidate.password);
    expect(byOld.statusCode).toBe(401);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['before', 'after'])
      .where('action', '=', 'candidate.mobile_changed')
      .where('entityId', '=', String(candidate.accountId))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).not.toContain(newMobile);
    expect(JSON.stringify(audit)).not.toContain(candidate.mobile);
    expect(audit.after).toEqual({ mobile: `${newMobile.slice(0, 3)}****${newMobile.slice(-4)}` });
  });

  it('when the new number belongs to another candidate, then no code is sent', async () => {
    const other = await createCandidate(ctx.db);
    const { c } = await loggedIn();
    const response = await c.post('/api/candidate/account/mobile/code', { mobile: other.mobile });
    expect(response.statusCode).toBe(409);
    expect(await outboxCount(ctx, other.mobile)).toBe(0);
  });

  it('when the new number is the current one, then it says there is nothing to change', async () => {
    const { candidate, c } = await loggedIn();
    const response = await c.post('/api/candidate/account/mobile/code', {
      mobile: candidate.mobile,
    });
    expect(response.statusCode).toBe(400);
    expect(firstIssue(response).issue?.message).toBe('新手机号码与当前手机号码相同，无需更换。');
  });

  it('when the code is wrong, then the number stays', async () => {
    const { candidate, c } = await loggedIn();
    const newMobile = uniqueMobile();
    await c.post('/api/candidate/account/mobile/code', { mobile: newMobile });
    const code = await outboxCode(ctx, newMobile);
    const response = await c.request('PUT', '/api/candidate/account/mobile', {
      body: { mobile: newMobile, code: code === '999999' ? '999998' : '999999' },
    });
    expect(response.statusCode).toBe(400);
    expect((await c.get('/api/candidate/account')).json()).toMatchObject({
      mobile: candidate.mobile,
    });
  });
});

describe('binding an e-mail address and notification channels', () => {
  it('when the e-mail code is given, then the address is bound and verified, and e-mail notifications can be turned on', async () => {
    const { candidate, c } = await loggedIn();
    const email = `Li.Si.${candidate.accountId}@Example.com`;
    const refused = await c.request('PUT', '/api/candidate/account/notification-channels', {
      body: { channels: ['in_app', 'email'] },
    });
    expect(refused.statusCode).toBe(400);
    expect(firstIssue(refused).issue?.message).toBe('请先绑定并验证电子邮箱，再开启邮件通知。');

    const sent = await c.post('/api/candidate/account/email/code', { email });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<{ sentTo: string }>().sentTo).toBe('l***@example.com');
    const code = await outboxCode(ctx, email.toLowerCase());
    const bound = await c.request('PUT', '/api/candidate/account/email', { body: { email, code } });
    expect(bound.statusCode, bound.body).toBe(200);
    expect(bound.json()).toMatchObject({
      email: email.toLowerCase(),
      emailMasked: 'l***@example.com',
      emailVerifiedAt: expect.any(String) as unknown,
    });

    const on = await c.request('PUT', '/api/candidate/account/notification-channels', {
      body: { channels: ['in_app', 'email'] },
    });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ notificationChannels: ['in_app', 'email'] });

    // A notification now goes in-app at once and by e-mail through the jobs worker.
    const newMobile = uniqueMobile();
    await c.post('/api/candidate/account/mobile/code', { mobile: newMobile });
    const mobileCode = await outboxCode(ctx, newMobile);
    await c.request('PUT', '/api/candidate/account/mobile', {
      body: { mobile: newMobile, code: mobileCode },
    });
    const before = await outboxCount(ctx, email.toLowerCase());
    await ctx.worker.drain();
    expect(await outboxCount(ctx, email.toLowerCase())).toBe(before + 1);
    const outbox = await new TestClient(ctx.app).get(
      `/api/dev/outbox?to=${encodeURIComponent(email)}`,
    );
    const [mail] = outbox.json<{ messages: { subject: string; body: string }[] }>().messages;
    expect(mail?.subject).toBe('全国卫生专业技术资格考试网上报名：手机号码已更换');
    expect(mail?.body).not.toContain(newMobile);

    const off = await c.request('DELETE', '/api/candidate/account/email');
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ email: null, notificationChannels: ['in_app'] });
  });

  it('when in-app is left out or a channel is unknown, then the choice is refused', async () => {
    const { c } = await loggedIn();
    const withoutInApp = await c.request('PUT', '/api/candidate/account/notification-channels', {
      body: { channels: ['email'] },
    });
    expect(withoutInApp.statusCode).toBe(400);
    expect(firstIssue(withoutInApp).issue?.message).toBe('站内消息始终开启，不能关闭。');
    const unknown = await c.request('PUT', '/api/candidate/account/notification-channels', {
      body: { channels: ['in_app', 'wechat'] },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('when the e-mail address is malformed, then no code is sent', async () => {
    const { c } = await loggedIn();
    const response = await c.post('/api/candidate/account/email/code', { email: 'not-an-address' });
    expect(response.statusCode).toBe(400);
    expect(firstIssue(response).issue?.message).toMatch(/电子邮箱格式不正确/);
  });

  it('when in-app notifications are read, then the unread count goes down', async () => {
    const { c } = await loggedIn();
    const newMobile = uniqueMobile();
    await c.post('/api/candidate/account/mobile/code', { mobile: newMobile });
    await c.request('PUT', '/api/candidate/account/mobile', {
      body: { mobile: newMobile, code: await outboxCode(ctx, newMobile) },
    });
    const inbox = (await c.get('/api/candidate/notifications')).json<{
      unread: number;
      items: { id: number }[];
    }>();
    expect(inbox.unread).toBe(1);
    const read = await c.post(`/api/candidate/notifications/${inbox.items[0]!.id}/read`);
    expect(read.statusCode).toBe(200);
    expect((await c.get('/api/candidate/notifications')).json()).toMatchObject({ unread: 0 });
  });
});
