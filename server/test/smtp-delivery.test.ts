import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpEmailDelivery, SmtpDeliveryError } from '../src/modules/verification';
import { outboxCount } from './candidate-helpers';
import { createCandidate } from './factories';
import { decodeEncodedWords, rawHeader, splitMime, startSmtpPeer } from './notification-helpers';
import { createTestContext, TestClient, type TestContext } from './test-app';

/** The addresses the peer refuses with a 550: one named, and any starting with "refused". */
const refuses = (address: string) =>
  address === 'nobody@example.com' || address.startsWith('refused');

/** Headers (decoded, by lower-case name) and the decoded text body of a message. */
function parseMessage(raw: string) {
  const { head, body: encodedBody } = splitMime(raw);
  const body =
    rawHeader(head, 'content-transfer-encoding').toLowerCase() === 'base64'
      ? Buffer.from(encodedBody.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encodedBody;
  return {
    header: (name: string) => decodeEncodedWords(rawHeader(head, name)),
    contentType: rawHeader(head, 'content-type'),
    body,
  };
}

describe('SMTP e-mail delivery', () => {
  let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
  let ctx: TestContext;
  beforeAll(async () => {
    peer = await startSmtpPeer({ refuses });
    ctx = await createTestContext({
      env: { SMTP_URL: peer.url, MAIL_FROM: '卫生资格考试网上报名 <no-reply@hqe.example.cn>' },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await peer.close();
  });

  it('when a candidate binds an e-mail address, then the code arrives over SMTP in UTF-8 Chinese and binds the address', async () => {
    const candidate = await createCandidate(ctx.db);
    const c = new TestClient(ctx.app);
    await c.login(candidate.mobile, candidate.password);
    const email = `wang.wu${candidate.accountId}@example.com`;
    const sent = await c.post('/api/candidate/account/email/code', { email });
    expect(sent.statusCode, sent.body).toBe(200);

    const message = peer.received.at(-1);
    expect(message?.rcptTo).toEqual([email]);
    expect(message?.mailFrom).toBe('no-reply@hqe.example.cn');
    const parsed = parseMessage(message!.raw);
    expect(parsed.header('to')).toBe(email);
    expect(parsed.header('from')).toBe('卫生资格考试网上报名 <no-reply@hqe.example.cn>');
    expect(parsed.header('subject')).toBe('全国卫生专业技术资格考试网上报名：绑定电子邮箱验证码');
    expect(parsed.contentType.toLowerCase()).toContain('charset=utf-8');
    expect(parsed.body).toMatch(/您的验证码为 [0-9]{6}，10 分钟内有效，用于绑定电子邮箱。/);
    const code = /验证码为 ([0-9]{6})/.exec(parsed.body)?.[1];

    // Sent by SMTP, so nothing was kept in the development outbox.
    expect(await outboxCount(ctx, email)).toBe(0);
    const bound = await c.request('PUT', '/api/candidate/account/email', { body: { email, code } });
    expect(bound.statusCode, bound.body).toBe(200);
    expect(bound.json()).toMatchObject({ email, emailVerifiedAt: expect.any(String) as unknown });
  });

  it('when e-mail notifications are on, then the worker sends them over SMTP', async () => {
    const email = `notify${Date.now()}@example.com`;
    const candidate = await createCandidate(ctx.db, { email });
    const c = new TestClient(ctx.app);
    await c.login(candidate.mobile, candidate.password);
    await c.request('PUT', '/api/candidate/account/notification-channels', {
      body: { channels: ['in_app', 'email'] },
    });
    const anon = await new TestClient(ctx.app).start();
    await anon.post('/api/candidate/password-reset/code', { identifier: candidate.documentNumber });
    const before = peer.received.length;
    // The reset code went by SMS (outbox); read it there and reset.
    const outbox = await new TestClient(ctx.app).get(`/api/dev/outbox?to=${candidate.mobile}`);
    const code = outbox.json<{ messages: { code: string }[] }>().messages[0]!.code;
    const reset = await anon.post('/api/candidate/password-reset', {
      identifier: candidate.documentNumber,
      code,
      newPassword: 'Reset-Passw0rd-2026',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(peer.received.length).toBe(before);
    await ctx.worker.drain();
    const message = peer.received.at(-1);
    expect(peer.received.length).toBe(before + 1);
    expect(message?.rcptTo).toEqual([email]);
    const parsed = parseMessage(message!.raw);
    expect(parsed.header('subject')).toBe('全国卫生专业技术资格考试网上报名：密码已重置');
    expect(parsed.body).toContain('您的考生账号密码已于');
  });

  it('when the SMTP server refuses the recipient, then the candidate is told to try later, the code is void and the address is not logged', async () => {
    const candidate = await createCandidate(ctx.db);
    const c = new TestClient(ctx.app);
    await c.login(candidate.mobile, candidate.password);
    const response = await c.post('/api/candidate/account/email/code', {
      email: 'nobody@example.com',
    });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      error: {
        code: 'unavailable',
        message: expect.stringMatching(/邮件验证码发送失败/) as unknown,
      },
    });
    const codes = await ctx.db
      .selectFrom('verificationCodes')
      .select(['consumedAt'])
      .where('accountId', '=', candidate.accountId)
      .execute();
    expect(codes).toHaveLength(1);
    expect(codes[0]?.consumedAt).not.toBeNull();
    expect(ctx.logs.join('\n')).not.toContain('nobody@example.com');
    expect(ctx.logs.join('\n')).toContain('verification code delivery failed');
  });
});

describe('SMTP failures carry no address', () => {
  let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
  let ctx: TestContext;
  beforeAll(async () => {
    peer = await startSmtpPeer({ refuses });
    ctx = await createTestContext({ env: { SMTP_URL: peer.url } });
  });
  afterAll(async () => {
    await ctx.close();
    await peer.close();
  });

  it('when the peer refuses the recipient, then the error has the name, code and response code only', async () => {
    const send = createSmtpEmailDelivery({ url: peer.url, from: 'no-reply@hqe.example.cn' });
    try {
      const error = await send({
        to: 'refused.one@example.com',
        subject: '测试',
        text: '正文',
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SmtpDeliveryError);
      const e = error as SmtpDeliveryError;
      expect(e.responseCode).toBe(550);
      expect(e.code).toBe('EENVELOPE');
      expect(e.message).not.toContain('refused.one');
      expect(e.message).not.toContain('@');
      expect(JSON.stringify(e)).not.toContain('refused.one');
      expect(e.stack ?? '').not.toContain('refused.one');
    } finally {
      send.close();
    }
  });

  it('when an e-mail notification is refused, then the outbox error and the logs have no address', async () => {
    const email = `refused${Date.now()}@example.com`;
    const candidate = await createCandidate(ctx.db, { email });
    const c = new TestClient(ctx.app);
    await c.login(candidate.mobile, candidate.password);
    const channels = await c.request('PUT', '/api/candidate/account/notification-channels', {
      body: { channels: ['in_app', 'email'] },
    });
    expect(channels.statusCode, channels.body).toBe(200);
    const anon = await new TestClient(ctx.app).start();
    await anon.post('/api/candidate/password-reset/code', { identifier: candidate.documentNumber });
    const outbox = await new TestClient(ctx.app).get(`/api/dev/outbox?to=${candidate.mobile}`);
    const code = outbox.json<{ messages: { code: string }[] }>().messages[0]!.code;
    const reset = await anon.post('/api/candidate/password-reset', {
      identifier: candidate.documentNumber,
      code,
      newPassword: 'Reset-Passw0rd-2026',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    await ctx.worker.drain();
    // Notifications are outbox messages (docs/decisions/0013): the failure is kept there, and a
    // 550 (the server refuses the address for good) ends the message without further tries.
    const messages = await ctx.db
      .selectFrom('notificationMessages')
      .select(['id', 'status', 'lastError'])
      .where('accountId', '=', candidate.accountId)
      .where('channel', '=', 'email')
      .execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.status).toBe('dead');
    const attempts = await ctx.db
      .selectFrom('notificationDeliveryAttempts')
      .select(['error'])
      .where('messageId', '=', messages[0]!.id)
      .execute();
    for (const error of [messages[0]?.lastError, ...attempts.map((a) => a.error)]) {
      expect(error).toMatch(/SMTP delivery failed.*responseCode=550/);
      expect(error).not.toContain(email);
      expect(error).not.toContain('@');
    }
    expect(ctx.logs.join('\n')).not.toContain(email);
  });

  it('when a password-reset code by e-mail is refused, then the answer is the same as a delivered one and the code is void', async () => {
    const email = `refused.reset${Date.now()}@example.com`;
    const candidate = await createCandidate(ctx.db, { email });
    const anon = await new TestClient(ctx.app).start();
    const response = await anon.post('/api/candidate/password-reset/code', {
      identifier: candidate.documentNumber,
      channel: 'email',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      sentTo: null,
      expiresInSeconds: 600,
      resendAfterSeconds: 60,
    });
    const codes = await ctx.db
      .selectFrom('verificationCodes')
      .select(['consumedAt'])
      .where('accountId', '=', candidate.accountId)
      .execute();
    expect(codes).toHaveLength(1);
    expect(codes[0]?.consumedAt).not.toBeNull();
    expect(ctx.logs.join('\n')).not.toContain(email);
  });
});

describe('SMTP delivery without a reachable server', () => {
  it('when nothing listens at SMTP_URL, then sending fails quickly instead of hanging', async () => {
    const peer = await startSmtpPeer();
    const url = peer.url;
    await peer.close();
    const send = createSmtpEmailDelivery({ url, from: 'no-reply@hqe.example.cn' });
    const started = Date.now();
    await expect(send({ to: 'a@example.com', subject: '测试', text: '正文' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(10_000);
    send.close();
  });
});
