import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REVIEW_LEASE_MINUTES,
  type ClaimNextResult,
  type ReviewClaim,
  type ReviewQueuePage,
} from '@hqe/core';
import {
  createOtherArea,
  decide,
  demoCycleId,
  errorOf,
  expectStatus,
} from './support-registration';
import { areaReferences, insertQueuedRegistration, loggedInStaff } from './support-review-queue';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * 领取 (issue #6): "next" with a lease and FOR UPDATE SKIP LOCKED, claiming one from the list,
 * releasing, expiry with the injected clock, and the claim cleared by every status change.
 */

let ctx: TestContext;
let cycleId: number;
let areaId: number;
const LEASE_MS = REVIEW_LEASE_MINUTES * 60_000;

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  areaId = (await areaReferences(ctx, cycleId)).areaId;
});
afterAll(() => ctx.close());

const next = (client: TestClient, body: Record<string, unknown> = {}) =>
  client.post('/api/review/claims/next', { stage: 'confirmation', cycleId, ...body });
const claimOf = (response: Awaited<ReturnType<TestClient['post']>>) =>
  expectStatus(response, 200).json<ClaimNextResult>().claim;

async function claimColumns(id: number) {
  return ctx.db
    .selectFrom('registrations')
    .select(['claimedBy', 'claimExpiresAt', 'version', 'status'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Puts every waiting registration of the area out of the way (another status). */
async function emptyQueue() {
  await ctx.db
    .updateTable('registrations')
    .set({ status: 'abandoned', claimedBy: null, claimExpiresAt: null })
    .where('status', 'in', ['submitted', 'confirmed'])
    .execute();
}

describe('claim next with 50 reviewers at once', () => {
  it('when 50 reviewers ask for the next of 30 waiting registrations at the same moment, then 30 get one each, distinct, and 20 get none', async () => {
    await emptyQueue();
    const waiting = new Set<number>();
    const t0 = ctx.clock.now().getTime();
    for (let i = 0; i < 30; i++) {
      const r = await insertQueuedRegistration(ctx, {
        cycleId,
        queuedAt: new Date(t0 - (30 - i) * 60_000),
      });
      waiting.add(r.id);
    }
    const reviewers = await loggedInStaff(ctx, 50, { roles: ['confirmation_reviewer'] });
    const responses = await Promise.all(reviewers.map((r) => next(r.client)));
    const claims = responses.map(claimOf);
    const given = claims.filter((c): c is ReviewClaim => c !== null);
    expect(given).toHaveLength(30);
    expect(claims.filter((c) => c === null)).toHaveLength(20);
    const ids = given.map((c) => c.registrationId);
    expect(new Set(ids).size).toBe(30);
    for (const id of ids) expect(waiting.has(id)).toBe(true);
    for (const [i, claim] of claims.entries()) {
      if (!claim) continue;
      expect(claim).toMatchObject({
        reviewerAccountId: reviewers[i]!.accountId,
        reviewerName: reviewers[i]!.displayName,
        mine: true,
        expiresAt: new Date(ctx.clock.now().getTime() + LEASE_MS).toISOString(),
      });
    }
    // In the database: each registration held by exactly the reviewer it was given to.
    const rows = await ctx.db
      .selectFrom('registrations')
      .select(['id', 'claimedBy', 'version'])
      .where('id', 'in', [...waiting])
      .execute();
    const holders = new Map(given.map((c) => [c.registrationId, c.reviewerAccountId]));
    for (const row of rows) {
      expect(row.claimedBy).toBe(holders.get(row.id));
      // A claim is not a change of the registration: no new version.
      expect(row.version).toBe(1);
    }
    expect(new Set(rows.map((r) => r.claimedBy)).size).toBe(30);

    // Asking again, each holder gets the same one back (one claim per reviewer per stage), and
    // those without still get none.
    const again = await Promise.all(reviewers.map((r) => next(r.client)));
    for (const [i, response] of again.entries()) {
      expect(claimOf(response)?.registrationId ?? null).toBe(claims[i]?.registrationId ?? null);
    }
  });

  it('when the burst is repeated (3 rounds), then never one registration twice', async () => {
    const reviewers = await loggedInStaff(ctx, 50, { roles: ['confirmation_reviewer'] });
    for (let round = 0; round < 3; round++) {
      await emptyQueue();
      const waiting = new Set<number>();
      for (let i = 0; i < 30; i++) {
        waiting.add((await insertQueuedRegistration(ctx, { cycleId })).id);
      }
      const claims = (await Promise.all(reviewers.map((r) => next(r.client)))).map(claimOf);
      const ids = claims.filter((c): c is ReviewClaim => c !== null).map((c) => c.registrationId);
      expect(ids, `round ${round}`).toHaveLength(30);
      expect(new Set(ids).size, `round ${round}`).toBe(30);
      for (const id of ids) expect(waiting.has(id)).toBe(true);
    }
  });
});

describe('the lease', () => {
  it('when a claim is older than the lease, then it is back in the queue for the next reviewer, and the list shows it unclaimed', async () => {
    await emptyQueue();
    const r = await insertQueuedRegistration(ctx, { cycleId });
    const [alice, bob] = await loggedInStaff(ctx, 2, {
      roles: ['confirmation_reviewer'],
      displayName: (i) => ['甲审核员', '乙审核员'][i]!,
    });
    expect(claimOf(await next(alice!.client))?.registrationId).toBe(r.id);
    expect(claimOf(await next(bob!.client))).toBeNull();

    const listed = expectStatus(
      await bob!.client.get(`/api/review/queue?stage=confirmation&cycleId=${cycleId}`),
      200,
    ).json<ReviewQueuePage>();
    expect(listed.items[0]?.claim).toMatchObject({
      reviewerAccountId: alice!.accountId,
      reviewerName: '甲审核员',
      mine: false,
    });

    ctx.clock.advance(LEASE_MS - 1000);
    expect(claimOf(await next(bob!.client))).toBeNull();
    ctx.clock.advance(1000);
    const expiredList = expectStatus(
      await bob!.client.get(`/api/review/queue?stage=confirmation&cycleId=${cycleId}`),
      200,
    ).json<ReviewQueuePage>();
    expect(expiredList.items[0]?.claim).toBeNull();
    const taken = claimOf(await next(bob!.client));
    expect(taken).toMatchObject({ registrationId: r.id, reviewerAccountId: bob!.accountId });

    // Alice's lease ran out: she gets nothing (the only one is Bob's now).
    expect(claimOf(await next(alice!.client))).toBeNull();
  });
});

describe('release', () => {
  it('when the holder releases, then it is back in the queue; releasing someone else’s is refused; releasing nothing is fine', async () => {
    await emptyQueue();
    const r = await insertQueuedRegistration(ctx, { cycleId });
    const [alice, bob] = await loggedInStaff(ctx, 2, {
      roles: ['confirmation_reviewer'],
      displayName: (i) => ['甲审核员', '乙审核员'][i]!,
    });
    expect(claimOf(await next(alice!.client))?.registrationId).toBe(r.id);

    const refused = await bob!.client.request('DELETE', `/api/review/claims/${r.id}`);
    expectStatus(refused, 409);
    expect(errorOf(refused).code).toBe('conflict');
    expect(errorOf(refused).message).toContain('该报名正由甲审核员审核');
    expect((await claimColumns(r.id)).claimedBy).toBe(alice!.accountId);

    const released = await alice!.client.request('DELETE', `/api/review/claims/${r.id}`);
    expect(expectStatus(released, 200).json()).toEqual({ ok: true });
    expect(await claimColumns(r.id)).toMatchObject({
      claimedBy: null,
      claimExpiresAt: null,
      version: 1,
    });
    expectStatus(await alice!.client.request('DELETE', `/api/review/claims/${r.id}`), 200);
    expect(claimOf(await next(bob!.client))?.registrationId).toBe(r.id);
  });
});

describe('claiming one from the list', () => {
  it('when the registration is held by someone else, then 409 conflict names them; my own is renewed; claiming another moves my claim', async () => {
    await emptyQueue();
    const first = await insertQueuedRegistration(ctx, { cycleId });
    const second = await insertQueuedRegistration(ctx, { cycleId });
    const [alice, bob] = await loggedInStaff(ctx, 2, {
      roles: ['confirmation_reviewer'],
      displayName: (i) => ['甲审核员', '乙审核员'][i]!,
    });
    const claimed = expectStatus(
      await alice!.client.post(`/api/review/claims/${first.id}`),
      200,
    ).json<ReviewClaim>();
    expect(claimed).toMatchObject({ registrationId: first.id, mine: true });

    const conflict = await bob!.client.post(`/api/review/claims/${first.id}`);
    expectStatus(conflict, 409);
    expect(errorOf(conflict)).toMatchObject({
      code: 'conflict',
      details: { claim: { registrationId: first.id, reviewerName: '甲审核员', mine: false } },
    });
    expect(errorOf(conflict).message).toContain('该报名正由甲审核员审核');

    ctx.clock.advance(5 * 60_000);
    const renewed = expectStatus(
      await alice!.client.post(`/api/review/claims/${first.id}`),
      200,
    ).json<ReviewClaim>();
    expect(renewed.expiresAt).toBe(new Date(ctx.clock.now().getTime() + LEASE_MS).toISOString());

    // Alice takes the second one: the first goes back to the queue (one claim per stage).
    expectStatus(await alice!.client.post(`/api/review/claims/${second.id}`), 200);
    expect((await claimColumns(first.id)).claimedBy).toBeNull();
    expect((await claimColumns(second.id)).claimedBy).toBe(alice!.accountId);
    expect(claimOf(await next(alice!.client))?.registrationId).toBe(second.id);
    expect(claimOf(await next(bob!.client))?.registrationId).toBe(first.id);
  });

  it('when the registration no longer waits (returned), then 409 invalid_transition with its status', async () => {
    const r = await insertQueuedRegistration(ctx, { cycleId, status: 'returned' });
    const [alice] = await loggedInStaff(ctx, 1, { roles: ['confirmation_reviewer'] });
    const response = await alice!.client.post(`/api/review/claims/${r.id}`);
    expectStatus(response, 409);
    expect(errorOf(response)).toMatchObject({
      code: 'invalid_transition',
      details: { status: 'returned' },
    });
    expect(errorOf(response).message).toContain('不在报名确认队列中');
  });

  it('when a confirmation reviewer claims a confirmed registration (the qualification queue), then 409 invalid_transition', async () => {
    const r = await insertQueuedRegistration(ctx, { cycleId, status: 'confirmed' });
    const [alice] = await loggedInStaff(ctx, 1, { roles: ['confirmation_reviewer'] });
    const response = await alice!.client.post(`/api/review/claims/${r.id}`);
    expectStatus(response, 409);
    expect(errorOf(response).code).toBe('invalid_transition');
    const [qualifier] = await loggedInStaff(ctx, 1, { roles: ['qualification_reviewer'] });
    expectStatus(await qualifier!.client.post(`/api/review/claims/${r.id}`), 200);
  });
});

describe('scope', () => {
  it('when a reviewer of another area claims, next or releases, then not found and nothing of this area is given', async () => {
    await emptyQueue();
    await createOtherArea(ctx, cycleId);
    const here = await insertQueuedRegistration(ctx, { cycleId });
    const [other] = await loggedInStaff(ctx, 1, {
      roles: ['confirmation_reviewer'],
      areaCode: '32',
    });
    expect(claimOf(await next(other!.client))).toBeNull();
    const claim = await other!.client.post(`/api/review/claims/${here.id}`);
    expectStatus(claim, 404);
    expect(errorOf(claim).code).toBe('not_found');
    expectStatus(await other!.client.request('DELETE', `/api/review/claims/${here.id}`), 404);
    expect((await claimColumns(here.id)).claimedBy).toBeNull();
  });

  it('when the area administrator tries to claim, then 403: the queue is read-only for them', async () => {
    await emptyQueue();
    const r = await insertQueuedRegistration(ctx, { cycleId });
    const [admin] = await loggedInStaff(ctx, 1, { roles: ['area_admin'] });
    const viaNext = await next(admin!.client);
    expectStatus(viaNext, 403);
    expect(errorOf(viaNext).message).toContain('不能领取');
    expectStatus(await admin!.client.post(`/api/review/claims/${r.id}`), 403);
    expect((await claimColumns(r.id)).claimedBy).toBeNull();
  });

  it('when a qualification reviewer asks for the confirmation queue’s next, then 403', async () => {
    const [qualifier] = await loggedInStaff(ctx, 1, { roles: ['qualification_reviewer'] });
    expectStatus(await next(qualifier!.client), 403);
  });

  it('when a visitor asks, then 401; a malformed body, 400', async () => {
    const visitor = await new TestClient(ctx.app).start();
    expectStatus(await next(visitor), 401);
    const [alice] = await loggedInStaff(ctx, 1, { roles: ['confirmation_reviewer'] });
    expectStatus(await next(alice!.client, { status: 'submitted' }), 400);
    expectStatus(await next(alice!.client, { stage: 'payment' }), 400);
    expectStatus(await alice!.client.post('/api/review/claims/abc'), 400);
  });
});

describe('filters of next', () => {
  it('when asking with a city, then the oldest waiting of that city, not the oldest of all', async () => {
    await emptyQueue();
    const refs = await areaReferences(ctx, cycleId);
    const [city1, city2] = refs.cities;
    const t0 = ctx.clock.now().getTime();
    await insertQueuedRegistration(ctx, {
      cycleId,
      cityId: city1!.id,
      queuedAt: new Date(t0 - 3 * 60_000),
    });
    const wanted = await insertQueuedRegistration(ctx, {
      cycleId,
      cityId: city2!.id,
      queuedAt: new Date(t0 - 2 * 60_000),
    });
    const [alice] = await loggedInStaff(ctx, 1, { roles: ['confirmation_reviewer'] });
    expect(claimOf(await next(alice!.client, { cityId: city2!.id }))?.registrationId).toBe(
      wanted.id,
    );
  });
});

describe('a status change ends the claim', () => {
  it('when the reviewer decides, then the claim is gone; when the candidate withdraws, too', async () => {
    await emptyQueue();
    const decided = await insertQueuedRegistration(ctx, { cycleId });
    const [alice] = await loggedInStaff(ctx, 1, { roles: ['confirmation_reviewer'] });
    expect(claimOf(await next(alice!.client))?.registrationId).toBe(decided.id);
    await decide(ctx, {
      registrationId: decided.id,
      decision: 'confirm',
      reviewer: {
        accountId: alice!.accountId,
        username: alice!.username,
        roles: ['confirmation_reviewer'],
        examAreaId: areaId,
        requestId: `test-${randomUUID()}`,
      },
    });
    expect(await claimColumns(decided.id)).toMatchObject({
      status: 'confirmed',
      claimedBy: null,
      claimExpiresAt: null,
    });
    // Confirmed: it entered the qualification queue now.
    const queued = await ctx.db
      .selectFrom('registrations')
      .select('queuedAt')
      .where('id', '=', decided.id)
      .executeTakeFirstOrThrow();
    expect(queued.queuedAt?.toISOString()).toBe(ctx.clock.now().toISOString());

    const withdrawn = await insertQueuedRegistration(ctx, { cycleId });
    expect(claimOf(await next(alice!.client))?.registrationId).toBe(withdrawn.id);
    const candidate = new TestClient(ctx.app);
    expectStatus(await candidate.login(withdrawn.username, withdrawn.password), 200);
    expectStatus(await candidate.post(`/api/registrations/${withdrawn.id}/withdraw`), 200);
    expect(await claimColumns(withdrawn.id)).toMatchObject({
      status: 'draft',
      claimedBy: null,
      claimExpiresAt: null,
    });
    expect(claimOf(await next(alice!.client))).toBeNull();
  });
});
