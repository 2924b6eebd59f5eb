import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

/**
 * Every kind of bad input gets its stable error code and a 4xx, changes nothing, and leaves no
 * secret in the logs.
 */
let ctx: TestContext;
let admin: TestClient;
const SECRET = 'Sup3r-Secret-Passw0rd!';

beforeAll(async () => {
  ctx = await createTestContext({ env: { BODY_LIMIT_BYTES: '2048' } });
  const account = await createAccount(ctx.db, { roles: ['platform_admin'] });
  admin = new TestClient(ctx.app);
  await admin.login(account.username, account.password);
});
afterAll(() => ctx.close());

let before: { accounts: number; audit: number };
const counts = async () => ({
  accounts: (await ctx.db.selectFrom('accounts').select('id').execute()).length,
  audit: (await ctx.db.selectFrom('auditEvents').select('id').execute()).length,
});
beforeEach(async () => {
  before = await counts();
});

const errorOf = (response: { json: () => unknown }) =>
  (response.json() as { error: { code: string; message: string; details?: unknown } }).error;

const validStaff = (overrides: Record<string, unknown> = {}) => ({
  username: 'newreviewer',
  displayName: '新审核员',
  roles: ['confirmation_reviewer'],
  examAreaId: 1,
  initialPassword: SECRET,
  ...overrides,
});

describe('bad input', () => {
  it('when the JSON is malformed, then 400 malformed_body', async () => {
    const response = await admin.request('POST', '/api/staff/accounts', {
      payload: '{"username": "abc", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('malformed_body');
    expect(await counts()).toEqual(before);
  });

  it('when a field is unknown, then 400 validation_failed naming it', async () => {
    const response = await admin.post('/api/staff/accounts', validStaff({ isRoot: true }));
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(JSON.stringify(error.details)).toContain('isRoot');
    expect(await counts()).toEqual(before);
  });

  it('when a field has the wrong type, then 400 validation_failed with its path', async () => {
    const response = await admin.post('/api/staff/accounts', validStaff({ roles: 'area_admin' }));
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    const issues = (error.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path === 'roles')).toBe(true);
    expect(issues[0]?.message).toContain('数组');
    expect(await counts()).toEqual(before);
  });

  it('when a query parameter is out of range, then 400 validation_failed', async () => {
    const response = await admin.get('/api/staff/accounts?pageSize=100000');
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('validation_failed');
  });

  it('when a path id is not a number, then 400 validation_failed', async () => {
    const response = await admin.post('/api/staff/accounts/abc/unlock');
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('validation_failed');
  });

  it('when the body is larger than the limit, then 413 payload_too_large', async () => {
    const response = await admin.post(
      '/api/staff/accounts',
      validStaff({ displayName: '长'.repeat(3000) }),
    );
    expect(response.statusCode).toBe(413);
    expect(errorOf(response).code).toBe('payload_too_large');
    expect(await counts()).toEqual(before);
  });

  it('when the content type is not JSON, then 415 unsupported_media_type', async () => {
    const response = await admin.request('POST', '/api/staff/accounts', {
      payload: 'username=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(415);
    expect(errorOf(response).code).toBe('unsupported_media_type');
    expect(await counts()).toEqual(before);
  });

  it('when the route does not exist, then 404 not_found in the envelope', async () => {
    for (const [method, url] of [
      ['GET', '/api/does-not-exist'],
      ['POST', '/api/staff/nothing'],
      ['DELETE', '/api/auth/session'],
    ] as const) {
      const response = await admin.request(method, url);
      expect(response.statusCode).toBe(404);
      expect(errorOf(response).code).toBe('not_found');
    }
  });

  it('when the credentials are wrong, then 401 invalid_credentials', async () => {
    const c = new TestClient(ctx.app);
    const response = await c.login('admin-who-is-not', SECRET);
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe('invalid_credentials');
  });

  it('when the CSRF token is missing, then 403 csrf_failed and nothing is created', async () => {
    const response = await admin.post('/api/staff/accounts', validStaff(), { withoutCsrf: true });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('csrf_failed');
    expect(await counts()).toEqual(before);
  });

  it('when everything is right, then the same request succeeds (the refusals above were for cause)', async () => {
    const response = await admin.post('/api/staff/accounts', validStaff());
    expect(response.statusCode).toBe(201);
    expect((await counts()).accounts).toBe(before.accounts + 1);
  });

  it('then no log line carries a password, a cookie or a CSRF token', () => {
    const all = ctx.logs.join('\n');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(admin.cookies.get('hqe_sid') ?? 'no-session');
    expect(all).not.toContain(admin.csrfToken ?? 'no-token');
    expect(all).toContain('"statusCode":413');
  });
});
