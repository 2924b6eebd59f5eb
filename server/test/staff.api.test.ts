import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, examAreaId, uniqueUsername } from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
let shanghai: number;
let otherArea: number;
beforeAll(async () => {
  ctx = await createTestContext();
  shanghai = await examAreaId(ctx.db, '31');
  otherArea = await examAreaId(ctx.db, '32');
});
afterAll(() => ctx.close());

async function loggedIn(options: Parameters<typeof createAccount>[1]) {
  const account = await createAccount(ctx.db, options);
  const client = new TestClient(ctx.app);
  const response = await client.login(account.username, account.password);
  expect(response.statusCode).toBe(200);
  return { account, client };
}

const newStaff = (overrides: Record<string, unknown> = {}) => ({
  username: uniqueUsername('staff'),
  displayName: '王审核',
  roles: ['confirmation_reviewer'],
  examAreaId: shanghai,
  initialPassword: 'Initial-Passw0rd!',
  ...overrides,
});

const errorCode = (r: { json: () => unknown }) =>
  (r.json() as { error: { code: string } }).error.code;

describe('creating staff accounts', () => {
  it('when a platform admin creates a reviewer, then the account exists, must change its password, and the change is audited', async () => {
    const { account: admin, client } = await loggedIn({ roles: ['platform_admin'] });
    const input = newStaff();
    const response = await client.post('/api/staff/accounts', input);
    expect(response.statusCode).toBe(201);
    const created = response.json<{ id: number }>();
    expect(created).toMatchObject({
      username: input.username,
      roles: ['confirmation_reviewer'],
      examArea: { id: shanghai, code: '31' },
      status: 'active',
      mustChangePassword: true,
      lockedUntil: null,
    });
    expect(created).not.toHaveProperty('passwordHash');
    const row = await ctx.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'account.created')
      .where('entityId', '=', String(created.id))
      .executeTakeFirstOrThrow();
    expect(audit.actorAccountId).toBe(admin.id);
    expect(audit.examAreaId).toBe(shanghai);
    expect(audit.after).toMatchObject({
      username: input.username,
      roles: ['confirmation_reviewer'],
    });
    expect(JSON.stringify(audit.after)).not.toContain('argon2');

    const first = new TestClient(ctx.app);
    const login = await first.login(input.username, input.initialPassword);
    expect(
      login.json<{ account: { mustChangePassword: boolean } }>().account.mustChangePassword,
    ).toBe(true);
  });

  it('when the username is taken (in any letter case), then 409 conflict and no second account', async () => {
    const { client } = await loggedIn({ roles: ['platform_admin'] });
    const input = newStaff();
    expect((await client.post('/api/staff/accounts', input)).statusCode).toBe(201);
    const again = await client.post('/api/staff/accounts', {
      ...input,
      username: input.username.toUpperCase(),
    });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('conflict');
    const rows = await ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', input.username)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('when the initial password breaks the staff policy, then 400 with the rule that failed', async () => {
    const { client } = await loggedIn({ roles: ['platform_admin'] });
    const input = newStaff({ initialPassword: 'alllowercase1' });
    const response = await client.post('/api/staff/accounts', input);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toContain('至少 3 类');
    const passwordHasName = await client.post(
      '/api/staff/accounts',
      newStaff({ username: 'zhangsan', initialPassword: 'Zhangsan-2024!' }),
    );
    expect(passwordHasName.statusCode).toBe(400);
    expect(passwordHasName.json<{ error: { message: string } }>().error.message).toContain(
      '用户名',
    );
  });

  it('when an area-scoped role has no area, then 400; a platform admin with an area, 400', async () => {
    const { client } = await loggedIn({ roles: ['platform_admin'] });
    const noArea = await client.post('/api/staff/accounts', newStaff({ examAreaId: null }));
    expect(noArea.statusCode).toBe(400);
    const adminWithArea = await client.post(
      '/api/staff/accounts',
      newStaff({ roles: ['platform_admin'], examAreaId: shanghai }),
    );
    expect(adminWithArea.statusCode).toBe(400);
  });

  it('when an area admin creates staff, then it lands in the own area whatever was asked, and platform_admin cannot be granted', async () => {
    const { client } = await loggedIn({ roles: ['area_admin'], areaCode: '31' });
    const response = await client.post('/api/staff/accounts', newStaff({ examAreaId: otherArea }));
    expect(response.statusCode).toBe(201);
    expect(response.json<{ examArea: { id: number } }>().examArea.id).toBe(shanghai);
    const escalate = await client.post(
      '/api/staff/accounts',
      newStaff({ roles: ['platform_admin'], examAreaId: null }),
    );
    expect(escalate.statusCode).toBe(403);
    expect(errorCode(escalate)).toBe('forbidden');
  });

  it('when a reviewer or a candidate tries, then 403; a visitor, 401', async () => {
    for (const roles of [
      ['confirmation_reviewer'],
      ['qualification_reviewer'],
      ['candidate'],
    ] as const) {
      const { client } = await loggedIn({ roles: [...roles] });
      const response = await client.post('/api/staff/accounts', newStaff());
      expect(response.statusCode).toBe(403);
      expect((await client.get('/api/staff/accounts')).statusCode).toBe(403);
    }
    const visitor = await new TestClient(ctx.app).start();
    expect((await visitor.post('/api/staff/accounts', newStaff())).statusCode).toBe(401);
  });
});

describe('listing staff', () => {
  it('when an area admin lists, then only the own area’s staff appear', async () => {
    const mine = await createAccount(ctx.db, { roles: ['qualification_reviewer'], areaCode: '31' });
    const theirs = await createAccount(ctx.db, {
      roles: ['qualification_reviewer'],
      areaCode: '32',
    });
    const { client } = await loggedIn({ roles: ['area_admin'], areaCode: '31' });
    const response = await client.get(`/api/staff/accounts?pageSize=200&examAreaId=${otherArea}`);
    expect(response.statusCode).toBe(200);
    const ids = response.json<{ items: { id: number; examArea: { id: number } | null }[] }>().items;
    expect(ids.map((i) => i.id)).toContain(mine.id);
    expect(ids.map((i) => i.id)).not.toContain(theirs.id);
    expect(ids.every((i) => i.examArea?.id === shanghai)).toBe(true);
  });

  it('when a platform admin filters by area and searches, then the list and total follow', async () => {
    const target = await createAccount(ctx.db, {
      roles: ['confirmation_reviewer'],
      areaCode: '32',
      displayName: '李独特',
    });
    const { client } = await loggedIn({ roles: ['platform_admin'] });
    const response = await client.get(
      `/api/staff/accounts?examAreaId=${otherArea}&q=${encodeURIComponent('独特')}`,
    );
    const body = response.json<{ items: { id: number }[]; total: number; page: number }>();
    expect(body.items.map((i) => i.id)).toEqual([target.id]);
    expect(body.total).toBe(1);
    const paged = await client.get('/api/staff/accounts?page=1&pageSize=1');
    const pagedBody = paged.json<{ items: unknown[]; total: number }>();
    expect(pagedBody.items).toHaveLength(1);
    expect(pagedBody.total).toBeGreaterThan(1);
  });
});

describe('managing a staff account', () => {
  it('when an admin resets a password, then the account unlocks, must change it, and its sessions end', async () => {
    const { client } = await loggedIn({ roles: ['area_admin'], areaCode: '31' });
    const { account: reviewer, client: reviewerClient } = await loggedIn({
      roles: ['confirmation_reviewer'],
      areaCode: '31',
    });
    await ctx.db
      .updateTable('accounts')
      .set({ lockedUntil: new Date('2030-01-01T00:00:00Z'), failedLoginCount: 2 })
      .where('id', '=', reviewer.id)
      .execute();
    const response = await client.post(`/api/staff/accounts/${reviewer.id}/reset-password`, {
      newPassword: 'Temporary-Passw0rd',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ mustChangePassword: true, lockedUntil: null });
    expect(
      (await reviewerClient.get('/api/auth/session')).json<{ account: unknown }>().account,
    ).toBeNull();
    const relogin = await new TestClient(ctx.app).login(reviewer.username, 'Temporary-Passw0rd');
    expect(relogin.statusCode).toBe(200);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'account.password_reset')
      .where('entityId', '=', String(reviewer.id))
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ mustChangePassword: false });
    expect(audit.after).toMatchObject({ mustChangePassword: true, lockedUntil: null });
  });

  it('when an admin unlocks a locked account, then it can log in again', async () => {
    const { client } = await loggedIn({ roles: ['platform_admin'] });
    const locked = await createAccount(ctx.db, {
      roles: ['qualification_reviewer'],
      areaCode: '32',
    });
    await ctx.db
      .updateTable('accounts')
      .set({ lockedUntil: new Date('2030-01-01T00:00:00Z') })
      .where('id', '=', locked.id)
      .execute();
    expect((await new TestClient(ctx.app).login(locked.username, locked.password)).statusCode).toBe(
      423,
    );
    const response = await client.post(`/api/staff/accounts/${locked.id}/unlock`);
    expect(response.statusCode).toBe(200);
    expect((await new TestClient(ctx.app).login(locked.username, locked.password)).statusCode).toBe(
      200,
    );
  });

  it('when an admin disables an account, then its sessions end and it cannot log in; enabling restores it', async () => {
    const { client } = await loggedIn({ roles: ['area_admin'], areaCode: '31' });
    const { account: reviewer, client: reviewerClient } = await loggedIn({
      roles: ['confirmation_reviewer'],
      areaCode: '31',
    });
    const disabled = await client.post(`/api/staff/accounts/${reviewer.id}/status`, {
      status: 'disabled',
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json<{ status: string }>().status).toBe('disabled');
    expect(
      (await reviewerClient.get('/api/auth/session')).json<{ account: unknown }>().account,
    ).toBeNull();
    expect(
      (await new TestClient(ctx.app).login(reviewer.username, reviewer.password)).statusCode,
    ).toBe(403);
    const enabled = await client.post(`/api/staff/accounts/${reviewer.id}/status`, {
      status: 'active',
    });
    expect(enabled.statusCode).toBe(200);
    expect(
      (await new TestClient(ctx.app).login(reviewer.username, reviewer.password)).statusCode,
    ).toBe(200);
  });

  it('when an admin tries to disable the own account, then 409 and nothing changes', async () => {
    const { account, client } = await loggedIn({ roles: ['platform_admin'] });
    const response = await client.post(`/api/staff/accounts/${account.id}/status`, {
      status: 'disabled',
    });
    expect(response.statusCode).toBe(409);
    const row = await ctx.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });

  it('when an area admin reaches for another area’s account, a platform admin, or a candidate, then 404/403 and nothing changes', async () => {
    const { client } = await loggedIn({ roles: ['area_admin'], areaCode: '31' });
    const elsewhere = await createAccount(ctx.db, {
      roles: ['confirmation_reviewer'],
      areaCode: '32',
    });
    const candidate = await createAccount(ctx.db, { roles: ['candidate'] });
    for (const id of [elsewhere.id, candidate.id, 999_999]) {
      const response = await client.post(`/api/staff/accounts/${id}/status`, {
        status: 'disabled',
      });
      expect(response.statusCode).toBe(404);
    }
    const platform = await createAccount(ctx.db, {
      roles: ['platform_admin', 'area_admin'],
      areaCode: '31',
    });
    const response = await client.post(`/api/staff/accounts/${platform.id}/reset-password`, {
      newPassword: 'Temporary-Passw0rd',
    });
    expect(response.statusCode).toBe(403);
    const rows = await ctx.db
      .selectFrom('accounts')
      .select(['status', 'mustChangePassword'])
      .where('id', 'in', [elsewhere.id, candidate.id, platform.id])
      .execute();
    expect(rows.every((r) => r.status === 'active' && !r.mustChangePassword)).toBe(true);
  });
});

describe('who may manage whom', () => {
  it('when an admin resets the own password through staff management, then 409 and it is unchanged', async () => {
    const { account, client } = await loggedIn({ roles: ['platform_admin'] });
    const response = await client.post(`/api/staff/accounts/${account.id}/reset-password`, {
      newPassword: 'Taken-Over-Passw0rd',
    });
    expect(response.statusCode).toBe(409);
    expect(
      (await new TestClient(ctx.app).login(account.username, account.password)).statusCode,
    ).toBe(200);
  });

  it('when an area admin reaches for a fellow area admin, then 403 and nothing changes; creating one is refused too', async () => {
    const { client } = await loggedIn({ roles: ['area_admin'], areaCode: '31' });
    const peer = await createAccount(ctx.db, { roles: ['area_admin'], areaCode: '31' });
    const reset = await client.post(`/api/staff/accounts/${peer.id}/reset-password`, {
      newPassword: 'Taken-Over-Passw0rd',
    });
    expect(reset.statusCode).toBe(403);
    const disable = await client.post(`/api/staff/accounts/${peer.id}/status`, {
      status: 'disabled',
    });
    expect(disable.statusCode).toBe(403);
    expect((await new TestClient(ctx.app).login(peer.username, peer.password)).statusCode).toBe(
      200,
    );
    const create = await client.post('/api/staff/accounts', newStaff({ roles: ['area_admin'] }));
    expect(create.statusCode).toBe(403);
  });

  it('when platform_admin is combined with an area role, or the area does not exist, then 400 and no account', async () => {
    const { client } = await loggedIn({ roles: ['platform_admin'] });
    const mixed = newStaff({ roles: ['platform_admin', 'confirmation_reviewer'] });
    expect((await client.post('/api/staff/accounts', mixed)).statusCode).toBe(400);
    const nowhere = newStaff({ examAreaId: 99_999 });
    const response = await client.post('/api/staff/accounts', nowhere);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toContain('考区不存在');
    const rows = await ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('username', 'in', [mixed.username, nowhere.username])
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('when the only two platform admins disable each other at once, then one of them stays active', async () => {
    await ctx.db
      .updateTable('accounts')
      .set({ status: 'disabled' })
      .where(sql<boolean>`'platform_admin' = any(roles)`)
      .execute();
    const a = await loggedIn({ roles: ['platform_admin'] });
    const b = await loggedIn({ roles: ['platform_admin'] });
    const [ab, ba] = await Promise.all([
      a.client.post(`/api/staff/accounts/${b.account.id}/status`, { status: 'disabled' }),
      b.client.post(`/api/staff/accounts/${a.account.id}/status`, { status: 'disabled' }),
    ]);
    const statuses = [ab.statusCode, ba.statusCode].sort();
    expect(statuses).toContain(409);
    const active = await ctx.db
      .selectFrom('accounts')
      .select('id')
      .where(sql<boolean>`'platform_admin' = any(roles)`)
      .where('status', '=', 'active')
      .execute();
    expect(active).toHaveLength(1);
  });
});
