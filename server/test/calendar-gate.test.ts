import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhaseKind } from '@hqe/core';
import { AppError } from '../src/lib/errors';
import { assertPhaseOpen, type PhaseClosedDetails } from '../src/modules/catalog';
import { createAccount, examAreaId } from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * The calendar gate every later action calls: open from the start instant (inclusive) to the end
 * instant (exclusive); otherwise `phase_closed` naming the phase and its dates in Beijing time.
 */
let ctx: TestContext;
let cycleId: number;
let shanghai: number;
let otherArea: number;

// Shanghai 2026-11-20 00:00 to 2026-12-26 24:00 (= 2026-12-27 00:00).
const REGISTRATION = {
  startsAt: new Date('2026-11-19T16:00:00.000Z'),
  endsAt: new Date('2026-12-26T16:00:00.000Z'),
};
// A deadline that is not at midnight: Shanghai 2026-12-28 17:00.
const RESUBMISSION = {
  startsAt: new Date('2026-11-19T16:00:00.000Z'),
  endsAt: new Date('2026-12-28T09:00:00.000Z'),
};

async function setPhase(areaId: number, kind: PhaseKind, span: { startsAt: Date; endsAt: Date }) {
  await ctx.db
    .insertInto('cyclePhases')
    .values({ cycleId, examAreaId: areaId, kind, ...span })
    .onConflict((oc) => oc.columns(['cycleId', 'examAreaId', 'kind']).doUpdateSet({ ...span }))
    .execute();
}

/** The error the gate throws at `now`, or null when it lets the action through. */
async function gateError(kind: PhaseKind, now: Date, areaId = shanghai): Promise<AppError | null> {
  try {
    await assertPhaseOpen(ctx.db, { cycleId, examAreaId: areaId, kind }, now);
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

beforeAll(async () => {
  ctx = await createTestContext();
  shanghai = await examAreaId(ctx.db, '31');
  otherArea = await examAreaId(ctx.db, '32');
  const cycle = await ctx.db.selectFrom('cycles').select('id').executeTakeFirstOrThrow();
  cycleId = cycle.id;
  await setPhase(shanghai, 'registration', REGISTRATION);
  await setPhase(shanghai, 'resubmission', RESUBMISSION);
});
afterAll(() => ctx.close());

describe('assertPhaseOpen', () => {
  it('when now is exactly the start instant, then the phase is open and returned', async () => {
    const phase = await assertPhaseOpen(
      ctx.db,
      { cycleId, examAreaId: shanghai, kind: 'registration' },
      REGISTRATION.startsAt,
    );
    expect(phase).toEqual(REGISTRATION);
  });

  it('when now is 1 ms before the end instant, then the phase is still open', async () => {
    expect(await gateError('registration', new Date(REGISTRATION.endsAt.getTime() - 1))).toBeNull();
  });

  it('when now is 1 ms before the start instant, then phase_closed says it has not begun, with both dates', async () => {
    const error = await gateError('registration', new Date(REGISTRATION.startsAt.getTime() - 1));
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe('phase_closed');
    expect(error?.statusCode).toBe(409);
    expect(error?.message).toBe(
      '网上报名时间为 2026-11-20 00:00 至 2026-12-26 24:00（北京时间），尚未开始，当前不在办理时间内。',
    );
    expect(error?.details).toEqual({
      kind: 'registration',
      label: '网上报名',
      status: 'upcoming',
      startsAt: '2026-11-19T16:00:00.000Z',
      endsAt: '2026-12-26T16:00:00.000Z',
    } satisfies PhaseClosedDetails);
  });

  it('when now is exactly the end instant, then phase_closed says it has ended', async () => {
    const error = await gateError('registration', REGISTRATION.endsAt);
    expect(error?.code).toBe('phase_closed');
    expect(error?.message).toBe(
      '网上报名时间为 2026-11-20 00:00 至 2026-12-26 24:00（北京时间），已经截止，当前不在办理时间内。',
    );
    expect(error?.details).toMatchObject({
      status: 'closed',
      endsAt: REGISTRATION.endsAt.toISOString(),
    });
  });

  it('when a deadline is not at midnight, then the message shows the exact time', async () => {
    expect(await gateError('resubmission', new Date('2026-12-28T08:59:59.999Z'))).toBeNull();
    const error = await gateError('resubmission', new Date('2026-12-28T09:00:00.000Z'));
    expect(error?.message).toBe(
      '退回后重新提交时间为 2026-11-20 00:00 至 2026-12-28 17:00（北京时间），已经截止，当前不在办理时间内。',
    );
  });

  it('when the area has not set the phase, then phase_closed says it is not yet published', async () => {
    const error = await gateError('payment', REGISTRATION.startsAt, otherArea);
    expect(error?.code).toBe('phase_closed');
    expect(error?.message).toBe('考区尚未公布网上缴费时间，当前不能办理。');
    expect(error?.details).toEqual({
      kind: 'payment',
      label: '网上缴费',
      status: 'not_scheduled',
      startsAt: null,
      endsAt: null,
    });
  });

  it('when two areas have different calendars, then each area is gated by its own', async () => {
    await setPhase(otherArea, 'registration', {
      startsAt: new Date('2026-12-01T00:00:00.000Z'),
      endsAt: new Date('2026-12-10T00:00:00.000Z'),
    });
    const now = new Date('2026-11-25T00:00:00.000Z');
    expect(await gateError('registration', now, shanghai)).toBeNull();
    expect((await gateError('registration', now, otherArea))?.details).toMatchObject({
      status: 'upcoming',
    });
  });

  it('when called inside a transaction, then it reads through that transaction', async () => {
    const result = await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('cyclePhases')
        .set({ endsAt: new Date('2026-11-21T00:00:00.000Z') })
        .where('cycleId', '=', cycleId)
        .where('examAreaId', '=', shanghai)
        .where('kind', '=', 'confirmation')
        .execute();
      try {
        await assertPhaseOpen(
          trx,
          { cycleId, examAreaId: shanghai, kind: 'confirmation' },
          new Date('2026-11-21T00:00:00.000Z'),
        );
        return 'open';
      } catch (error) {
        return error instanceof AppError ? error.code : 'other';
      }
    });
    expect(result).toBe('phase_closed');
  });
});

describe('the gate follows the calendar an administrator sets through the API', () => {
  it('when the area admin moves the registration end, then the gate closes at the new instant', async () => {
    const admin = await createAccount(ctx.db, { roles: ['area_admin'], areaCode: '31' });
    const client = new TestClient(ctx.app);
    expect((await client.login(admin.username, admin.password)).statusCode).toBe(200);
    const url = `/api/admin/cycles/${cycleId}/exam-areas/${shanghai}/calendar`;
    const now = new Date('2026-12-20T04:00:00.000Z');
    expect(await gateError('registration', now)).toBeNull();

    const response = await client.request('PUT', url, {
      body: {
        phases: [
          {
            kind: 'registration',
            startsAt: '2026-11-20T00:00:00+08:00',
            endsAt: '2026-12-20T12:00:00+08:00',
          },
        ],
      },
    });
    expect(response.statusCode).toBe(200);

    expect(await gateError('registration', new Date('2026-12-20T03:59:59.999Z'))).toBeNull();
    const error = await gateError('registration', now);
    expect(error?.message).toBe(
      '网上报名时间为 2026-11-20 00:00 至 2026-12-20 12:00（北京时间），已经截止，当前不在办理时间内。',
    );
    // The whole set was replaced: the phases left out are gone, and so not open either.
    expect((await gateError('confirmation', now))?.details).toMatchObject({
      status: 'not_scheduled',
    });
  });
});
