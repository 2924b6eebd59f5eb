import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/lib/errors';
import { createCandidate } from './factories';
import {
  decide,
  decisionsFor,
  demoCycleId,
  errorOf,
  eventsOf,
  insertRegistration,
  reviewerOf,
} from './support-registration';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const ROUNDS = 24;

describe('a withdrawal racing the confirmation decision (R7, R9)', () => {
  it(`when both arrive at once (${ROUNDS} rounds), then exactly one wins, the other gets 409, and the timeline holds exactly one of them`, async () => {
    const cycleId = await demoCycleId(ctx);
    const reviewer = await reviewerOf(ctx);
    const wins = { withdraw: 0, confirm: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const candidate = await createCandidate(ctx.db);
      const client = new TestClient(ctx.app);
      expect((await client.login(candidate.username, candidate.password)).statusCode).toBe(200);
      const id = await insertRegistration(ctx, {
        accountId: candidate.accountId,
        cycleId,
        status: 'submitted',
      });

      const withdraw = () => client.post(`/api/registrations/${id}/withdraw`);
      // In half the rounds the decision starts a few milliseconds late, so that either side may
      // reach the row first whatever the engine's scheduling.
      const late = round % 4 >= 2;
      const confirm = () =>
        (late ? new Promise((resolve) => setTimeout(resolve, round % 4)) : Promise.resolve())
          .then(() => decide(ctx, { registrationId: id, reviewer, decision: 'confirm' }))
          .then(
            (outcome) => ({ ok: true as const, outcome }),
            (error: unknown) => ({ ok: false as const, error }),
          );
      // Alternate who starts first, so neither side always has the head start.
      const [withdrawn, confirmed] =
        round % 2 === 0
          ? await Promise.all([withdraw(), confirm()])
          : await Promise.all([confirm(), withdraw()]).then(([c, w]) => [w, c] as const);

      const events = (await eventsOf(ctx, id)).map((e) => e.event);
      const status = (
        await ctx.db
          .selectFrom('registrations')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
      if (withdrawn.statusCode === 200) {
        wins.withdraw += 1;
        expect(confirmed.ok, `round ${round}: both won`).toBe(false);
        if (!confirmed.ok) {
          expect(confirmed.error).toBeInstanceOf(AppError);
          expect((confirmed.error as AppError).code).toBe('invalid_transition');
          expect((confirmed.error as AppError).statusCode).toBe(409);
        }
        expect(status).toBe('draft');
        expect(events).toEqual(['withdraw']);
      } else {
        wins.confirm += 1;
        expect(confirmed.ok, `round ${round}: neither won`).toBe(true);
        expect(withdrawn.statusCode).toBe(409);
        expect(errorOf(withdrawn)).toMatchObject({
          code: 'invalid_transition',
          message: '您的报名已确认，无需撤回信息提交。',
        });
        expect(status).toBe('confirmed');
        expect(events).toEqual(['confirm']);
      }
    }
    expect(wins.withdraw + wins.confirm).toBe(ROUNDS);
    // Which side wins depends on timing; both must be consistent (checked above every round).
    process.stdout.write(
      `withdraw-vs-confirm on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ` +
        `withdraw won ${wins.withdraw}, confirm won ${wins.confirm}\n`,
    );
  });

  it('when a withdrawal arrives while a decision holds the row, then it waits for it and is refused', async () => {
    const cycleId = await demoCycleId(ctx);
    const reviewer = await reviewerOf(ctx);
    const decisions = decisionsFor(ctx);
    const candidate = await createCandidate(ctx.db);
    const client = new TestClient(ctx.app);
    await client.login(candidate.username, candidate.password);
    const id = await insertRegistration(ctx, {
      accountId: candidate.accountId,
      cycleId,
      status: 'submitted',
    });
    let pending: ReturnType<TestClient['post']> | undefined;
    await ctx.db.transaction().execute(async (trx) => {
      await decisions.decideConfirmation(trx, {
        registrationId: id,
        version: (
          await trx
            .selectFrom('registrations')
            .select('version')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).version,
        reviewer,
        decision: 'confirm',
        reasons: [],
      });
      pending = client.post(`/api/registrations/${id}/withdraw`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    const withdrawn = await pending;
    expect(withdrawn?.statusCode).toBe(409);
    expect(withdrawn && errorOf(withdrawn).message).toBe('您的报名已确认，无需撤回信息提交。');
    expect((await eventsOf(ctx, id)).map((e) => e.event)).toEqual(['confirm']);
  });
});
