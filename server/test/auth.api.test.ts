import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, STRONG_PASSWORD } from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
  });
});
afterAll(() => ctx.close());

const client = () => new TestClient(ctx.app);
const accountRow = (id: number) =>
  ctx.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const sessionCount = async (accountId: number) =>
  (await ctx.db.selectFrom('sessions').select('id').where('accountId', '=', accountId).execute())
    .length;

describe('GET /api/auth/session', () => {
  it('when a visitor asks, then there is no account and a CSRF token is set in an HttpOnly cookie', async () => {
    const response = await client().get('/api/auth/session');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ account: null; csrfToken: string }>();
    expect(body.account).toBeNull();
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = response.cookies.find((c) => c.name === 'hqe_csrf');
    expect(cookie?.value).toBe(body.csrfToken);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('POST /api/auth/login', () => {
  it('when the password is right, then a session cookie is set and the account is returned', async () => {
    const staff = await createAccount(ctx.db, { roles: ['confirmation_reviewer'] });
    const c = client();
    const response = await c.login(staff.username.toUpperCase(), staff.password);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ account: Record<string, unknown>; csrfToken: string }>();
    expect(body.account).toMatchObject({
      id: staff.id,
      kind: 'staff',
      roles: ['confirmation_reviewer'],
      examArea: { code: '31', name: '上海' },
      mustChangePassword: false,
    });
    expect(body.account).not.toHaveProperty('passwordHash');
    const sid = response.cookies.find((x) => x.name === 'hqe_sid');
    expect(sid?.httpOnly).toBe(true);
    expect(sid?.sameSite).toBe('Lax');
    expect(sid?.path).toBe('/');
    const session = await c.get('/api/auth/session');
    expect(session.json<{ account: { id: number } }>().account.id).toBe(staff.id);
    expect((await accountRow(staff.id)).lastLoginAt?.toISOString()).toBe(
      ctx.clock.now().toISOString(),
    );
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('entityId', '=', String(staff.id))
      .where('action', '=', 'auth.login')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('when the password is wrong, then invalid_credentials and no session', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'] });
    const response = await client().login(staff.username, 'Wrong-Passw0rd!');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: {
        code: 'invalid_credentials',
        message: expect.stringContaining('账号或密码不正确') as string,
      },
    });
    expect(response.cookies.find((x) => x.name === 'hqe_sid')).toBeUndefined();
    expect(await sessionCount(staff.id)).toBe(0);
    expect((await accountRow(staff.id)).failedLoginCount).toBe(1);
  });

  it('when the account does not exist, then the same invalid_credentials answer', async () => {
    const response = await client().login('nobody-here', 'Whatever-123!');
    expect(response.statusCode).toBe(401);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('invalid_credentials');
  });

  it('when the password is wrong too often, then the account locks — even for the right password — until the lock time passes', async () => {
    const staff = await createAccount(ctx.db, { roles: ['qualification_reviewer'] });
    const c = client();
    expect((await c.login(staff.username, 'bad-1')).statusCode).toBe(401);
    expect((await c.login(staff.username, 'bad-2')).statusCode).toBe(401);
    const third = await c.login(staff.username, 'bad-3');
    expect(third.statusCode).toBe(423);
    expect(third.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'account_locked',
      message: expect.stringContaining('2026-11-20 10:15') as string,
    });
    const locked = await accountRow(staff.id);
    expect(locked.lockedUntil?.toISOString()).toBe('2026-11-20T02:15:00.000Z');
    expect(
      await ctx.db
        .selectFrom('auditEvents')
        .select('action')
        .where('entityId', '=', String(staff.id))
        .where('action', '=', 'account.locked')
        .execute(),
    ).toHaveLength(1);

    const whileLocked = await c.login(staff.username, staff.password);
    expect(whileLocked.statusCode).toBe(423);

    ctx.clock.advance(15 * 60_000);
    const afterwards = await c.login(staff.username, staff.password);
    expect(afterwards.statusCode).toBe(200);
    expect((await accountRow(staff.id)).failedLoginCount).toBe(0);
    ctx.clock.set('2026-11-20T02:00:00.000Z');
  });

  it('when the account is disabled, then login is refused with a message to contact the admin', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'], status: 'disabled' });
    const response = await client().login(staff.username, staff.password);
    expect(response.statusCode).toBe(403);
    expect(response.json<{ error: { message: string } }>().error.message).toContain('已停用');
    expect(await sessionCount(staff.id)).toBe(0);
  });

  it('when a candidate logs in at the staff console, then it is refused and the other way round too', async () => {
    const candidate = await createAccount(ctx.db, { roles: ['candidate'] });
    const staff = await createAccount(ctx.db, { roles: ['area_admin'] });
    const c = await client().start();
    const asConsole = await c.post('/api/auth/login', {
      username: candidate.username,
      password: candidate.password,
      portal: 'console',
    });
    expect(asConsole.statusCode).toBe(403);
    expect(asConsole.json<{ error: { message: string } }>().error.message).toContain('考生');
    const asCandidate = await c.post('/api/auth/login', {
      username: staff.username,
      password: staff.password,
      portal: 'candidate',
    });
    expect(asCandidate.statusCode).toBe(403);
    expect(await sessionCount(candidate.id)).toBe(0);
    expect(await sessionCount(staff.id)).toBe(0);
    const ok = await c.post('/api/auth/login', {
      username: candidate.username,
      password: candidate.password,
      portal: 'candidate',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ account: { kind: string; roles: string[] } }>().account).toMatchObject({
      kind: 'candidate',
      roles: ['candidate'],
    });
  });

  it('when the CSRF token is missing or wrong, then csrf_failed and nothing happens', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'] });
    const c = await client().start();
    const missing = await c.post(
      '/api/auth/login',
      { username: staff.username, password: staff.password },
      { withoutCsrf: true },
    );
    expect(missing.statusCode).toBe(403);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('csrf_failed');
    const wrong = await c.post(
      '/api/auth/login',
      { username: staff.username, password: staff.password },
      { headers: { 'x-csrf-token': 'x'.repeat(43) }, withoutCsrf: true },
    );
    expect(wrong.statusCode).toBe(403);
    expect(await sessionCount(staff.id)).toBe(0);
    expect((await accountRow(staff.id)).lastLoginAt).toBeNull();
  });

  it('when logged in, then state changes need the session token, not the old visitor token', async () => {
    const staff = await createAccount(ctx.db, { roles: ['platform_admin'] });
    const c = await client().start();
    const visitorToken = c.csrfToken;
    await c.login(staff.username, staff.password);
    expect(c.csrfToken).not.toBe(visitorToken);
    const stale = await c.post(
      '/api/auth/logout',
      {},
      { headers: { 'x-csrf-token': visitorToken ?? '' }, withoutCsrf: true },
    );
    expect(stale.statusCode).toBe(403);
    expect(await sessionCount(staff.id)).toBe(1);
  });
});

describe('sessions', () => {
  it('when the client logs out, then the session ends on the server', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'] });
    const c = client();
    await c.login(staff.username, staff.password);
    expect(await sessionCount(staff.id)).toBe(1);
    const response = await c.post('/api/auth/logout');
    expect(response.statusCode).toBe(200);
    expect(await sessionCount(staff.id)).toBe(0);
    const session = await c.get('/api/auth/session');
    expect(session.json<{ account: unknown }>().account).toBeNull();
  });

  it('when the session stays idle past the limit, then it no longer authenticates', async () => {
    const staff = await createAccount(ctx.db, { roles: ['platform_admin'] });
    const c = client();
    await c.login(staff.username, staff.password);
    ctx.clock.advance(29 * 60_000);
    expect((await c.get('/api/staff/accounts')).statusCode).toBe(200);
    ctx.clock.advance(29 * 60_000); // active a minute ago: the idle window slid forward
    expect((await c.get('/api/staff/accounts')).statusCode).toBe(200);
    ctx.clock.advance(31 * 60_000);
    const expired = await c.get('/api/staff/accounts');
    expect(expired.statusCode).toBe(401);
    expect(expired.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');
    ctx.clock.set('2026-11-20T02:00:00.000Z');
  });

  it('when the cookie is forged, then the request is anonymous', async () => {
    const c = client();
    c.cookies.set('hqe_sid', 'forged-token');
    const response = await c.get('/api/audit-events');
    expect(response.statusCode).toBe(401);
  });
});

describe('POST /api/auth/password', () => {
  it('when the password must be changed, then other staff APIs refuse until it is', async () => {
    const staff = await createAccount(ctx.db, {
      roles: ['platform_admin'],
      mustChangePassword: true,
    });
    const c = client();
    const login = await c.login(staff.username, staff.password);
    expect(
      login.json<{ account: { mustChangePassword: boolean } }>().account.mustChangePassword,
    ).toBe(true);
    const blocked = await c.get('/api/staff/accounts');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json<{ error: { code: string } }>().error.code).toBe('password_change_required');

    const weak = await c.post('/api/auth/password', {
      currentPassword: staff.password,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('至少需要 12 位') as string,
    });
    const wrongCurrent = await c.post('/api/auth/password', {
      currentPassword: 'not-the-password',
      newPassword: 'An0ther-Strong-One',
    });
    expect(wrongCurrent.statusCode).toBe(401);
    expect((await accountRow(staff.id)).mustChangePassword).toBe(true);

    const changed = await c.post('/api/auth/password', {
      currentPassword: staff.password,
      newPassword: 'An0ther-Strong-One',
    });
    expect(changed.statusCode).toBe(200);
    const row = await accountRow(staff.id);
    expect(row.mustChangePassword).toBe(false);
    expect(row.passwordChangedAt).not.toBeNull();
    expect((await c.get('/api/staff/accounts')).statusCode).toBe(200);
    expect((await client().login(staff.username, 'An0ther-Strong-One')).statusCode).toBe(200);
    expect((await client().login(staff.username, staff.password)).statusCode).toBe(401);
  });

  it('when the password changes, then the account’s other sessions end and this one stays', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'] });
    const phone = client();
    const desk = client();
    await phone.login(staff.username, staff.password);
    await desk.login(staff.username, staff.password);
    expect(await sessionCount(staff.id)).toBe(2);
    const response = await desk.post('/api/auth/password', {
      currentPassword: staff.password,
      newPassword: 'Brand-New-Passw0rd',
    });
    expect(response.statusCode).toBe(200);
    expect(await sessionCount(staff.id)).toBe(1);
    expect((await phone.get('/api/audit-events')).statusCode).toBe(401);
    expect((await desk.get('/api/audit-events')).statusCode).toBe(200);
  });

  it('when a visitor calls it, then unauthenticated', async () => {
    const c = await client().start();
    const response = await c.post('/api/auth/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'An0ther-Strong-One',
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('rate limiting', () => {
  it('when one address tries to log in too often, then 429 rate_limited', async () => {
    const limited = await createTestContext({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const c = await new TestClient(limited.app).start();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await c.post('/api/auth/login', { username: 'someone', password: 'x' });
        statuses.push(r.statusCode);
        if (r.statusCode === 429) {
          expect(r.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
        }
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('lockout under parallel guessing', () => {
  it('when many wrong passwords arrive at once, then each is counted, the account locks once, and the right password is then refused', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'] });
    const c = await client().start();
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        c.post('/api/auth/login', { username: staff.username, password: `wrong-${i}` }),
      ),
    );
    expect(attempts.every((r) => r.statusCode === 401 || r.statusCode === 423)).toBe(true);
    const row = await accountRow(staff.id);
    expect(row.failedLoginCount).toBe(8);
    expect(row.lockedUntil?.getTime()).toBeGreaterThan(ctx.clock.now().getTime());
    const locks = await ctx.db
      .selectFrom('auditEvents')
      .select('id')
      .where('entityId', '=', String(staff.id))
      .where('action', '=', 'account.locked')
      .execute();
    expect(locks).toHaveLength(1);
    expect((await c.login(staff.username, staff.password)).statusCode).toBe(423);
    expect(await sessionCount(staff.id)).toBe(0);
  });

  it('when a lock has expired, then one more wrong password locks again at once', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'] });
    const c = client();
    for (let i = 0; i < 3; i++) await c.login(staff.username, `wrong-${i}`);
    expect((await accountRow(staff.id)).lockedUntil).not.toBeNull();
    ctx.clock.advance(16 * 60_000);
    const again = await c.login(staff.username, 'wrong-again');
    expect(again.statusCode).toBe(423);
    const ok = await c.login(staff.username, staff.password);
    expect(ok.statusCode).toBe(423);
    ctx.clock.advance(16 * 60_000);
    expect((await c.login(staff.username, staff.password)).statusCode).toBe(200);
    expect((await accountRow(staff.id)).failedLoginCount).toBe(0);
    ctx.clock.set('2026-11-20T02:00:00.000Z');
  });
});

describe('paths that reach API routes', () => {
  it('when the path is percent-encoded, then the CSRF check still applies', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'] });
    const c = await client().start();
    const response = await c.post(
      '/%61pi/auth/login',
      { username: staff.username, password: staff.password },
      { withoutCsrf: true },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('csrf_failed');
    expect(await sessionCount(staff.id)).toBe(0);
  });
});
