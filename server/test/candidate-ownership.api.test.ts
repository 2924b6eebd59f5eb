import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxCode } from './candidate-helpers';
import { createAccount, createCandidate, uniqueMobile } from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

/** Candidate B, logged in, must never see or change anything of candidate A. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { VERIFICATION_IP_HOURLY_LIMIT: '10000' } });
});
afterAll(() => ctx.close());

async function loggedIn(email?: string) {
  const candidate = await createCandidate(ctx.db, email ? { email } : {});
  const c = new TestClient(ctx.app);
  expect((await c.login(candidate.mobile, candidate.password)).statusCode).toBe(200);
  return { candidate, c };
}

describe('candidate B and candidate A', () => {
  it('when B reads the account, then only B’s own data comes back, nothing of A', async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    const response = await b.c.get('/api/candidate/account');
    expect(response.json()).toMatchObject({ accountId: b.candidate.accountId });
    expect(response.body).not.toContain(a.candidate.documentNumber);
    expect(response.body).not.toContain(a.candidate.mobile);
  });

  it('when B uses a code sent for A’s mobile change, then B’s number does not change', async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    const target = uniqueMobile();
    await a.c.post('/api/candidate/account/mobile/code', { mobile: target });
    const code = await outboxCode(ctx, target);
    const response = await b.c.request('PUT', '/api/candidate/account/mobile', {
      body: { mobile: target, code },
    });
    expect(response.statusCode).toBe(400);
    expect((await b.c.get('/api/candidate/account')).json()).toMatchObject({
      mobile: b.candidate.mobile,
    });
    // The code still works for A, who asked for it.
    const own = await a.c.request('PUT', '/api/candidate/account/mobile', {
      body: { mobile: target, code },
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('when B uses a code sent for A’s e-mail binding, then nothing is bound to B', async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    const email = `owner${a.candidate.accountId}@example.com`;
    await a.c.post('/api/candidate/account/email/code', { email });
    const code = await outboxCode(ctx, email);
    const response = await b.c.request('PUT', '/api/candidate/account/email', {
      body: { email, code },
    });
    expect(response.statusCode).toBe(400);
    expect((await b.c.get('/api/candidate/account')).json()).toMatchObject({ email: null });
  });

  it('when B marks A’s notification read, then it is not found and A’s stays unread', async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    const target = uniqueMobile();
    await a.c.post('/api/candidate/account/mobile/code', { mobile: target });
    await a.c.request('PUT', '/api/candidate/account/mobile', {
      body: { mobile: target, code: await outboxCode(ctx, target) },
    });
    const inboxA = (await a.c.get('/api/candidate/notifications')).json<{
      items: { id: number }[];
    }>();
    const id = inboxA.items[0]!.id;
    const response = await b.c.post(`/api/candidate/notifications/${id}/read`);
    expect(response.statusCode).toBe(404);
    expect((await b.c.get('/api/candidate/notifications')).json()).toMatchObject({
      items: [],
      unread: 0,
    });
    expect((await a.c.get('/api/candidate/notifications')).json()).toMatchObject({ unread: 1 });
  });

  it('when B changes notification channels or unbinds e-mail, then only B’s account changes', async () => {
    const a = await loggedIn(`a${Date.now()}@example.com`);
    const b = await loggedIn(`b${Date.now()}@example.com`);
    await a.c.request('PUT', '/api/candidate/account/notification-channels', {
      body: { channels: ['in_app', 'email'] },
    });
    await b.c.request('DELETE', '/api/candidate/account/email');
    expect((await a.c.get('/api/candidate/account')).json()).toMatchObject({
      email: expect.stringContaining('@example.com') as unknown,
      notificationChannels: ['in_app', 'email'],
    });
  });

  it('when B asks for a password-reset code with A’s number, then the code goes to A’s phone, not to B', async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    await b.c.post('/api/candidate/password-reset/code', {
      identifier: a.candidate.documentNumber,
    });
    const code = await outboxCode(ctx, a.candidate.mobile);
    const guess = await b.c.post('/api/candidate/password-reset', {
      identifier: b.candidate.documentNumber,
      code,
      newPassword: 'Taken-Over-2026!',
    });
    expect(guess.statusCode).toBe(400);
  });
});

describe('accounts that are not candidates', () => {
  it('when staff or a visitor call the candidate account routes, then they are refused', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'] });
    const s = new TestClient(ctx.app);
    await s.login(staff.username, staff.password);
    const routes: ['GET' | 'POST' | 'PUT', string, unknown][] = [
      ['GET', '/api/candidate/account', undefined],
      ['PUT', '/api/candidate/account/mobile', { mobile: '13800138000', code: '123456' }],
      ['POST', '/api/candidate/account/email/code', { email: 'someone@example.com' }],
      ['PUT', '/api/candidate/account/notification-channels', { channels: ['in_app'] }],
      ['GET', '/api/candidate/notifications', undefined],
    ];
    for (const [method, url, body] of routes) {
      const asStaff = await s.request(method, url, { body });
      expect(asStaff.statusCode, `${method} ${url} as staff`).toBe(403);
      const visitor = await new TestClient(ctx.app).start();
      const asVisitor = await visitor.request(method, url, { body });
      expect(asVisitor.statusCode, `${method} ${url} as visitor`).toBe(401);
    }
  });
});
