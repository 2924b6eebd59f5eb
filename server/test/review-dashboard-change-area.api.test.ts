import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationView, ReviewDashboard } from '@hqe/core';
import * as m0013 from '../src/db/migrations/0013-registration-events-area';
import { createAccount, createCandidate, examAreaId } from './factories';
import {
  createOtherArea,
  createRegistrationReady,
  decide,
  EDUCATION_MISMATCH,
  expectStatus,
  fillRegistration,
  getRegistration,
  insertRegistration,
  reviewerOf,
  scanJpeg,
  startRegistration,
  submit,
  uploadMaterial,
} from './support-registration';
import { createTestContext, TestClient, TEST_NOW, type TestContext } from './test-app';

/*
 * The timeline's exam area (migration 0013): an event counts in the area the registration was in
 * when it happened. A registration submitted and returned in 上海, then moved to 江苏 (修改考区) and
 * submitted and confirmed there: 上海's dashboard keeps the first submission and the return, 江苏's
 * has the rest. And the migration places the events written before it the same way.
 */

const DAY = 86_400_000;
let ctx: TestContext;
let cycleId: number;
let shanghai: number;
let jiangsu: number;

async function dashboardOf(areaCode: string): Promise<ReviewDashboard> {
  const admin = await createAccount(ctx.db, { roles: ['area_admin'], areaCode });
  const client = new TestClient(ctx.app);
  expectStatus(await client.login(admin.username, admin.password), 200);
  return expectStatus(
    await client.get(`/api/review/dashboard?cycleId=${cycleId}`),
    200,
  ).json<ReviewDashboard>();
}

beforeAll(async () => {
  ctx = await createTestContext();
  const ready = await createRegistrationReady(ctx);
  cycleId = ready.cycleId;
  shanghai = await examAreaId(ctx.db, '31');
  jiangsu = (await createOtherArea(ctx, cycleId)).id;
});
afterAll(() => ctx.close());

describe('the dashboard after a change of exam area (修改考区)', () => {
  let registrationId: number;
  const reviewers = {} as Record<'shanghai' | 'jiangsu', Awaited<ReturnType<typeof reviewerOf>>>;

  beforeAll(async () => {
    reviewers.shanghai = await reviewerOf(ctx, '31');
    reviewers.jiangsu = await reviewerOf(ctx, '32');
    // 2026-11-20 (Shanghai): submitted in 上海 and returned there.
    let ready = await createRegistrationReady(ctx);
    const filled = await fillRegistration(ready, await startRegistration(ready));
    registrationId = filled.id;
    expectStatus(await submit(ready.client, filled.id), 200);
    await decide(ctx, {
      registrationId,
      reviewer: reviewers.shanghai,
      decision: 'return',
      reasons: [EDUCATION_MISMATCH],
    });
    // 2026-11-21: moved to 江苏, filled in for it, submitted and confirmed there.
    ctx.clock.set(new Date(new Date(TEST_NOW).getTime() + DAY));
    // A day later the session has expired: the candidate logs in again.
    ready = { ...ready, client: new TestClient(ctx.app) };
    expectStatus(await ready.client.login(ready.username, ready.password), 200);
    const returned = await getRegistration(ready.client, registrationId);
    const moved = expectStatus(
      await ready.client.post(`/api/registrations/${registrationId}/change-area`, {
        version: returned.version,
        examAreaCode: '32',
      }),
      200,
    ).json<RegistrationView>();
    await fillRegistration(ready, moved);
    // The form printed for 上海 no longer counts: the one printed for 江苏, stamped, is uploaded.
    const form = await scanJpeg('application_form');
    expectStatus(await uploadMaterial(ready.client, registrationId, 'application_form', form), 201);
    expectStatus(await submit(ready.client, registrationId), 200);
    await decide(ctx, { registrationId, reviewer: reviewers.jiangsu, decision: 'confirm' });
    ctx.clock.set(TEST_NOW);
  });

  it('when it is written, then each timeline entry carries the area it happened in, the change itself the new one', async () => {
    const rows = await ctx.db
      .selectFrom('registrationEvents')
      .select(['event', 'examAreaId', 'cycleId'])
      .where('registrationId', '=', registrationId)
      .orderBy('occurredAt')
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { event: 'create', examAreaId: shanghai, cycleId },
      { event: 'submit', examAreaId: shanghai, cycleId },
      { event: 'return', examAreaId: shanghai, cycleId },
      { event: 'change_area', examAreaId: jiangsu, cycleId },
      { event: 'submit', examAreaId: jiangsu, cycleId },
      { event: 'confirm', examAreaId: jiangsu, cycleId },
    ]);
  });

  it('then the old area counts the submission and the return made there, and the new area only what came after', async () => {
    const zeros = { confirmations: 0, autoConfirmations: 0, qualificationDecisions: 0 };
    const before = await dashboardOf('31');
    expect(before.total).toBe(0);
    expect(before.perDay).toEqual([{ date: '2026-11-20', ...zeros, submissions: 1, returns: 1 }]);
    expect(before.reviewers).toEqual([
      expect.objectContaining({
        accountId: reviewers.shanghai.accountId,
        confirmed: 0,
        returned: 1,
      }),
    ]);

    const after = await dashboardOf('32');
    expect(after.total).toBe(1);
    expect(after.perDay).toEqual([
      { date: '2026-11-21', ...zeros, submissions: 1, returns: 0, confirmations: 1 },
    ]);
    expect(after.reviewers).toEqual([
      expect.objectContaining({
        accountId: reviewers.jiangsu.accountId,
        confirmed: 1,
        returned: 0,
      }),
    ]);
  });
});

describe('migration 0013 on a timeline written before it', () => {
  /*
   * Reverted to the shape of 0012 (0013's down), a timeline written as the code before 0013 wrote
   * it (no area on the events; a change of area's audit event names the area left), then 0013
   * again.
   */
  const at = (minute: number) => new Date(new Date(TEST_NOW).getTime() + minute * 60_000);
  const areas = {} as Record<'31' | '32' | '33', number>;
  const registrations = {} as Record<
    'moved' | 'twice' | 'sameInstant' | 'unaudited' | 'stayed',
    number
  >;
  const db = () => ctx.db as unknown as Kysely<unknown>;

  async function event(registrationId: number, event: string, minute: number) {
    await sql`
      insert into registration_events
        (registration_id, event, from_status, to_status, actor_kind, occurred_at)
      values (${registrationId}, ${event}, null, 'draft', 'candidate', ${at(minute)})
    `.execute(db());
  }

  async function changeArea(registrationId: number, from: number, minute: number) {
    await event(registrationId, 'change_area', minute);
    await sql`
      insert into audit_events (occurred_at, action, entity_type, entity_id, before, after)
      values (${at(minute)}, 'registration.change_area', 'registration', ${String(registrationId)},
              ${JSON.stringify({ examAreaId: from, registrationNumber: 'x' })}::jsonb, '{}'::jsonb)
    `.execute(db());
  }

  async function registration(areaCode: '31' | '32' | '33') {
    const candidate = await createCandidate(ctx.db);
    return insertRegistration(ctx, {
      accountId: candidate.accountId,
      cycleId,
      areaCode,
      status: 'draft',
    });
  }

  beforeAll(async () => {
    for (const code of ['31', '32', '33'] as const) areas[code] = await examAreaId(ctx.db, code);
    await m0013.down(db());
    // Started in 32, moved to 31 after a submission and a return.
    registrations.moved = await registration('31');
    await event(registrations.moved, 'create', 1);
    await event(registrations.moved, 'submit', 2);
    await event(registrations.moved, 'return', 3);
    await changeArea(registrations.moved, areas['32'], 4);
    await event(registrations.moved, 'submit', 5);
    // 31 → 32 → 33.
    registrations.twice = await registration('33');
    await event(registrations.twice, 'create', 1);
    await changeArea(registrations.twice, areas['31'], 2);
    await event(registrations.twice, 'submit', 3);
    await changeArea(registrations.twice, areas['32'], 4);
    await event(registrations.twice, 'submit', 5);
    // 31 → 32 → 33 within one instant (a manual clock): paired with their audit events in order.
    registrations.sameInstant = await registration('33');
    await event(registrations.sameInstant, 'create', 1);
    await changeArea(registrations.sameInstant, areas['31'], 2);
    await changeArea(registrations.sameInstant, areas['32'], 2);
    // A change of area without its audit event: what came before stays in the current area.
    registrations.unaudited = await registration('32');
    await event(registrations.unaudited, 'create', 1);
    await event(registrations.unaudited, 'change_area', 2);
    // Never moved.
    registrations.stayed = await registration('31');
    await event(registrations.stayed, 'create', 1);
    await event(registrations.stayed, 'submit', 2);
    await m0013.up(db());
  });

  const placed = async (registrationId: number) => {
    const rows = await ctx.db
      .selectFrom('registrationEvents')
      .select(['event', 'examAreaId', 'cycleId'])
      .where('registrationId', '=', registrationId)
      .orderBy('occurredAt')
      .orderBy('id')
      .execute();
    expect(rows.every((r) => r.cycleId === cycleId)).toBe(true);
    return rows.map((r) => [r.event, r.examAreaId]);
  };

  it('when it runs, then each event gets the area it happened in: before a change the area left, from the change on the new one', async () => {
    expect(await placed(registrations.moved)).toEqual([
      ['create', areas['32']],
      ['submit', areas['32']],
      ['return', areas['32']],
      ['change_area', areas['31']],
      ['submit', areas['31']],
    ]);
    expect(await placed(registrations.twice)).toEqual([
      ['create', areas['31']],
      ['change_area', areas['32']],
      ['submit', areas['32']],
      ['change_area', areas['33']],
      ['submit', areas['33']],
    ]);
    expect(await placed(registrations.sameInstant)).toEqual([
      ['create', areas['31']],
      ['change_area', areas['32']],
      ['change_area', areas['33']],
    ]);
    expect(await placed(registrations.stayed)).toEqual([
      ['create', areas['31']],
      ['submit', areas['31']],
    ]);
  });

  it('when a change of area has no audit event, then what came before it is placed in the current area', async () => {
    expect(await placed(registrations.unaudited)).toEqual([
      ['create', areas['32']],
      ['change_area', areas['32']],
    ]);
  });

  it('then the columns are required and name an existing area and cycle, and the dashboard index replaces the change-of-area index', async () => {
    await expect(
      sql`
        insert into registration_events
          (registration_id, event, from_status, to_status, actor_kind, occurred_at)
        values (${registrations.stayed}, 'withdraw', null, 'draft', 'candidate', ${at(9)})
      `.execute(db()),
    ).rejects.toThrow(/exam_area_id/);
    for (const [area, cycle] of [
      [999_999, cycleId],
      [areas['31'], 999_999],
    ]) {
      await expect(
        sql`
          insert into registration_events (registration_id, exam_area_id, cycle_id, event,
            from_status, to_status, actor_kind, occurred_at)
          values (${registrations.stayed}, ${area}, ${cycle}, 'withdraw', null, 'draft',
            'candidate', ${at(9)})
        `.execute(db()),
      ).rejects.toThrow(/foreign key/);
    }
    const indexes = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = 'registration_events' order by indexname
    `.execute(db());
    expect(indexes.rows.map((r) => r.indexname)).toEqual([
      'registration_events_area_idx',
      'registration_events_pkey',
      'registration_events_registration_idx',
    ]);
  });
});
