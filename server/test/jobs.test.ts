import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../src/db/schema';
import {
  backoffDelay,
  createJobWorker,
  jobsRepository,
  type JobContext,
  type JobHandler,
} from '../src/modules/jobs';
import { createAccount } from './factories';
import { createTestContext, TEST_NOW, type TestContext } from './test-app';

const MINUTE = 60_000;
const HOUR = 3_600_000;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// Every test starts from an empty queue at the test instant.
beforeEach(async () => {
  await ctx.db.deleteFrom('jobs').execute();
  ctx.clock.set(TEST_NOW);
});

const now = () => ctx.clock.now();
const later = (ms: number) => new Date(now().getTime() + ms);

async function jobById(id: number): Promise<Job> {
  return ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function jobsOfKind(kind: string): Promise<Job[]> {
  return ctx.db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('id').execute();
}

/** A worker over the test database with only the given handlers. */
function workerWith(
  handlers: Record<string, JobHandler>,
  options: {
    backoffBaseMs?: number;
    staleAfterMs?: number;
    recurring?: { kind: string; everyMs: number }[];
  } = {},
) {
  return createJobWorker({
    db: ctx.db,
    clock: ctx.clock,
    logger: ctx.app.log,
    handlers,
    ...options,
  });
}

describe('enqueue', () => {
  it('when a job is enqueued, then it returns the id of a pending row with the payload', async () => {
    const id = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.enqueue',
      payload: { registrationId: 42 },
      runAt: now(),
    });
    expect(id).toEqual(expect.any(Number));
    const job = await jobById(id!);
    expect(job).toMatchObject({
      kind: 'test.enqueue',
      status: 'pending',
      attempts: 0,
      maxAttempts: 5,
      payload: { registrationId: 42 },
      uniqueKey: null,
    });
    expect(job.runAt.toISOString()).toBe(TEST_NOW);
  });

  it('when the same uniqueKey is enqueued while the first is pending, then null and one row', async () => {
    const first = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.unique',
      runAt: now(),
      uniqueKey: 'notify:7',
    });
    const second = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.unique',
      runAt: later(MINUTE),
      uniqueKey: 'notify:7',
    });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    const rows = await jobsOfKind('test.unique');
    expect(rows.map((r) => r.id)).toEqual([first]);
    expect(rows[0]!.runAt.toISOString()).toBe(TEST_NOW);
  });

  it('when the same uniqueKey is enqueued while the first is running, then null', async () => {
    await jobsRepository.enqueue(ctx.db, { kind: 'test.unique', runAt: now(), uniqueKey: 'k' });
    await jobsRepository.claimDue(ctx.db, 'worker-a', now(), 10);
    expect(
      await jobsRepository.enqueue(ctx.db, { kind: 'test.unique', runAt: now(), uniqueKey: 'k' }),
    ).toBeNull();
    expect(await jobsOfKind('test.unique')).toHaveLength(1);
  });

  it('when the job holding a uniqueKey is done, then the key can be enqueued again', async () => {
    const first = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.unique',
      runAt: now(),
      uniqueKey: 'notify:8',
    });
    const [claimed] = await jobsRepository.claimDue(ctx.db, 'worker-a', now(), 10);
    expect(claimed?.id).toBe(first);
    await jobsRepository.markDone(ctx.db, first!, now());
    const second = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.unique',
      runAt: now(),
      uniqueKey: 'notify:8',
    });
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    const rows = await jobsOfKind('test.unique');
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      [first, 'done'],
      [second, 'pending'],
    ]);
  });

  it('when jobs have no uniqueKey, then the same kind can be enqueued many times', async () => {
    await jobsRepository.enqueue(ctx.db, { kind: 'test.plain', runAt: now() });
    await jobsRepository.enqueue(ctx.db, { kind: 'test.plain', runAt: now() });
    expect(await jobsOfKind('test.plain')).toHaveLength(2);
  });
});

describe('claimDue', () => {
  it('when some jobs are due and some not, then only due ones are claimed, marked running', async () => {
    const past = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.claim',
      runAt: later(-MINUTE),
    });
    const exact = await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: now() });
    const future = await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: later(1) });

    const claimed = await jobsRepository.claimDue(ctx.db, 'worker-a', now(), 10);

    expect(claimed.map((j) => j.id).sort((a, b) => a - b)).toEqual([past, exact]);
    for (const job of claimed) {
      expect(job).toMatchObject({ status: 'running', attempts: 1, lockedBy: 'worker-a' });
      expect(job.lockedAt?.toISOString()).toBe(TEST_NOW);
    }
    const stored = await jobById(past!);
    expect(stored).toMatchObject({ status: 'running', attempts: 1, lockedBy: 'worker-a' });
    expect(await jobById(future!)).toMatchObject({
      status: 'pending',
      attempts: 0,
      lockedBy: null,
    });
  });

  it('when a job is already running, then a second claim does not take it again', async () => {
    await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: now() });
    expect(await jobsRepository.claimDue(ctx.db, 'worker-a', now(), 10)).toHaveLength(1);
    expect(await jobsRepository.claimDue(ctx.db, 'worker-b', later(HOUR), 10)).toEqual([]);
  });

  it('when the limit is smaller than the due jobs, then the earliest are claimed first', async () => {
    const second = await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: later(-1) });
    const first = await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: later(-2) });
    await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: now() });
    const claimed = await jobsRepository.claimDue(ctx.db, 'worker-a', now(), 2);
    expect(claimed.map((j) => j.id).sort((a, b) => a - b)).toEqual(
      [first!, second!].sort((a, b) => a - b),
    );
  });

  it('when two workers claim at the same time, then no job is handed to both', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const id = await jobsRepository.enqueue(ctx.db, { kind: 'test.race', runAt: later(-i) });
      ids.push(id!);
    }

    const [a, b] = await Promise.all([
      jobsRepository.claimDue(ctx.db, 'worker-a', now(), 5),
      jobsRepository.claimDue(ctx.db, 'worker-b', now(), 5),
    ]);

    const idsA = a.map((j) => j.id);
    const idsB = b.map((j) => j.id);
    expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
    expect([...idsA, ...idsB].sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    const rows = await jobsOfKind('test.race');
    for (const row of rows) {
      expect(row.status).toBe('running');
      expect(row.attempts).toBe(1);
      expect(row.lockedBy).toBe(idsA.includes(row.id) ? 'worker-a' : 'worker-b');
    }
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 30_000, 30_000],
    [2, 30_000, 60_000],
    [3, 30_000, 120_000],
    [4, 30_000, 240_000],
    [7, 30_000, 1_920_000],
    [8, 30_000, HOUR],
    [30, 30_000, HOUR],
    [1, 1_000, 1_000],
    [0, 1_000, 1_000],
  ])('when attempt %i with base %i, then the delay is %i ms', (attempt, base, delay) => {
    expect(backoffDelay(attempt, base)).toBe(delay);
  });
});

describe('the worker', () => {
  it('when a handler succeeds, then the job is done with finishedAt and the handler saw it', async () => {
    const seen: JobContext['job'][] = [];
    const id = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.ok',
      payload: { n: 1 },
      runAt: now(),
    });
    const worker = workerWith({
      'test.ok': async ({ job }) => {
        seen.push(job);
      },
    });
    expect(await worker.drain()).toBe(1);
    expect(seen.map((j) => [j.id, j.payload, j.status])).toEqual([[id, { n: 1 }, 'running']]);
    const job = await jobById(id!);
    expect(job).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lastError: null });
    expect(job.finishedAt?.toISOString()).toBe(TEST_NOW);
    expect(await worker.drain()).toBe(0);
  });

  it('when a handler throws, then the job returns to pending at now + backoff with the error', async () => {
    const id = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.flaky',
      runAt: now(),
      maxAttempts: 3,
    });
    const worker = workerWith(
      {
        'test.flaky': async () => {
          throw new Error('smtp unreachable');
        },
      },
      { backoffBaseMs: 10_000 },
    );

    expect(await worker.drain()).toBe(1);
    let job = await jobById(id!);
    expect(job).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'smtp unreachable',
      lockedAt: null,
      lockedBy: null,
      finishedAt: null,
    });
    expect(job.runAt.getTime()).toBe(now().getTime() + backoffDelay(1, 10_000));

    // Not due yet one millisecond before the retry instant.
    ctx.clock.advance(backoffDelay(1, 10_000) - 1);
    expect(await worker.drain()).toBe(0);
    ctx.clock.advance(1);
    expect(await worker.drain()).toBe(1);
    job = await jobById(id!);
    expect(job).toMatchObject({ status: 'pending', attempts: 2 });
    expect(job.runAt.getTime()).toBe(now().getTime() + backoffDelay(2, 10_000));
    expect(backoffDelay(2, 10_000)).toBe(20_000);
  });

  it('when a handler keeps failing up to maxAttempts, then the job is failed with finishedAt', async () => {
    const id = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.broken',
      runAt: now(),
      maxAttempts: 3,
    });
    let calls = 0;
    const worker = workerWith(
      {
        'test.broken': async () => {
          calls += 1;
          throw new Error(`failure ${calls}`);
        },
      },
      { backoffBaseMs: 1_000 },
    );

    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await worker.drain()).toBe(1);
      ctx.clock.advance(backoffDelay(attempt, 1_000));
    }
    const failedAt = new Date(now().getTime() - backoffDelay(3, 1_000));

    const job = await jobById(id!);
    expect(job).toMatchObject({ status: 'failed', attempts: 3, lastError: 'failure 3' });
    expect(job.finishedAt?.toISOString()).toBe(failedAt.toISOString());
    // A failed job is never picked up again.
    ctx.clock.advance(HOUR);
    expect(await worker.drain()).toBe(0);
    expect(calls).toBe(3);
  });

  it('when no handler exists for a kind, then the job fails with a message naming the kind', async () => {
    const id = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.unknown',
      runAt: now(),
      maxAttempts: 1,
    });
    expect(await workerWith({}).drain()).toBe(1);
    const job = await jobById(id!);
    expect(job.status).toBe('failed');
    expect(job.lastError).toContain('test.unknown');
  });
});

describe('stale jobs', () => {
  it('when a running job was locked before the cut-off, then releaseStale returns it to pending', async () => {
    const orphan = await jobsRepository.enqueue(ctx.db, { kind: 'test.stale', runAt: now() });
    await jobsRepository.claimDue(ctx.db, 'dead-worker', now(), 10);

    // Locked exactly at the cut-off is not yet stale.
    expect(await jobsRepository.releaseStale(ctx.db, now(), now())).toBe(0);
    expect(await jobById(orphan!)).toMatchObject({ status: 'running', lockedBy: 'dead-worker' });

    expect(await jobsRepository.releaseStale(ctx.db, later(1), later(1))).toBe(1);
    expect(await jobById(orphan!)).toMatchObject({
      status: 'pending',
      lockedAt: null,
      lockedBy: null,
      attempts: 1,
    });
  });

  it('when an orphaned job has used all its attempts, then it fails for good instead of looping', async () => {
    const id = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.crashes-worker',
      runAt: now(),
      maxAttempts: 1,
    });
    await jobsRepository.claimDue(ctx.db, 'dead-worker', now(), 10);
    expect(await jobsRepository.releaseStale(ctx.db, later(1), later(1))).toBe(0);
    const job = await jobById(id!);
    expect(job).toMatchObject({ status: 'failed', lockedBy: null, attempts: 1 });
    expect(job.lastError).toContain('worker stopped');
    expect(job.finishedAt?.toISOString()).toBe(later(1).toISOString());
  });

  it('when a worker died mid-run, then another worker runs the job after staleAfterMs', async () => {
    const id = await jobsRepository.enqueue(ctx.db, { kind: 'test.stale', runAt: now() });
    await jobsRepository.claimDue(ctx.db, 'dead-worker', now(), 10);
    let runs = 0;
    const worker = workerWith(
      {
        'test.stale': async () => {
          runs += 1;
        },
      },
      { staleAfterMs: 10 * MINUTE },
    );

    ctx.clock.advance(10 * MINUTE);
    expect(await worker.drain()).toBe(0);
    ctx.clock.advance(1);
    expect(await worker.drain()).toBe(1);
    expect(runs).toBe(1);
    expect(await jobById(id!)).toMatchObject({ status: 'done', attempts: 2 });
  });
});

describe('recurring jobs', () => {
  it('when a worker drains repeatedly, then exactly one pending recurring job is kept queued', async () => {
    let ticks = 0;
    const worker = workerWith(
      {
        'test.tick': async () => {
          ticks += 1;
        },
      },
      { recurring: [{ kind: 'test.tick', everyMs: 10 * MINUTE }] },
    );

    expect(await worker.drain()).toBe(0);
    let rows = await jobsOfKind('test.tick');
    expect(rows.map((r) => [r.status, r.uniqueKey])).toEqual([['pending', 'recurring:test.tick']]);
    expect(rows[0]!.runAt.getTime()).toBe(now().getTime() + 10 * MINUTE);

    // Draining again before it is due queues nothing more.
    ctx.clock.advance(MINUTE);
    expect(await worker.drain()).toBe(0);
    expect(await worker.drain()).toBe(0);
    expect(await jobsOfKind('test.tick')).toHaveLength(1);

    // When due, it runs once, and the same drain queues its successor one period ahead.
    ctx.clock.advance(9 * MINUTE);
    expect(await worker.drain()).toBe(1);
    expect(ticks).toBe(1);
    rows = await jobsOfKind('test.tick');
    expect(rows.map((r) => r.status)).toEqual(['done', 'pending']);
    expect(rows[1]!.runAt.getTime()).toBe(now().getTime() + 10 * MINUTE);

    for (let i = 0; i < 3; i++) await worker.drain();
    const live = await ctx.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'test.tick')
      .where('status', 'in', ['pending', 'running'])
      .execute();
    expect(live).toHaveLength(1);
    expect(ticks).toBe(1);
  });
});

describe('the app worker', () => {
  it('when its purge job comes due, then expired sessions are deleted and valid ones kept', async () => {
    const account = await createAccount(ctx.db, { roles: ['candidate'] });
    const session = (id: string, expiresAt: Date) => ({
      id,
      accountId: account.id,
      csrfToken: `csrf-${id}`,
      createdAt: later(-2 * HOUR),
      lastSeenAt: later(-2 * HOUR),
      expiresAt,
      userAgent: null,
    });
    await ctx.db
      .insertInto('sessions')
      .values([
        session('expired-session', later(-MINUTE)),
        session('expires-during-wait', later(30 * MINUTE)),
        session('valid-session', later(3 * HOUR)),
      ])
      .execute();

    // The first drain only queues the hourly purge; nothing is due yet.
    expect(await ctx.worker.drain()).toBe(0);
    const [purge] = await jobsOfKind('sessions.purge_expired');
    expect(purge).toMatchObject({
      status: 'pending',
      uniqueKey: 'recurring:sessions.purge_expired',
    });
    expect(purge!.runAt.getTime()).toBe(now().getTime() + HOUR);
    expect(await ctx.db.selectFrom('sessions').select('id').execute()).toHaveLength(3);

    ctx.clock.set(purge!.runAt);
    expect(await ctx.worker.drain()).toBe(1);

    const left = await ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('accountId', '=', account.id)
      .execute();
    expect(left.map((s) => s.id)).toEqual(['valid-session']);
    expect(await jobById(purge!.id)).toMatchObject({ status: 'done', attempts: 1 });
  });
});
