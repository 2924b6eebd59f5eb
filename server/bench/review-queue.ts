/**
 * Benchmark of the review queue (issue #6) with 100,000 registrations in one exam area, straight
 * through the services and the repository (no HTTP), against PostgreSQL:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:review
 *
 * DATABASE_URL names a server and a database to connect to for administration (default
 * postgres://postgres@127.0.0.1:5432/postgres); the bench creates a scratch database
 * (hqe_bench_review) next to it, migrates and seeds it, and drops it at the end (BENCH_KEEP=1 keeps
 * it for a look with psql).
 *
 * Data (bulk INSERT … SELECT generate_series, with a fixed random seed): 100,000 candidates with
 * encrypted document numbers and mobiles (keyed hashes, as the application writes them) and
 * Chinese names (common surnames weighted), and one registration each in Shanghai (31) for the
 * demonstration cycle, spread over the statuses (10 % draft, 35 % submitted, 5 % returned, 30 %
 * confirmed, 15 % qualified, 1 % disqualified, 3 % paid, 1 % abandoned), the 16 districts and 15
 * test sites (skewed), and every offered specialty (skewed towards the first), submitted over 30
 * days; 20 % returning candidates (automatic confirmation attempted), 6 % resubmitted; their
 * timeline events. Then VACUUM ANALYZE.
 *
 * Measures (each BENCH_ITERATIONS times, default 50, after 3 warm-up calls; p50 / p95 / max in
 * ms): the first page of the confirmation queue, a page filtered by city + specialty, a deep
 * keyset page (30,000 rows in), searches by name prefix, 网报号 (exact and prefix) and document
 * number, the total counts alone, and "next" with 50 reviewers at once, each claiming 20 in a row
 * (the decision in between simulated by one UPDATE). Prints the EXPLAIN (ANALYZE, BUFFERS) key lines
 * of the list and "next" queries and fails unless they use registrations_queue_idx.
 *
 * Options (environment): BENCH_REGISTRATIONS (100000), BENCH_ITERATIONS (50), BENCH_REVIEWERS
 * (50), BENCH_CLAIMS_EACH (20), BENCH_KEEP.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import pg from 'pg';
import { gb11643CheckCharacter, type ReviewQueueQuery } from '@hqe/core';
import { openDatabase, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrator';
import type { Actor } from '../src/lib/actor';
import { systemClock } from '../src/lib/clock';
import { createFieldCrypto, type FieldCrypto } from '../src/lib/field-crypto';
import { hashPassword } from '../src/lib/secrets';
import { seedReferenceData } from '../src/modules/catalog';
import {
  claimOldestQuery,
  countQueueQuery,
  createReviewClaimsService,
  createReviewQueueService,
  encodeCursor,
  listQueueQuery,
  resolveQueueFilters,
  resolveQueueSearch,
  type ResolvedQueueFilters,
} from '../src/modules/review';

const SCRATCH = 'hqe_bench_review';
const total = Number(process.env.BENCH_REGISTRATIONS ?? 100_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 50);
const reviewerCount = Number(process.env.BENCH_REVIEWERS ?? 50);
const claimsEach = Number(process.env.BENCH_CLAIMS_EACH ?? 20);
/** Candidate account ids start here, apart from the ones the sequence gives. */
const ID_BASE = 1_000_000;
const CHUNK = 10_000;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬志鹏辉建国文婷雪琳晨阳欣怡梓涵子轩浩宇思雨佳慧';

/** A valid 居民身份证 number for the i-th candidate (distinct for i < 3,650,000). */
function residentId(i: number): string {
  const birth = new Date(Date.UTC(1965, 0, 1) + (i % 12_000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `310101${ymd}${String(Math.floor(i / 12_000)).padStart(3, '0')}`;
  return `${first17}${gb11643CheckCharacter(first17)}`;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? 0;
const round1 = (ms: number) => Math.round(ms * 10) / 10;

interface Row {
  what: string;
  p50: number;
  p95: number;
  max: number;
  note: string;
}
const results: Row[] = [];

async function measure(what: string, note: string, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const row = {
    what,
    p50: round1(percentile(times, 50)),
    p95: round1(percentile(times, 95)),
    max: round1(times.at(-1) ?? 0),
    note,
  };
  results.push(row);
  process.stdout.write(`  ${what}: p50 ${row.p50} ms, p95 ${row.p95} ms (${note})\n`);
}

/** Candidates, their accounts, registrations and timeline, in a few bulk statements. */
async function generate(client: pg.Client, crypto: FieldCrypto, refs: References) {
  const now = new Date();
  const passwordHash = await hashPassword(randomBytes(12).toString('base64'));
  await client.query('select setseed(0.42)');
  await client.query(
    `insert into accounts (id, kind, username, display_name, password_hash, roles)
     select $1::int + i, 'candidate', 'bench-c' || i, '考生' || i, $2, array['candidate']
     from generate_series(1, $3::int) i`,
    [ID_BASE, passwordHash, total],
  );
  for (let start = 1; start <= total; start += CHUNK) {
    const ids: number[] = [];
    const documents: string[] = [];
    const documentHashes: string[] = [];
    const mobiles: string[] = [];
    const mobileHashes: string[] = [];
    for (let i = start; i < Math.min(start + CHUNK, total + 1); i++) {
      const document = residentId(i);
      const mobile = `139${String(i).padStart(8, '0')}`;
      ids.push(i);
      documents.push(crypto.encrypt(document, 'candidates.document_number'));
      documentHashes.push(crypto.lookupHash('document', document));
      mobiles.push(crypto.encrypt(mobile, 'candidates.mobile'));
      mobileHashes.push(crypto.lookupHash('mobile', mobile));
    }
    // Surnames weighted towards the common ones (power of a uniform draw); one or two characters.
    await client.query(
      `insert into candidates (account_id, document_type, document_number_encrypted,
         document_number_hash, name, gender, mobile_encrypted, mobile_hash, mobile_verified_at,
         created_at, updated_at)
       select $1::int + t.i, 'resident_id', t.denc, t.dhash,
         substr($7, 1 + floor(power(random(), 2.2) * char_length($7))::int, 1)
           || substr($8, 1 + floor(random() * char_length($8))::int, 1)
           || case when random() < 0.65
                then substr($8, 1 + floor(random() * char_length($8))::int, 1) else '' end,
         case when t.i % 2 = 0 then 'female' else 'male' end,
         t.menc, t.mhash, $9, $9, $9
       from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
         as t(i, denc, dhash, menc, mhash)`,
      [ID_BASE, ids, documents, documentHashes, mobiles, mobileHashes, SURNAMES, GIVEN, now],
    );
  }
  // One registration per candidate. Status by a uniform draw; city, test site and specialty
  // skewed (a power of the draw); submitted over the last 30 days, confirmed within 3 days.
  await client.query(
    `insert into registrations (account_id, cycle_id, exam_area_id, registration_number, status,
       version, city_id, test_site_id, area_offering_id, submitted_at, confirmed_at, queued_at,
       auto_confirmation, created_at, updated_at)
     select $1::int + s.i, $2, $3, $4 || lpad(s.i::text, 8, '0'), s.status,
       case when s.status = 'draft' then 1 else 3 end,
       s.city, s.site, s.offering, s.submitted_at, s.confirmed_at,
       coalesce(s.confirmed_at, s.submitted_at),
       case when s.status <> 'draft' and s.returning then jsonb_build_object(
         'attempted', true,
         'passed', s.status not in ('submitted', 'returned') and s.auto_passed,
         'previousYear', 2025, 'evaluatedAt', s.submitted_at, 'reasons', '[]'::jsonb) end,
       $9, $9
     from (
       select g.i, g.status,
         ($5::int[])[1 + floor(power(random(), 1.6) * cardinality($5::int[]))::int] as city,
         ($6::int[])[1 + floor(power(random(), 1.3) * cardinality($6::int[]))::int] as site,
         ($7::int[])[1 + floor(power(random(), 3) * cardinality($7::int[]))::int] as offering,
         case when g.status <> 'draft' then g.submitted_at end as submitted_at,
         case when g.status in ('confirmed','qualified','disqualified','paid')
           then g.submitted_at + random() * interval '3 days' end as confirmed_at,
         random() < 0.2 as returning, random() < 0.6 as auto_passed
       from (
         select i, $8::timestamptz - random() * interval '30 days' as submitted_at,
           case when r < 0.10 then 'draft' when r < 0.45 then 'submitted'
                when r < 0.50 then 'returned' when r < 0.80 then 'confirmed'
                when r < 0.95 then 'qualified' when r < 0.96 then 'disqualified'
                when r < 0.99 then 'paid' else 'abandoned' end as status
         from (select i, random() as r from generate_series(1, $10::int) i) u
       ) g
     ) s`,
    [
      ID_BASE,
      refs.cycleId,
      refs.areaId,
      `${refs.areaCode}${refs.year}`,
      refs.cityIds,
      refs.testSiteIds,
      refs.offeringIds,
      now,
      now,
      total,
    ],
  );
  await client.query(
    `insert into registration_events (registration_id, exam_area_id, cycle_id, event,
       from_status, to_status, actor_kind, occurred_at)
     select id, exam_area_id, cycle_id, 'submit', 'draft', 'submitted', 'candidate', submitted_at
     from registrations where account_id > $1 and submitted_at is not null`,
    [ID_BASE],
  );
  await client.query(
    `insert into registration_events (registration_id, exam_area_id, cycle_id, event,
       from_status, to_status, actor_kind, occurred_at)
     select id, exam_area_id, cycle_id, e.event, e.from_status, e.to_status, e.kind, submitted_at
     from registrations,
       (values ('return', 'submitted', 'returned', 'confirmation_reviewer'),
               ('resubmit', 'returned', 'submitted', 'candidate'))
         as e(event, from_status, to_status, kind)
     where account_id > $1 and submitted_at is not null and random() < 0.06`,
    [ID_BASE],
  );
  await client.query('vacuum analyze');
}

interface References {
  cycleId: number;
  year: number;
  areaId: number;
  areaCode: string;
  cityIds: number[];
  testSiteIds: number[];
  offeringIds: number[];
  offeringCodes: string[];
}

async function references(db: Db): Promise<References> {
  const cycle = await db
    .selectFrom('cycles')
    .select(['id', 'year'])
    .where('name', 'like', '%（演示）')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const area = await db
    .selectFrom('examAreas')
    .select(['id', 'code'])
    .where('code', '=', '31')
    .executeTakeFirstOrThrow();
  const now = new Date();
  // The demonstration data has three test sites; a real area has more.
  await db
    .insertInto('testSites')
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        examAreaId: area.id,
        code: `31${String(i + 4).padStart(2, '0')}`,
        name: `考点${i + 4}`,
        address: '基准测试数据',
        createdAt: now,
        updatedAt: now,
      })),
    )
    .execute();
  const cities = await db
    .selectFrom('examAreaCities')
    .select('id')
    .where('examAreaId', '=', area.id)
    .orderBy('sortOrder')
    .execute();
  const sites = await db
    .selectFrom('testSites')
    .select('id')
    .where('examAreaId', '=', area.id)
    .orderBy('code')
    .execute();
  const offerings = await db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select(['o.id', 's.code'])
    .where('o.cycleId', '=', cycle.id)
    .where('o.examAreaId', '=', area.id)
    .orderBy('s.code')
    .execute();
  return {
    cycleId: cycle.id,
    year: cycle.year,
    areaId: area.id,
    areaCode: area.code,
    cityIds: cities.map((c) => c.id),
    testSiteIds: sites.map((s) => s.id),
    offeringIds: offerings.map((o) => o.id),
    offeringCodes: offerings.map((o) => o.code),
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a compiled query, in a transaction rolled back; key lines. */
async function explain(
  client: pg.Client,
  label: string,
  query: { sql: string; parameters: readonly unknown[] },
  expectIndex: RegExp,
): Promise<void> {
  await client.query('begin');
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${query.sql}`,
      [...query.parameters],
    );
    const lines = rows.map((r) => r['QUERY PLAN']);
    process.stdout.write(`\nEXPLAIN ${label}\n`);
    for (const line of lines) {
      if (
        /Scan|Limit|Sort|Nested|Hash|Aggregate|LockRows|Update|Execution Time|Planning Time/.test(
          line,
        )
      ) {
        process.stdout.write(`  ${line.trimEnd()}\n`);
      }
    }
    if (!lines.some((l) => expectIndex.test(l))) {
      throw new Error(`${label}: the plan does not use ${expectIndex.source}`);
    }
  } finally {
    await client.query('rollback');
  }
}

async function main() {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${SCRATCH}`);
  await admin.query(`create database ${SCRATCH}`);
  const target = new URL(adminUrl);
  target.pathname = `/${SCRATCH}`;
  const handle = await openDatabase({
    engine: 'postgres',
    url: target.toString(),
    poolSize: reviewerCount + 2,
  });
  const client = new pg.Client({ connectionString: target.toString() });
  try {
    const { db } = handle;
    await client.connect();
    await migrateToLatest(db);
    await seedReferenceData(db, { now: new Date(), demoCycle: true });
    const refs = await references(db);
    const crypto = createFieldCrypto(randomBytes(32));

    let started = performance.now();
    await generate(client, crypto, refs);
    const counts = await db
      .selectFrom('registrations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .orderBy('status')
      .execute();
    process.stdout.write(
      `generated ${total} registrations in ${Math.round(performance.now() - started)} ms: ${counts
        .map((c) => `${c.status} ${c.n}`)
        .join(', ')}\n`,
    );

    const passwordHash = await hashPassword(randomBytes(12).toString('base64'));
    const reviewers: Actor[] = [];
    for (let i = 0; i < reviewerCount; i++) {
      const row = await db
        .insertInto('accounts')
        .values({
          kind: 'staff',
          username: `bench-reviewer-${i}`,
          displayName: `审核员${i + 1}`,
          passwordHash,
          roles: ['confirmation_reviewer'],
          examAreaId: refs.areaId,
        })
        .returning(['id', 'username'])
        .executeTakeFirstOrThrow();
      reviewers.push({
        accountId: row.id,
        username: row.username,
        roles: ['confirmation_reviewer'],
        examAreaId: refs.areaId,
        requestId: `bench-${i}`,
      });
    }
    const [reviewer] = reviewers;
    if (!reviewer) throw new Error('no reviewers');

    const queue = createReviewQueueService({ db, clock: systemClock, crypto });
    const claims = createReviewClaimsService({ db, clock: systemClock });
    const base = { stage: 'confirmation', cycleId: refs.cycleId, limit: 50 } as const;
    const list = (extra: Partial<ReviewQueueQuery> = {}) =>
      queue.list(reviewer, { ...base, ...extra });

    // The busiest city and specialty (the skew puts them first).
    const cityId = refs.cityIds[0];
    const specialtyCode = refs.offeringCodes[0];
    if (cityId === undefined || specialtyCode === undefined) throw new Error('no references');
    const waiting = await db
      .selectFrom('registrations')
      .select(['queuedAt', 'id'])
      .where('examAreaId', '=', refs.areaId)
      .where('cycleId', '=', refs.cycleId)
      .where('status', '=', 'submitted')
      .orderBy('queuedAt')
      .orderBy('id')
      .offset(30_000)
      .limit(1)
      .executeTakeFirstOrThrow();
    const deepCursor = encodeCursor({ queuedAt: waiting.queuedAt, id: waiting.id });
    const sample = await db
      .selectFrom('registrations')
      .select(['registrationNumber', 'accountId'])
      .where('status', '=', 'submitted')
      .orderBy('id')
      .offset(12_345)
      .limit(1)
      .executeTakeFirstOrThrow();
    const document = residentId(sample.accountId - ID_BASE);

    process.stdout.write(`\nmeasuring (${iterations} runs each, after 3 warm-up runs)\n`);
    const first = await list();
    const filtered = await list({ cityId, specialtyCode });
    await measure('first page (50) + total', `total ${first.total}`, () => list());
    await measure(
      'city + specialty page (50) + total',
      `specialty ${specialtyCode}, total ${filtered.total}`,
      () => list({ cityId, specialtyCode }),
    );
    await measure('deep keyset page (row 30,000) + total', 'cursor', () =>
      list({ cursor: deepCursor }),
    );
    for (const [label, q] of [
      ['search name prefix 王', '王'],
      ['search name prefix 王伟', '王伟'],
      ['search 网报号 exact', sample.registrationNumber],
      ['search 网报号 prefix (12 digits)', sample.registrationNumber.slice(0, 12)],
      ['search document number', document],
    ] as const) {
      const page = await list({ q });
      await measure(label, `total ${page.total}`, () => list({ q }));
    }
    const plain = await resolveQueueFilters(db, refs.areaId, base);
    const withCity = await resolveQueueFilters(db, refs.areaId, {
      ...base,
      cityId,
      specialtyCode,
    });
    await measure('count only, confirmation queue', 'index-only', () =>
      countQueueQuery(db, plain).executeTakeFirstOrThrow(),
    );
    await measure('count only, city + specialty', '', () =>
      countQueueQuery(db, withCity).executeTakeFirstOrThrow(),
    );
    const returning = await list({ returning: true });
    await measure('returning filter page + total', `total ${returning.total}`, () =>
      list({ returning: true }),
    );
    const autoFailed = await list({ autoFailed: true });
    await measure('auto-failed filter page + total', `total ${autoFailed.total}`, () =>
      list({ autoFailed: true }),
    );

    /** The decision a reviewer takes on a claimed registration, as one UPDATE (what it changes). */
    const decide = (id: number) =>
      db
        .updateTable('registrations')
        .set((eb) => ({
          status: 'confirmed',
          confirmedAt: new Date(),
          queuedAt: new Date(),
          claimedBy: null,
          claimExpiresAt: null,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .execute();

    // "next" for one reviewer alone: the cost of one call without queueing behind others.
    await measure('next + its decision UPDATE, one reviewer alone', 'sequential', async () => {
      const { claim } = await claims.next(reviewer, {
        stage: 'confirmation',
        cycleId: refs.cycleId,
      });
      if (!claim) throw new Error('the queue ran dry');
      await decide(claim.registrationId);
    });

    // "next": every reviewer at once, each 20 in a row; the decision in between is one UPDATE.
    const handedOut: number[] = [];
    const nextTimes: number[] = [];
    started = performance.now();
    await Promise.all(
      reviewers.map(async (actor) => {
        for (let i = 0; i < claimsEach; i++) {
          const t0 = performance.now();
          const { claim } = await claims.next(actor, {
            stage: 'confirmation',
            cycleId: refs.cycleId,
          });
          nextTimes.push(performance.now() - t0);
          if (!claim) throw new Error('the queue ran dry');
          handedOut.push(claim.registrationId);
          await decide(claim.registrationId);
        }
      }),
    );
    const wall = performance.now() - started;
    if (new Set(handedOut).size !== handedOut.length) {
      throw new Error('a registration was handed out twice');
    }
    nextTimes.sort((a, b) => a - b);
    const nextRow = {
      what: `next, ${reviewerCount} reviewers at once × ${claimsEach} each`,
      p50: round1(percentile(nextTimes, 50)),
      p95: round1(percentile(nextTimes, 95)),
      max: round1(nextTimes.at(-1) ?? 0),
      note: `${handedOut.length} claims, all distinct, ${Math.round((handedOut.length / wall) * 1000)} claims/s with the decision UPDATE`,
    };
    results.push(nextRow);
    process.stdout.write(
      `  ${nextRow.what}: p50 ${nextRow.p50} ms, p95 ${nextRow.p95} ms (${nextRow.note})\n`,
    );

    // Plans.
    const now = new Date();
    const listOptions = { cursor: null, limit: 51, nullsPossible: false };
    await explain(
      client,
      'first page',
      listQueueQuery(db, plain, listOptions).compile(),
      /registrations_queue_idx/,
    );
    await explain(
      client,
      'city + specialty page',
      listQueueQuery(db, withCity, listOptions).compile(),
      /registrations_queue_idx/,
    );
    await explain(
      client,
      'deep keyset page',
      listQueueQuery(db, plain, {
        ...listOptions,
        cursor: { queuedAt: waiting.queuedAt, id: waiting.id },
      }).compile(),
      /registrations_queue_idx/,
    );
    const nameSearch: ResolvedQueueFilters = {
      ...plain,
      search: await resolveQueueSearch(db, crypto, refs.areaId, '王伟'),
    };
    await explain(
      client,
      'name search 王伟 (accounts looked up first)',
      listQueueQuery(db, nameSearch, listOptions).compile(),
      /registrations_account_id_cycle_id_key/,
    );
    const commonName: ResolvedQueueFilters = {
      ...plain,
      search: await resolveQueueSearch(db, crypto, refs.areaId, '王'),
    };
    await explain(
      client,
      'name search 王 (over 1000 accounts: subquery)',
      listQueueQuery(db, commonName, listOptions).compile(),
      /candidates_name_prefix_idx|registrations_queue_idx/,
    );
    await explain(
      client,
      'count, name search 王',
      countQueueQuery(db, commonName).compile(),
      /candidates_name_prefix_idx|registrations_queue_idx/,
    );
    for (const [label, q] of [
      ['网报号 prefix search (ids looked up first)', sample.registrationNumber.slice(0, 12)],
      ['document number search', document],
    ] as const) {
      const filters = { ...plain, search: await resolveQueueSearch(db, crypto, refs.areaId, q) };
      await explain(
        client,
        label,
        listQueueQuery(db, filters, listOptions).compile(),
        /registrations_pkey|registrations_account_id_cycle_id_key/,
      );
      await explain(
        client,
        `count, ${label}`,
        countQueueQuery(db, filters).compile(),
        /registrations_pkey|registrations_account_id_cycle_id_key/,
      );
    }
    const returningOnly = await resolveQueueFilters(db, refs.areaId, {
      ...base,
      returning: true,
    });
    await explain(
      client,
      'count, returning',
      countQueueQuery(db, returningOnly).compile(),
      /registrations_returning_idx/,
    );
    const failedOnly = await resolveQueueFilters(db, refs.areaId, { ...base, autoFailed: true });
    await explain(
      client,
      'auto-failed page',
      listQueueQuery(db, failedOnly, listOptions).compile(),
      /registrations_auto_failed_idx/,
    );
    await explain(
      client,
      'count, auto-failed',
      countQueueQuery(db, failedOnly).compile(),
      /registrations_auto_failed_idx/,
    );
    await explain(
      client,
      'count, confirmation queue',
      countQueueQuery(db, plain).compile(),
      /Index Only Scan/,
    );
    await explain(
      client,
      'next (claim the oldest)',
      claimOldestQuery(db, plain, {
        accountId: reviewer.accountId,
        now,
        expiresAt: new Date(now.getTime() + 20 * 60_000),
      }).compile(),
      /registrations_queue_idx/,
    );

    process.stdout.write(
      `\nmachine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node.js ${process.version}, ${
        (await client.query<{ version: string }>('select version()')).rows[0]?.version.split(
          ' on ',
        )[0]
      }\n\n`,
    );
    process.stdout.write('| query | p50 ms | p95 ms | max ms | notes |\n|---|---|---|---|---|\n');
    for (const r of results) {
      process.stdout.write(`| ${r.what} | ${r.p50} | ${r.p95} | ${r.max} | ${r.note} |\n`);
    }
  } finally {
    await client.end().catch(() => undefined);
    await handle.close();
    if (!process.env.BENCH_KEEP) await admin.query(`drop database if exists ${SCRATCH}`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
