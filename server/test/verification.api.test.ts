import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueMobile } from './factories';
import { firstIssue, outboxCode, outboxCount, signUp } from './candidate-helpers';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    env: { VERIFICATION_DAILY_LIMIT: '3', VERIFICATION_IP_HOURLY_LIMIT: '1000' },
  });
});
afterAll(() => ctx.close());

const visitor = () => new TestClient(ctx.app).start();
const requestCode = async (mobile: string, client?: TestClient, ip?: string) =>
  (client ?? (await visitor())).request('POST', '/api/candidate/signup/code', {
    body: { mobile },
    ...(ip ? { headers: { 'x-forwarded-for': ip } } : {}),
  });
const MINUTE = 60_000;

describe('POST /api/candidate/signup/code', () => {
  it('when a visitor asks for a code, then a 6-digit code goes to the outbox and the answer masks the number', async () => {
    const mobile = uniqueMobile();
    const response = await requestCode(mobile);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      sentTo: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`,
      expiresInSeconds: 600,
      resendAfterSeconds: 60,
    });
    const outbox = await new TestClient(ctx.app).get(`/api/dev/outbox?to=${mobile}`);
    const [message] = outbox.json<{ messages: Record<string, unknown>[] }>().messages;
    expect(message).toMatchObject({
      channel: 'sms',
      to: mobile,
      code: expect.stringMatching(/^[0-9]{6}$/) as unknown,
    });
    expect(message?.body).toContain('10 分钟内有效，用于注册账号');
  });

  it('when a code is stored, then neither the code nor the number is readable in the database', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const code = await outboxCode(ctx, mobile);
    const codes = await sql<Record<string, unknown>>`select * from verification_codes`.execute(
      ctx.db,
    );
    const messages = await sql<Record<string, unknown>>`select * from outbound_messages`.execute(
      ctx.db,
    );
    const text = JSON.stringify([codes.rows, messages.rows]);
    expect(text).not.toContain(mobile);
    expect(text).not.toContain(code);
  });

  it('when the same number asks again within 60 seconds, then it is refused with the seconds to wait, and after them it works', async () => {
    const mobile = uniqueMobile();
    expect((await requestCode(mobile)).statusCode).toBe(200);
    ctx.clock.advance(20_000);
    const again = await requestCode(mobile);
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBe('40');
    expect(again.json()).toMatchObject({
      error: {
        code: 'rate_limited',
        message: '获取验证码过于频繁，请 40 秒后再试。',
        details: { retryAfterSeconds: 40 },
      },
    });
    expect(await outboxCount(ctx, mobile)).toBe(1);
    ctx.clock.advance(40_000);
    expect((await requestCode(mobile)).statusCode).toBe(200);
    expect(await outboxCount(ctx, mobile)).toBe(2);
  });

  it('when a number reached its daily limit, then it is refused until a day after the first code', async () => {
    const mobile = uniqueMobile();
    const first = ctx.clock.now();
    for (let i = 0; i < 3; i++) {
      expect((await requestCode(mobile)).statusCode).toBe(200);
      ctx.clock.advance(MINUTE);
    }
    const refused = await requestCode(mobile);
    expect(refused.statusCode).toBe(429);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(
      /^获取验证码过于频繁，请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）后再试。$/,
    );
    ctx.clock.set(new Date(first.getTime() + 86_400_000 + 1000));
    expect((await requestCode(mobile)).statusCode).toBe(200);
  });

  it('when the mobile number is malformed, then nothing is sent and the message says the format', async () => {
    const response = await requestCode('1234');
    expect(response.statusCode).toBe(400);
    expect(firstIssue(response).issue?.message).toMatch(/以 1 开头的 11 位数字/);
  });

  it('when no CSRF token is sent, then the request is refused', async () => {
    const client = await visitor();
    const response = await client.request('POST', '/api/candidate/signup/code', {
      body: { mobile: uniqueMobile() },
      withoutCsrf: true,
    });
    expect(response.statusCode).toBe(403);
  });

  it('when codes are requested, then the logs hold neither the numbers nor the codes', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const code = await outboxCode(ctx, mobile);
    const logs = ctx.logs.join('\n');
    expect(logs).not.toContain(mobile);
    expect(logs).not.toContain(code);
  });
});

describe('checking a code at sign-up', () => {
  it('when the code has expired, then sign-up is refused and asks for a new code', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const code = await outboxCode(ctx, mobile);
    ctx.clock.advance(10 * MINUTE);
    const { response } = await signUp(ctx, { mobile, code });
    expect(response.statusCode).toBe(400);
    expect(firstIssue(response).issue).toEqual({
      path: 'code',
      message: '验证码已失效或不存在，请重新获取验证码。',
    });
  });

  it('when a wrong code is tried five times, then even the right code is refused', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const code = await outboxCode(ctx, mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await signUp(ctx, { mobile, code: wrong });
    expect(first.response.statusCode).toBe(400);
    expect(firstIssue(first.response).issue?.message).toBe(
      '验证码不正确，请核对后重新输入（还可尝试 4 次）。',
    );
    for (let i = 0; i < 4; i++) await signUp(ctx, { mobile, code: wrong });
    const right = await signUp(ctx, { mobile, code });
    expect(right.response.statusCode).toBe(400);
    expect(firstIssue(right.response).issue?.message).toBe(
      '验证码输入错误次数过多，请重新获取验证码。',
    );
  });

  it('when a newer code was sent, then the older one no longer counts', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const older = await outboxCode(ctx, mobile);
    ctx.clock.advance(MINUTE);
    await requestCode(mobile);
    const newer = await outboxCode(ctx, mobile);
    if (older !== newer) {
      const stale = await signUp(ctx, { mobile, code: older });
      expect(stale.response.statusCode).toBe(400);
    }
    const fresh = await signUp(ctx, { mobile, code: newer });
    expect(fresh.response.statusCode).toBe(201);
  });

  it('when a code was used, then it cannot be used again', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const code = await outboxCode(ctx, mobile);
    expect((await signUp(ctx, { mobile, code })).response.statusCode).toBe(201);
    const again = await signUp(ctx, { mobile, code });
    expect(again.response.statusCode).toBe(400);
    expect(firstIssue(again.response).issue?.path).toBe('code');
  });

  it('when the code was sent to another number, then it does not sign up this one', async () => {
    const a = uniqueMobile();
    const b = uniqueMobile();
    await requestCode(a);
    await requestCode(b);
    const codeA = await outboxCode(ctx, a);
    const response = await signUp(ctx, { mobile: b, code: codeA });
    // One chance in a million that b's own code is the same six digits.
    if (codeA !== (await outboxCode(ctx, b))) expect(response.response.statusCode).toBe(400);
  });
});

describe('the per-address limit', () => {
  let strict: TestContext;
  beforeAll(async () => {
    strict = await createTestContext({
      env: { VERIFICATION_IP_HOURLY_LIMIT: '2', TRUST_PROXY: 'true' },
    });
  });
  afterAll(() => strict.close());

  it('when one address asks codes for many numbers, then it is stopped after the hourly limit; other addresses are not', async () => {
    const client = await new TestClient(strict.app).start();
    const post = (mobile: string, ip: string) =>
      client.request('POST', '/api/candidate/signup/code', {
        body: { mobile },
        headers: { 'x-forwarded-for': ip },
      });
    expect((await post(uniqueMobile(), '203.0.113.7')).statusCode).toBe(200);
    expect((await post(uniqueMobile(), '203.0.113.7')).statusCode).toBe(200);
    const third = await post(uniqueMobile(), '203.0.113.7');
    expect(third.statusCode).toBe(429);
    expect(third.json<{ error: { message: string } }>().error.message).toMatch(
      /获取验证码过于频繁/,
    );
    expect((await post(uniqueMobile(), '203.0.113.8')).statusCode).toBe(200);
    strict.clock.advance(3_600_000);
    expect((await post(uniqueMobile(), '203.0.113.7')).statusCode).toBe(200);
  });
});

describe('TRUST_PROXY with a list of proxy addresses', () => {
  it('when X-Forwarded-For comes from an untrusted peer, then it is ignored for the per-address limit', async () => {
    const proxied = await createTestContext({
      env: { TRUST_PROXY: '10.0.0.5', VERIFICATION_IP_HOURLY_LIMIT: '1' },
    });
    try {
      const client = await new TestClient(proxied.app).start();
      const ask = (remoteAddress: string, forwarded: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/candidate/signup/code',
          remoteAddress,
          cookies: Object.fromEntries(client.cookies),
          headers: {
            'x-forwarded-for': forwarded,
            'x-csrf-token': client.csrfToken ?? '',
            'content-type': 'application/json',
          },
          payload: { mobile: uniqueMobile() },
        });
      // Through the trusted proxy: each forwarded client has its own hourly allowance.
      expect((await ask('10.0.0.5', '198.51.100.1')).statusCode).toBe(200);
      expect((await ask('10.0.0.5', '198.51.100.2')).statusCode).toBe(200);
      // Straight from a client: a forged X-Forwarded-For does not give a fresh allowance.
      expect((await ask('203.0.113.50', '198.51.100.3')).statusCode).toBe(200);
      expect((await ask('203.0.113.50', '198.51.100.4')).statusCode).toBe(429);
    } finally {
      await proxied.close();
    }
  });
});

describe('GET /api/dev/outbox', () => {
  it('when the server runs in production, then the outbox API does not exist even if asked for', async () => {
    const production = await createTestContext({
      env: {
        NODE_ENV: 'production',
        DEV_OUTBOX_API: 'true',
        DATA_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      },
    });
    try {
      expect(production.config.devOutboxApi).toBe(false);
      const response = await production.app.inject({
        method: 'GET',
        url: '/api/dev/outbox?to=13800138000',
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await production.close();
    }
  });

  it('when DEV_OUTBOX_API is false outside production, then the outbox API does not exist', async () => {
    const off = await createTestContext({ env: { DEV_OUTBOX_API: 'false' } });
    try {
      const response = await off.app.inject({
        method: 'GET',
        url: '/api/dev/outbox?to=13800138000',
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('when the request does not come from this machine, then the outbox refuses it even with a loopback X-Forwarded-For', async () => {
    const behindProxy = await createTestContext({ env: { TRUST_PROXY: 'true' } });
    try {
      const remote = await behindProxy.app.inject({
        method: 'GET',
        url: '/api/dev/outbox?to=13800138000',
        remoteAddress: '203.0.113.9',
        headers: { 'x-forwarded-for': '127.0.0.1' },
      });
      expect(remote.statusCode).toBe(403);
      expect(remote.json<{ error: { code: string } }>().error.code).toBe('forbidden');
      expect(remote.body).not.toContain('messages');
      const local = await behindProxy.app.inject({
        method: 'GET',
        url: '/api/dev/outbox?to=13800138000',
        remoteAddress: '::ffff:127.0.0.1',
      });
      expect(local.statusCode).toBe(200);
    } finally {
      await behindProxy.close();
    }
  });

  it('when the server listens on a public address and DEV_OUTBOX_API is only the default, then the outbox API does not exist', async () => {
    const exposed = await createTestContext({ env: { NODE_ENV: 'development', HOST: '0.0.0.0' } });
    try {
      expect(exposed.config.devOutboxApi).toBe(false);
      const response = await exposed.app.inject({
        method: 'GET',
        url: '/api/dev/outbox?to=13800138000',
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await exposed.close();
    }
  });

  it('when no recipient is given, then it says what to give', async () => {
    const response = await new TestClient(ctx.app).get('/api/dev/outbox');
    expect(response.statusCode).toBe(400);
  });
});
