import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent, type AuditEventInput } from '../src/modules/audit';
import { createAccount, examAreaId, STRONG_PASSWORD } from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

interface AuditItem {
  id: number;
  occurredAt: string;
  actorAccountId: number | null;
  actorUsername: string | null;
  examAreaId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}
interface AuditList {
  items: AuditItem[];
  total: number;
  page: number;
  pageSize: number;
}

let ctx: TestContext;
let shanghai: number;
let otherArea: number;

beforeAll(async () => {
  ctx = await createTestContext();
  shanghai = await examAreaId(ctx.db, '31');
  otherArea = await examAreaId(ctx.db, '32');
});
afterAll(() => ctx.close());

function event(overrides: Partial<AuditEventInput>): AuditEventInput {
  return {
    occurredAt: ctx.clock.now(),
    actorAccountId: null,
    examAreaId: null,
    action: 'test.event',
    entityType: 'test_entity',
    entityId: 1,
    requestId: null,
    ...overrides,
  };
}

async function eventsWithAction(action: string) {
  return ctx.db.selectFrom('auditEvents').selectAll().where('action', '=', action).execute();
}

/** A client logged in as a fresh account with the given roles. */
async function loggedIn(options: Parameters<typeof createAccount>[1]) {
  const account = await createAccount(ctx.db, options);
  const client = new TestClient(ctx.app);
  const response = await client.login(account.username, STRONG_PASSWORD);
  expect(response.statusCode).toBe(200);
  return { account, client };
}

describe('the audit log is append-only', () => {
  it('when an UPDATE of an event is attempted, then the database refuses and the row is unchanged', async () => {
    await recordAuditEvent(ctx.db, event({ action: 'test.immutable_update', after: { v: 1 } }));
    const [before] = await eventsWithAction('test.immutable_update');

    await expect(
      ctx.db
        .updateTable('auditEvents')
        .set({ action: 'test.tampered', after: JSON.stringify({ v: 2 }) })
        .where('id', '=', before!.id)
        .execute(),
    ).rejects.toThrow(/append-only/);

    const [after] = await eventsWithAction('test.immutable_update');
    expect(after).toEqual(before);
    expect(after!.after).toEqual({ v: 1 });
    expect(await eventsWithAction('test.tampered')).toEqual([]);
  });

  it('when a DELETE of an event is attempted, then the database refuses and the row remains', async () => {
    await recordAuditEvent(ctx.db, event({ action: 'test.immutable_delete' }));
    const [row] = await eventsWithAction('test.immutable_delete');

    await expect(
      ctx.db.deleteFrom('auditEvents').where('id', '=', row!.id).execute(),
    ).rejects.toThrow(/append-only/);

    expect(await eventsWithAction('test.immutable_delete')).toEqual([row]);
  });

  it('when recordAuditEvent runs in a transaction that then fails, then no event is left', async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('examAreas').values({ code: '99', name: '回滚考区' }).execute();
        await recordAuditEvent(trx, event({ action: 'test.rolled_back', entityType: 'exam_area' }));
        throw new Error('the change failed after its audit event');
      }),
    ).rejects.toThrow('the change failed after its audit event');

    expect(await eventsWithAction('test.rolled_back')).toEqual([]);
    const area = await ctx.db
      .selectFrom('examAreas')
      .select('id')
      .where('code', '=', '99')
      .executeTakeFirst();
    expect(area).toBeUndefined();
  });

  it('when the transaction commits, then the event is stored with its JSON and string entity id', async () => {
    await ctx.db.transaction().execute(async (trx) => {
      await recordAuditEvent(
        trx,
        event({
          action: 'test.committed',
          entityId: 1234,
          before: { status: 'draft' },
          after: { status: 'submitted' },
          requestId: 'req-committed-1',
        }),
      );
    });
    const [row] = await eventsWithAction('test.committed');
    expect(row).toMatchObject({
      entityId: '1234',
      before: { status: 'draft' },
      after: { status: 'submitted' },
      requestId: 'req-committed-1',
    });
    expect(row!.occurredAt.toISOString()).toBe(ctx.clock.now().toISOString());
  });
});

describe('GET /api/audit-events access', () => {
  it('when a visitor asks, then 401', async () => {
    const response = await new TestClient(ctx.app).get('/api/audit-events');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it.each([
    ['a confirmation reviewer', 'confirmation_reviewer' as const],
    ['a qualification reviewer', 'qualification_reviewer' as const],
  ])('when %s asks, then 403', async (_who, role) => {
    const { client } = await loggedIn({ roles: [role] });
    const response = await client.get('/api/audit-events');
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('when a candidate asks, then 403', async () => {
    const { client } = await loggedIn({ roles: ['candidate'] });
    const response = await client.get('/api/audit-events');
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('when an admin must still change the initial password, then 403 password_change_required', async () => {
    const { client } = await loggedIn({ roles: ['platform_admin'], mustChangePassword: true });
    const response = await client.get('/api/audit-events');
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'password_change_required' } });
  });
});

describe('GET /api/audit-events content', () => {
  let platformAdmin: TestClient;
  let shanghaiAdmin: TestClient;
  let otherAdmin: TestClient;

  beforeAll(async () => {
    platformAdmin = (await loggedIn({ roles: ['platform_admin'] })).client;
    shanghaiAdmin = (await loggedIn({ roles: ['area_admin'], areaCode: '31' })).client;
    otherAdmin = (await loggedIn({ roles: ['area_admin'], areaCode: '32' })).client;
    for (const [area, entityId] of [
      [shanghai, 'sh-1'],
      [otherArea, 'other-1'],
      [shanghai, 'sh-2'],
      [otherArea, 'other-2'],
    ] as const) {
      await recordAuditEvent(
        ctx.db,
        event({ action: 'test.area_event', entityType: 'test_widget', entityId, examAreaId: area }),
      );
    }
  });

  async function list(client: TestClient, query = ''): Promise<AuditList> {
    const response = await client.get(`/api/audit-events${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<AuditList>();
  }

  async function countWhere(area?: number): Promise<number> {
    let query = ctx.db.selectFrom('auditEvents').select((eb) => eb.fn.countAll<number>().as('n'));
    if (area !== undefined) query = query.where('examAreaId', '=', area);
    return (await query.executeTakeFirstOrThrow()).n;
  }

  it('when a platform admin lists, then every event of every area is counted', async () => {
    const body = await list(platformAdmin, '?pageSize=200');
    expect(body.total).toBe(await countWhere());
    expect(body.items).toHaveLength(body.total);
    const areas = new Set(body.items.map((i) => i.examAreaId));
    expect(areas).toContain(shanghai);
    expect(areas).toContain(otherArea);
    expect(areas).toContain(null);
  });

  it('when an area admin lists, then only the own area events appear', async () => {
    const body = await list(shanghaiAdmin, '?pageSize=200');
    expect(body.total).toBe(await countWhere(shanghai));
    expect(body.items.length).toBe(body.total);
    expect(body.items.every((i) => i.examAreaId === shanghai)).toBe(true);
    const widgets = body.items.filter((i) => i.entityType === 'test_widget').map((i) => i.entityId);
    expect(widgets).toEqual(['sh-2', 'sh-1']);

    const other = await list(otherAdmin, '?entityType=test_widget');
    expect(other.items.map((i) => i.entityId)).toEqual(['other-2', 'other-1']);
    expect(other.items.every((i) => i.examAreaId === otherArea)).toBe(true);
  });

  it('when listing, then events come newest first (descending id)', async () => {
    const body = await list(platformAdmin, '?pageSize=200');
    const ids = body.items.map((i) => i.id);
    expect(ids.length).toBeGreaterThan(3);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('when filtering by entityType, then only that type is listed and counted', async () => {
    const body = await list(platformAdmin, '?entityType=test_widget');
    expect(body.total).toBe(4);
    expect(body.items.map((i) => i.entityId)).toEqual(['other-2', 'sh-2', 'other-1', 'sh-1']);
    expect(body.items.every((i) => i.entityType === 'test_widget')).toBe(true);
  });

  it('when paging, then pageSize limits the items and total counts all', async () => {
    const first = await list(platformAdmin, '?entityType=test_widget&pageSize=3');
    const second = await list(platformAdmin, '?entityType=test_widget&pageSize=3&page=2');
    expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(first.items.map((i) => i.entityId)).toEqual(['other-2', 'sh-2', 'other-1']);
    expect(second.items.map((i) => i.entityId)).toEqual(['sh-1']);
  });

  it('when a login happened, then its event names the actor username', async () => {
    const { account } = await loggedIn({ roles: ['area_admin'], areaCode: '31' });
    const body = await list(shanghaiAdmin, `?action=auth.login&entityId=${account.id}`);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      actorAccountId: account.id,
      actorUsername: account.username,
      examAreaId: shanghai,
      entityType: 'account',
    });
  });

  it('when a staff account was created, then its event never contains a password hash', async () => {
    const created = await platformAdmin.post('/api/staff/accounts', {
      username: 'audit.reviewer',
      displayName: '审计测试审核员',
      roles: ['qualification_reviewer'],
      examAreaId: shanghai,
      initialPassword: 'Init1al-Passw0rd!',
    });
    expect(created.statusCode).toBe(201);

    const response = await platformAdmin.get('/api/audit-events?action=account.created');
    expect(response.statusCode).toBe(200);
    const body = response.json<AuditList>();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      entityType: 'account',
      examAreaId: shanghai,
      after: { username: 'audit.reviewer', roles: ['qualification_reviewer'] },
    });
    expect(response.body).not.toMatch(/passwordHash|password_hash|\$argon2/);
    expect(response.body).not.toContain('Init1al-Passw0rd!');

    const everything = await platformAdmin.get('/api/audit-events?pageSize=200');
    expect(everything.body).not.toMatch(/passwordHash|password_hash|\$argon2/);
  });
});
