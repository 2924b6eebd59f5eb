import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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

/** A promise and the function that settles it, to hold a handler until the test lets it go. */
function deferred<T = void>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** The log lines the app wrote about one job. */
function logsOfJob(id: number): { msg: string; level: number }[] {
  return ctx.logs
    .map((line) => JSON.parse(line) as { msg: string; level: number; jobId?: number })
    .filter((entry) => entry.jobId === id);
}

/** A worker over the test database with only the given handlers. */
function workerWith(
  handlers: Record<string, JobHandler>,
  options: {
    backoffBaseMs?: number;
    staleAfterMs?: number;
    pollMs?: number;
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
    await jobsRepository.claimDue(ctx.db, 'worker-a', now(), ['test.unique']);
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
    const [claimed] = await jobsRepository.claimDue(ctx.db, 'worker-a', now(), ['test.unique']);
    expect(claimed?.id).toBe(first);
    expect(await jobsRepository.markDone(ctx.db, claimed!, 'worker-a', now())).toBe(true);
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

    const claimed = await jobsRepository.claimDue(ctx.db, 'worker-a', now(), ['test.claim'], 10);

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
    expect(await jobsRepository.claimDue(ctx.db, 'worker-a', now(), ['test.claim'])).toHaveLength(
      1,
    );
    expect(await jobsRepository.claimDue(ctx.db, 'worker-b', later(HOUR), ['test.claim'])).toEqual(
      [],
    );
  });

  it('when the limit is smaller than the due jobs, then the earliest are claimed first', async () => {
    const second = await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: later(-1) });
    const first = await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: later(-2) });
    await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: now() });
    const claimed = await jobsRepository.claimDue(ctx.db, 'worker-a', now(), ['test.claim'], 2);
    expect(claimed.map((j) => j.id).sort((a, b) => a - b)).toEqual(
      [first!, second!].sort((a, b) => a - b),
    );
  });

  it('when due jobs are of kinds not asked for, then they are not claimed', async () => {
    const other = await jobsRepository.enqueue(ctx.db, { kind: 'test.other', runAt: later(-1) });
    const mine = await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: now() });
    expect(await jobsRepository.claimDue(ctx.db, 'worker-a', now(), [])).toEqual([]);
    const claimed = await jobsRepository.claimDue(ctx.db, 'worker-a', now(), ['test.claim'], 10);
    expect(claimed.map((j) => j.id)).toEqual([mine]);
    expect(await jobById(other!)).toMatchObject({ status: 'pending', attempts: 0, lockedBy: null });
  });

  it('when no limit is given, then one job is claimed, the earliest due', async () => {
    const second = await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: later(-1) });
    const first = await jobsRepository.enqueue(ctx.db, { kind: 'test.claim', runAt: later(-2) });
    const claimed = await jobsRepository.claimDue(ctx.db, 'worker-a', now(), ['test.claim']);
    expect(claimed.map((j) => j.id)).toEqual([first]);
    expect(await jobById(second!)).toMatchObject({ status: 'pending', lockedBy: null });
  });

  it('when two workers claim at the same time, then no job is handed to both', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const id = await jobsRepository.enqueue(ctx.db, { kind: 'test.race', runAt: later(-i) });
      ids.push(id!);
    }

    const [a, b] = await Promise.all([
      jobsRepository.claimDue(ctx.db, 'worker-a', now(), ['test.race'], 5),
      jobsRepository.claimDue(ctx.db, 'worker-b', now(), ['test.race'], 5),
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

  it('when no handler exists for a kind, then the job stays pending, untouched', async () => {
    const id = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.unknown',
      runAt: now(),
      maxAttempts: 1,
    });
    const before = await jobById(id!);
    expect(await workerWith({}).drain()).toBe(0);
    expect(await workerWith({ 'test.other': async () => undefined }).drain()).toBe(0);
    ctx.clock.advance(HOUR);
    expect(await workerWith({ 'test.other': async () => undefined }).drain()).toBe(0);
    expect(await jobById(id!)).toEqual(before);
    expect(before).toMatchObject({
      status: 'pending',
      attempts: 0,
      lockedBy: null,
      lastError: null,
    });
  });

  it('when jobs of known and unknown kinds are due, then only the known ones run and the rest wait for a worker that knows them', async () => {
    const oldKind = await jobsRepository.enqueue(ctx.db, { kind: 'test.old', runAt: later(-2) });
    const newKind = await jobsRepository.enqueue(ctx.db, { kind: 'test.new', runAt: later(-1) });
    const newer = await jobsRepository.enqueue(ctx.db, { kind: 'test.new', runAt: now() });
    const ran: number[] = [];
    const oldWorker = workerWith({
      'test.old': async ({ job }) => {
        ran.push(job.id);
      },
    });
    expect(await oldWorker.drain()).toBe(1);
    expect(ran).toEqual([oldKind]);
    for (const id of [newKind!, newer!]) {
      expect(await jobById(id)).toMatchObject({ status: 'pending', attempts: 0, lockedBy: null });
    }

    const newWorker = workerWith({
      'test.old': async ({ job }) => {
        ran.push(job.id);
      },
      'test.new': async ({ job }) => {
        ran.push(job.id);
      },
    });
    expect(await newWorker.drain()).toBe(2);
    expect(ran).toEqual([oldKind, newKind, newer]);
    const rows = await ctx.db.selectFrom('jobs').select(['status', 'attempts']).execute();
    expect(rows).toEqual([
      { status: 'done', attempts: 1 },
      { status: 'done', attempts: 1 },
      { status: 'done', attempts: 1 },
    ]);
  });

  it('when a recurring kind has no handler, then creating the worker fails and nothing is queued', async () => {
    expect(() =>
      workerWith({}, { recurring: [{ kind: 'test.orphan-tick', everyMs: MINUTE }] }),
    ).toThrow('test.orphan-tick');
    expect(await jobsOfKind('test.orphan-tick')).toEqual([]);
  });

  it('when two workers drain the same queue at once, then every job runs exactly once', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push((await jobsRepository.enqueue(ctx.db, { kind: 'test.race', runAt: later(-i) }))!);
    }
    const runs = new Map<number, (string | null)[]>();
    const handler: JobHandler = async ({ job }) => {
      runs.set(job.id, [...(runs.get(job.id) ?? []), job.lockedBy]);
      await sleep(1);
    };
    const a = workerWith({ 'test.race': handler });
    const b = workerWith({ 'test.race': handler });

    const [ranA, ranB] = await Promise.all([a.drain(), b.drain()]);

    expect(ranA + ranB).toBe(ids.length);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(ids.sort((x, y) => x - y));
    for (const lockedBy of runs.values()) expect(lockedBy).toHaveLength(1);
    const rows = await jobsOfKind('test.race');
    expect(rows.map((r) => [r.status, r.attempts, r.lockedBy])).toEqual(
      ids.map(() => ['done', 1, null]),
    );
  });
});

describe('stale jobs', () => {
  it('when a running job was locked before the cut-off, then releaseStale returns it to pending', async () => {
    const orphan = await jobsRepository.enqueue(ctx.db, { kind: 'test.stale', runAt: now() });
    await jobsRepository.claimDue(ctx.db, 'dead-worker', now(), ['test.stale']);

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
    await jobsRepository.claimDue(ctx.db, 'dead-worker', now(), ['test.crashes-worker']);
    expect(await jobsRepository.releaseStale(ctx.db, later(1), later(1))).toBe(0);
    const job = await jobById(id!);
    expect(job).toMatchObject({ status: 'failed', lockedBy: null, attempts: 1 });
    expect(job.lastError).toContain('worker stopped');
    expect(job.finishedAt?.toISOString()).toBe(later(1).toISOString());
  });

  it('when a worker died mid-run, then another worker runs the job after staleAfterMs', async () => {
    const id = await jobsRepository.enqueue(ctx.db, { kind: 'test.stale', runAt: now() });
    await jobsRepository.claimDue(ctx.db, 'dead-worker', now(), ['test.stale']);
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

describe('locks of running jobs', () => {
  it('when a handler runs longer than staleAfterMs, then its lock is renewed and no other worker takes the job', async () => {
    const id = await jobsRepository.enqueue(ctx.db, { kind: 'test.long', runAt: now() });
    const started = deferred<Job>();
    const finish = deferred();
    let runs = 0;
    const handler: JobHandler = async ({ job }) => {
      runs += 1;
      started.resolve(job);
      await finish.promise;
    };
    // Renewed every 30 ms of real time, stamped with the (manual) clock.
    const staleAfterMs = 90;
    const worker = workerWith({ 'test.long': handler }, { staleAfterMs });
    const other = workerWith({ 'test.long': handler }, { staleAfterMs });

    const running = worker.drain();
    const job = await started.promise;
    expect(job.lockedAt?.toISOString()).toBe(TEST_NOW);
    for (let step = 1; step <= 3; step++) {
      ctx.clock.advance(60);
      const renewedAt = now().getTime();
      await vi.waitFor(
        async () => {
          expect((await jobById(id!)).lockedAt?.getTime()).toBe(renewedAt);
        },
        { timeout: 5_000, interval: 5 },
      );
      expect(await other.drain()).toBe(0);
    }
    // 180 ms since the claim, twice staleAfterMs: still the first worker's.
    expect(await jobById(id!)).toMatchObject({
      status: 'running',
      attempts: 1,
      lockedBy: job.lockedBy,
    });

    finish.resolve();
    expect(await running).toBe(1);
    expect(runs).toBe(1);
    const done = await jobById(id!);
    expect(done).toMatchObject({ status: 'done', attempts: 1, lockedAt: null, lockedBy: null });
    expect(done.finishedAt?.getTime()).toBe(now().getTime());
    // The heartbeat ended with the handler: no renewal tries to touch the finished job.
    await sleep(100);
    expect(await jobById(id!)).toEqual(done);
    expect(logsOfJob(id!).map((entry) => entry.msg)).toEqual(['job done']);
  });

  it('when an earlier job of a drain takes most of staleAfterMs, then the next is locked only as it starts and no other worker takes it', async () => {
    const first = await jobsRepository.enqueue(ctx.db, { kind: 'test.batch', runAt: later(-2) });
    const second = await jobsRepository.enqueue(ctx.db, { kind: 'test.batch', runAt: later(-1) });
    const secondStarted = deferred();
    const finish = deferred();
    const runs: number[] = [];
    const lockedAtStart: (Date | null)[] = [];
    const handler: JobHandler = async ({ job }) => {
      runs.push(job.id);
      lockedAtStart.push((await jobById(job.id)).lockedAt);
      if (runs.length === 1) {
        ctx.clock.advance(9 * MINUTE);
      } else if (runs.length === 2) {
        secondStarted.resolve();
        await finish.promise;
      }
    };
    const worker = workerWith({ 'test.batch': handler }, { staleAfterMs: 10 * MINUTE });
    const other = workerWith({ 'test.batch': handler }, { staleAfterMs: 10 * MINUTE });

    const running = worker.drain();
    await secondStarted.promise;
    // The second job has run for 2 minutes, 11 since the drain began.
    ctx.clock.advance(2 * MINUTE);
    expect(await other.drain()).toBe(0);
    expect(await jobById(second!)).toMatchObject({ status: 'running', attempts: 1 });

    finish.resolve();
    expect(await running).toBe(2);
    expect(runs).toEqual([first, second]);
    expect(lockedAtStart.map((at) => at?.getTime())).toEqual([
      new Date(TEST_NOW).getTime(),
      new Date(TEST_NOW).getTime() + 9 * MINUTE,
    ]);
    const rows = await jobsOfKind('test.batch');
    expect(rows.map((r) => [r.id, r.status, r.attempts])).toEqual([
      [first, 'done', 1],
      [second, 'done', 1],
    ]);
  });

  it('when a run outlives its lock and then fails, then the outcome of the newer run stands and the late failure is logged and ignored', async () => {
    const id = await jobsRepository.enqueue(ctx.db, {
      kind: 'test.fenced',
      runAt: now(),
      maxAttempts: 3,
    });
    const started = deferred();
    const fail = deferred();
    let calls = 0;
    const handler: JobHandler = async () => {
      calls += 1;
      if (calls > 1) return;
      started.resolve();
      await fail.promise;
      throw new Error('late failure');
    };
    const stalled = workerWith({ 'test.fenced': handler }, { staleAfterMs: 10 * MINUTE });
    const other = workerWith({ 'test.fenced': handler }, { staleAfterMs: 10 * MINUTE });

    const running = stalled.drain();
    await started.promise;
    // No renewal got through for longer than staleAfterMs (a paused process, a lost connection):
    // the job is taken for orphaned and run again elsewhere.
    ctx.clock.advance(10 * MINUTE + 1);
    expect(await other.drain()).toBe(1);
    const done = await jobById(id!);
    expect(done).toMatchObject({ status: 'done', attempts: 2, lastError: null, lockedBy: null });

    fail.resolve();
    expect(await running).toBe(1);
    expect(await jobById(id!)).toEqual(done);
    expect(calls).toBe(2);
    const late = logsOfJob(id!).filter((entry) => entry.msg.includes('lock was lost'));
    expect(late).toHaveLength(1);
    expect(late[0]!.level).toBe(40);
  });

  it('when a run outlives its lock and then succeeds, then the job stays with the run that superseded it', async () => {
    const id = await jobsRepository.enqueue(ctx.db, { kind: 'test.fenced', runAt: now() });
    const gates = [deferred(), deferred()];
    const starts = [deferred<Job>(), deferred<Job>()];
    let calls = 0;
    const handler: JobHandler = async ({ job }) => {
      const call = calls++;
      starts[call]!.resolve(job);
      await gates[call]!.promise;
    };
    const stalled = workerWith({ 'test.fenced': handler }, { staleAfterMs: 10 * MINUTE });
    const other = workerWith({ 'test.fenced': handler }, { staleAfterMs: 10 * MINUTE });

    const firstRun = stalled.drain();
    const firstJob = await starts[0]!.promise;
    ctx.clock.advance(10 * MINUTE + 1);
    const secondRun = other.drain();
    const secondJob = await starts[1]!.promise;
    expect(secondJob.lockedBy).not.toBe(firstJob.lockedBy);
    const taken = await jobById(id!);
    expect(taken).toMatchObject({ status: 'running', attempts: 2, lockedBy: secondJob.lockedBy });

    gates[0]!.resolve();
    expect(await firstRun).toBe(1);
    expect(await jobById(id!)).toEqual(taken);

    ctx.clock.advance(MINUTE);
    gates[1]!.resolve();
    expect(await secondRun).toBe(1);
    const done = await jobById(id!);
    expect(done).toMatchObject({ status: 'done', attempts: 2, lockedBy: null });
    expect(done.finishedAt?.getTime()).toBe(now().getTime());
    expect(logsOfJob(id!).map((entry) => entry.msg)).toEqual([
      'job done after its lock was lost; outcome ignored',
      'job done',
    ]);
  });

  it('when the claim is no longer held, then markDone, markFailed and heartbeat write nothing', async () => {
    const id = await jobsRepository.enqueue(ctx.db, { kind: 'test.fence', runAt: now() });
    const [first] = await jobsRepository.claimDue(ctx.db, 'worker-a', now(), ['test.fence']);
    expect(await jobsRepository.releaseStale(ctx.db, later(1), later(1))).toBe(1);
    // The same worker claims it again: only the newer claim (attempt 2) may finish it.
    ctx.clock.advance(1);
    const [second] = await jobsRepository.claimDue(ctx.db, 'worker-a', now(), ['test.fence']);
    expect(second).toMatchObject({ id, attempts: 2, lockedBy: 'worker-a' });
    const held = await jobById(id!);

    expect(await jobsRepository.heartbeat(ctx.db, first!, 'worker-a', later(5))).toBe(false);
    expect(await jobsRepository.heartbeat(ctx.db, second!, 'worker-b', later(5))).toBe(false);
    expect(await jobsRepository.markDone(ctx.db, first!, 'worker-a', later(5))).toBe(false);
    expect(await jobsRepository.markDone(ctx.db, second!, 'worker-b', later(5))).toBe(false);
    expect(
      await jobsRepository.markFailed(ctx.db, first!, 'worker-a', 'late', later(5), later(MINUTE)),
    ).toBe('superseded');
    expect(await jobById(id!)).toEqual(held);

    expect(await jobsRepository.heartbeat(ctx.db, second!, 'worker-a', later(5))).toBe(true);
    expect((await jobById(id!)).lockedAt?.getTime()).toBe(later(5).getTime());
    expect(await jobsRepository.markDone(ctx.db, second!, 'worker-a', later(6))).toBe(true);
    expect(await jobById(id!)).toMatchObject({ status: 'done', attempts: 2, lockedBy: null });
    // Finished: nothing more is written for either claim.
    expect(await jobsRepository.heartbeat(ctx.db, second!, 'worker-a', later(7))).toBe(false);
    expect(
      await jobsRepository.markFailed(ctx.db, second!, 'worker-a', 'x', later(7), later(MINUTE)),
    ).toBe('superseded');
    expect(await jobById(id!)).toMatchObject({ status: 'done', lastError: null });
  });
});

describe('stopping the worker', () => {
  async function threeJobs(kind: string): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 3; i > 0; i--) {
      ids.push((await jobsRepository.enqueue(ctx.db, { kind, runAt: later(-i) }))!);
    }
    return ids;
  }

  it('when stop() is called while the polling worker runs a job, then it returns after that job and the rest stay pending', async () => {
    const ids = await threeJobs('test.stop');
    const started = deferred();
    const finish = deferred();
    const ran: number[] = [];
    const worker = workerWith(
      {
        'test.stop': async ({ job }) => {
          ran.push(job.id);
          if (ran.length > 1) return;
          started.resolve();
          await finish.promise;
        },
      },
      { pollMs: 5 },
    );

    worker.start();
    await started.promise;
    let stopReturned = false;
    const stopping = worker.stop().then(() => {
      stopReturned = true;
    });
    await sleep(20);
    expect(stopReturned).toBe(false);
    finish.resolve();
    await stopping;

    expect(ran).toEqual([ids[0]]);
    const rows = await jobsOfKind('test.stop');
    expect(rows.map((r) => [r.id, r.status, r.attempts, r.lockedBy])).toEqual([
      [ids[0], 'done', 1, null],
      [ids[1], 'pending', 0, null],
      [ids[2], 'pending', 0, null],
    ]);
    // Stopped stays stopped: no poll, and a direct drain runs nothing.
    await sleep(30);
    expect(await worker.drain()).toBe(0);
    expect(await jobsOfKind('test.stop')).toEqual(rows);
  });

  it('when stop() is called during a direct drain(), then the drain returns after the job in hand', async () => {
    const ids = await threeJobs('test.stop');
    const started = deferred();
    const finish = deferred();
    const ran: number[] = [];
    const worker = workerWith(
      {
        'test.stop': async ({ job }) => {
          ran.push(job.id);
          if (ran.length > 1) return;
          started.resolve();
          await finish.promise;
        },
      },
      { pollMs: 5 },
    );

    const draining = worker.drain();
    await started.promise;
    const stopping = worker.stop();
    finish.resolve();
    await stopping;
    expect(await draining).toBe(1);
    expect(ran).toEqual([ids[0]]);
    const rows = await jobsOfKind('test.stop');
    expect(rows.map((r) => r.status)).toEqual(['done', 'pending', 'pending']);

    // Started again, it picks up where it left off.
    worker.start();
    await vi.waitFor(
      async () => {
        expect((await jobsOfKind('test.stop')).map((r) => r.status)).toEqual([
          'done',
          'done',
          'done',
        ]);
      },
      { timeout: 5_000, interval: 10 },
    );
    await worker.stop();
    expect(ran).toEqual(ids);
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
    // Within that hour the notification sweep and the deadline reminders come due as well.
    expect(await ctx.worker.drain()).toBeGreaterThanOrEqual(1);

    const left = await ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('accountId', '=', account.id)
      .execute();
    expect(left.map((s) => s.id)).toEqual(['valid-session']);
    expect(await jobById(purge!.id)).toMatchObject({ status: 'done', attempts: 1 });
  });
});
