/**
 * Benchmark of the review oversight reads (issue #6, "Oversight"): the dashboard
 * (GET /api/review/dashboard) and the Excel export (GET /api/review/export) of an exam area with
 * 100,000 registrations, against PostgreSQL:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:oversight
 *
 * DATABASE_URL names a server and a database to connect to for administration; the bench creates
 * a scratch database (hqe_bench_oversight) next to it and drops it afterwards.
 *
 * How: the schema is migrated and the reference data seeded (the demonstration cycle). Then, in a
 * few INSERT … SELECT generate_series statements: 40 reviewers; BENCH_REGISTRATIONS (default
 * 100,000) candidates and registrations in 上海 (31) spread over every status (draft 5 %,
 * submitted 20 %, returned 8 %, confirmed 30 %, supplement requested 2 %, qualified 25 %,
 * disqualified 3 %, paid 5 %, abandoned 2 %), the area's offerings, its 16 districts and test
 * sites, submitted over 40 days; half as many in a second area (32) so that the area filter has
 * work to do; and each registration's timeline (create, submit, return / resubmit, confirm or
 * auto_confirm, the qualification decision, lapse, a few changes of area): about 3.5 events per
 * registration, each with the area it happened in (migration 0013). ANALYZE, then, through the services as the routes call them (a pg Pool of 10):
 *
 * - the dashboard, BENCH_RUNS times (default 20): p50 / p95, and each of its aggregate reads with
 *   the key lines of EXPLAIN (ANALYZE, BUFFERS);
 * - the export of the whole area (area administrator: full document numbers, decrypted), of the
 *   confirmation queue (a reviewer: masked) and of one district: wall time, rows, bytes, the
 *   process's peak RSS while writing.
 *
 * Options (environment): BENCH_REGISTRATIONS (100,000), BENCH_RUNS (20), BENCH_EXPORTS=0 (skip
 * the exports), BENCH_KEEP=1 (keep the scratch database afterwards, for psql).
 */
import pg from 'pg';
import { sql, type RawBuilder } from 'kysely';
import { openDatabase, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrator';
import type { Actor } from '../src/lib/actor';
import { createFieldCrypto } from '../src/lib/field-crypto';
import { seedReferenceData } from '../src/modules/catalog';
import { createReviewDashboardService, createReviewExportService } from '../src/modules/review';
import * as repo from '../src/modules/review/review-dashboard.repository';
import { randomBytes } from 'node:crypto';

const SCRATCH = 'hqe_bench_oversight';
const registrations = Number(process.env.BENCH_REGISTRATIONS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 20);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [result, ms(start)];
}

/** The generated data: staff, candidates, registrations and their timeline. */
async function generate(db: Db, cycleId: number, crypto: ReturnType<typeof createFieldCrypto>) {
  const now = new Date();
  const area31 = await db
    .selectFrom('examAreas')
    .select('id')
    .where('code', '=', '31')
    .executeTakeFirstOrThrow();
  const area32 = await db
    .insertInto('examAreas')
    .values({ code: '32', name: '江苏' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offerings = (
    await db
      .selectFrom('areaOfferings')
      .select('id')
      .where('examAreaId', '=', area31.id)
      .where('cycleId', '=', cycleId)
      .execute()
  ).map((o) => o.id);
  const cities = (
    await db.selectFrom('examAreaCities').select('id').where('examAreaId', '=', area31.id).execute()
  ).map((c) => c.id);
  const sites = (
    await db.selectFrom('testSites').select('id').where('examAreaId', '=', area31.id).execute()
  ).map((s) => s.id);

  await sql`
    insert into accounts (kind, username, display_name, password_hash, roles, exam_area_id)
    select 'staff', 'reviewer' || g, '审核员' || g, 'x',
      case when g % 4 = 0 then '{qualification_reviewer}'::text[]
           else '{confirmation_reviewer}'::text[] end,
      case when g <= 40 then ${area31.id}::int else ${area32.id}::int end
    from generate_series(1, 50) g
  `.execute(db);
  const reviewers = (
    await db
      .selectFrom('accounts')
      .select('id')
      .where('kind', '=', 'staff')
      .where('examAreaId', '=', area31.id)
      .execute()
  ).map((r) => r.id);

  const document = crypto.encrypt('310101199003071234', 'candidates.document_number');
  const mobile = crypto.encrypt('13912345678', 'candidates.mobile');
  const total = registrations + Math.floor(registrations / 2);
  const education = JSON.stringify({
    index: 0,
    level: 'bachelor',
    mode: 'full_time',
    school: '复旦大学',
    major: '临床医学',
    graduationDate: '2015-07-01',
    withDegree: true,
    foreign: false,
  });
  await sql`
    insert into accounts (kind, username, display_name, password_hash, roles, exam_area_id)
    select 'candidate', 'c' || g, '考生' || g, 'x', '{candidate}', null
    from generate_series(1, ${total}) g
  `.execute(db);
  await sql`
    insert into candidates (account_id, document_type, document_number_encrypted,
      document_number_hash, name, gender, birth_date, mobile_encrypted, mobile_hash,
      mobile_verified_at, created_at, updated_at)
    select a.id, 'resident_id', ${document}, md5('d' || a.id) || md5('e' || a.id),
      (array['张','王','李','赵','陈','刘','杨','黄'])[1 + a.id % 8] || '考生' || a.id,
      case when a.id % 2 = 0 then 'female' else 'male' end, date '1990-03-07',
      ${mobile}, md5('m' || a.id) || md5('n' || a.id), ${now}, ${now}, ${now}
    from accounts a where a.kind = 'candidate'
  `.execute(db);
  // Status by a random draw; area 31 for the first `registrations` accounts, 32 after.
  await sql`
    insert into registrations (account_id, cycle_id, exam_area_id, registration_number, status,
      city_id, test_site_id, area_offering_id, employer, department, post, years_in_specialty,
      education_index, education_snapshot, early_application_claim, info_saved_at,
      submitted_at, confirmed_at, queued_at, claimed_by, claim_expires_at, return_reasons,
      review_result, reviewed_at, reviewed_by, supplement_slots, supplement_requested_at,
      created_at, updated_at)
    select t.account_id, ${cycleId}, t.area, t.number, t.status,
      case when t.area = ${area31.id} then (${cities}::int[])[1 + t.k % ${cities.length}] end,
      case when t.area = ${area31.id} then (${sites}::int[])[1 + t.k % ${sites.length}] end,
      case when t.area = ${area31.id}
        then (${offerings}::int[])[1 + (t.k * 7919) % ${offerings.length}] end,
      '上海市第' || (1 + t.k % 60) || '人民医院', '内科', '住院医师', 6, 0, ${education}::jsonb,
      'none', t.submitted,
      case when t.status <> 'draft' then t.submitted end,
      case when t.status in ('confirmed','supplement_requested','qualified','disqualified','paid')
        then t.submitted + interval '2 days' end,
      case when t.status = 'submitted' then t.submitted
           when t.status = 'confirmed' then t.submitted + interval '2 days' end,
      case when t.status = 'submitted' and t.k % 100 = 0
        then (${reviewers}::int[])[1 + t.k % ${reviewers.length}] end,
      case when t.status = 'submitted' and t.k % 100 = 0
        then ${now}::timestamptz + interval '15 minutes' end,
      case when t.status = 'returned'
        then '[{"code":"education_mismatch","label":"学历不符"}]'::jsonb else '[]'::jsonb end,
      case when t.status in ('qualified','disqualified') then t.status end,
      case when t.status in ('qualified','disqualified') then t.submitted + interval '20 days' end,
      case when t.status in ('qualified','disqualified')
        then (${reviewers}::int[])[1 + t.k % ${reviewers.length}] end,
      case when t.status = 'supplement_requested' then '["labour_contract"]'::jsonb end,
      case when t.status = 'supplement_requested' then t.submitted + interval '20 days' end,
      t.submitted, t.submitted
    from (
      select a.id as account_id, row_number() over (order by a.id) as k,
        case when row_number() over (order by a.id) <= ${registrations}
          then ${area31.id}::int else ${area32.id}::int end as area,
        case when row_number() over (order by a.id) <= ${registrations} then '31' else '32' end
          || '2027' || lpad((row_number() over (order by a.id))::text, 8, '0') as number,
        ${now}::timestamptz - (random() * interval '40 days') as submitted,
        (case
          when d < 0.05 then 'draft' when d < 0.25 then 'submitted' when d < 0.33 then 'returned'
          when d < 0.63 then 'confirmed' when d < 0.65 then 'supplement_requested'
          when d < 0.90 then 'qualified' when d < 0.93 then 'disqualified'
          when d < 0.98 then 'paid' else 'abandoned' end) as status
      from (select id, random() as d from accounts where kind = 'candidate') a
    ) t
  `.execute(db);

  const pick = sql`(${reviewers}::int[])[1 + r.id % ${reviewers.length}]`;
  // The area an event happened in (0013): the registration's, except what came before a change
  // of area (修改考区, the last step below), which happened in the other area.
  const moved = sql`r.status = 'draft' and r.id % 20 = 0`;
  const before = sql`case when ${moved}
    then case when r.exam_area_id = ${area31.id} then ${area32.id}::int else ${area31.id}::int end
    else r.exam_area_id end`;
  const steps = [
    sql`select r.id, ${before}, r.cycle_id, 'create', null, 'draft', r.account_id, 'candidate',
          r.created_at - interval '1 day'
        from registrations r`,
    sql`select r.id, r.exam_area_id, r.cycle_id, 'submit', 'draft', 'submitted', r.account_id,
          'candidate', r.submitted_at
        from registrations r where r.status <> 'draft'`,
    sql`select r.id, r.exam_area_id, r.cycle_id, 'return', 'submitted', 'returned', ${pick},
          'confirmation_reviewer', r.submitted_at + interval '1 day'
        from registrations r
        where r.status in ('returned','abandoned') or (r.id % 10 = 0 and r.status <> 'draft')`,
    sql`select r.id, r.exam_area_id, r.cycle_id, 'resubmit', 'returned', 'submitted',
          r.account_id, 'candidate', r.submitted_at + interval '36 hours'
        from registrations r where r.status <> 'returned' and r.status <> 'abandoned'
          and r.status <> 'draft' and r.id % 10 = 0`,
    sql`select r.id, r.exam_area_id, r.cycle_id,
          case when r.id % 10 = 3 then 'auto_confirm' else 'confirm' end,
          'submitted', 'confirmed',
          case when r.id % 10 = 3 then null else ${pick} end,
          case when r.id % 10 = 3 then 'system' else 'confirmation_reviewer' end, r.confirmed_at
        from registrations r where r.confirmed_at is not null`,
    sql`select r.id, r.exam_area_id, r.cycle_id, case r.status when 'qualified' then 'pass_review'
          when 'disqualified' then 'fail_review' else 'request_supplement' end,
          'confirmed', r.status, ${pick}, 'qualification_reviewer',
          coalesce(r.reviewed_at, r.supplement_requested_at)
        from registrations r where r.status in ('qualified','disqualified','supplement_requested')`,
    sql`select r.id, r.exam_area_id, r.cycle_id, 'lapse', 'returned', 'abandoned', null, 'system',
          r.submitted_at + interval '10 days'
        from registrations r where r.status = 'abandoned'`,
    sql`select r.id, r.exam_area_id, r.cycle_id, 'change_area', 'draft', 'draft', r.account_id,
          'candidate', r.created_at
        from registrations r where ${moved}`,
  ];
  for (const step of steps) {
    await sql`
      insert into registration_events
        (registration_id, exam_area_id, cycle_id, event, from_status, to_status,
         actor_account_id, actor_kind, occurred_at)
      ${step}
    `.execute(db);
  }
  // As autovacuum leaves a table after a bulk load: statistics and the visibility map.
  await sql`vacuum analyze`.execute(db);
  return { area31: area31.id, reviewers };
}

/** Prints the plan lines that say how rows are found (scans, joins, aggregates) and the total. */
async function explain(db: Db, label: string, query: RawBuilder<unknown>) {
  const { rows } = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${query}`.execute(
    db,
  );
  const lines = rows.map((r) => Object.values(r)[0] as string);
  console.log(`\n-- ${label}`);
  for (const line of lines) {
    if (/Scan|Join|Aggregate|Sort |Execution Time|Planning Time|Hash Cond|Index Cond/.test(line)) {
      console.log(line.length > 150 ? `${line.slice(0, 150)}…` : line);
    }
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
  const database = await openDatabase({ engine: 'postgres', url: target.toString(), poolSize: 10 });
  const { db } = database;
  try {
    await migrateToLatest(db);
    await seedReferenceData(db, { now: new Date(), demoCycle: true });
    const cycle = await db
      .selectFrom('cycles')
      .select('id')
      .where('name', 'like', '%（演示）')
      .executeTakeFirstOrThrow();
    const crypto = createFieldCrypto(randomBytes(32));
    // One connection without the pool's 30 s statement timeout: on a busy machine a bulk insert
    // of 150,000 rows can take longer (RESET gives the connection its timeout back).
    const [{ area31, reviewers }, generation] = await timed(() =>
      db.connection().execute(async (conn) => {
        await sql`set statement_timeout = 0`.execute(conn);
        try {
          return await generate(conn, cycle.id, crypto);
        } finally {
          await sql`reset statement_timeout`.execute(conn);
        }
      }),
    );
    const counts = await sql<{ registrations: number; events: number }>`
      select (select count(*) from registrations)::int as registrations,
             (select count(*) from registration_events)::int as events
    `.execute(db);
    console.log(
      `generated in ${(generation / 1000).toFixed(1)} s: ${counts.rows[0]?.registrations} registrations, ${counts.rows[0]?.events} events (${registrations} in area 31)`,
    );

    const clock = { now: () => new Date() };
    const actor = (roles: Actor['roles'], accountId: number): Actor => ({
      accountId,
      username: 'bench',
      roles,
      examAreaId: area31,
      requestId: 'bench',
    });
    const areaAdmin = await db
      .insertInto('accounts')
      .values({
        kind: 'staff',
        username: 'bench-admin',
        displayName: '考务管理员',
        passwordHash: 'x',
        roles: ['area_admin'],
        examAreaId: area31,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const dashboard = createReviewDashboardService({ db, clock });
    const query = { cycleId: cycle.id };

    // Warm up, then measure the whole dashboard.
    await dashboard.dashboard(actor(['area_admin'], areaAdmin.id), query);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [, t] = await timed(() =>
        dashboard.dashboard(actor(['area_admin'], areaAdmin.id), query),
      );
      times.push(t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `\ndashboard (${runs} runs): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
    );

    const scope = { examAreaId: area31, cycleId: cycle.id };
    await explain(db, 'registrations by status, offering, city', repo.statusOfferingCitySql(scope));
    await explain(db, 'timeline per day, event and reviewer', repo.eventsPerDaySql(scope));
    await explain(
      db,
      'live claims',
      repo.claimedSql(scope, ['submitted', 'confirmed'], new Date()),
    );

    // Exports: the stream read to the end, as the response would.
    const baseline = process.memoryUsage().rss;
    console.log(`\nRSS before the exports: ${(baseline / 1e6).toFixed(0)} MB`);
    const exporter = createReviewExportService({
      db,
      clock,
      crypto,
      onStreamError: (error) => console.error('export failed:', error.message),
    });
    const exports: [string, Actor, Record<string, unknown>][] = [
      ['whole area, area administrator (full)', actor(['area_admin'], areaAdmin.id), {}],
      [
        'confirmation queue, reviewer (masked)',
        actor(['confirmation_reviewer'], reviewers[0]!),
        { stage: 'confirmation' },
      ],
      ['one district, area administrator', actor(['area_admin'], areaAdmin.id), { cityId: 0 }],
    ];
    const city = await db
      .selectFrom('examAreaCities')
      .select('id')
      .where('examAreaId', '=', area31)
      .orderBy('sortOrder')
      .executeTakeFirstOrThrow();
    console.log('');
    for (const [label, who, filters] of process.env.BENCH_EXPORTS === '0' ? [] : exports) {
      if ('cityId' in filters) filters.cityId = city.id;
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      const file = await exporter.exportRegistrations(who, { cycleId: cycle.id, ...filters });
      const first = ms(start);
      let bytes = 0;
      for await (const chunk of file.stream) bytes += (chunk as Buffer).length;
      const total = ms(start);
      const used = process.cpuUsage(cpu);
      clearInterval(sampler);
      console.log(
        `export ${label}: ${file.rowCount} rows, ${(bytes / 1e6).toFixed(1)} MB, headers after ${first.toFixed(0)} ms, done in ${(total / 1000).toFixed(1)} s (${((total * 1000) / Math.max(file.rowCount, 1)).toFixed(0)} µs/row; Node CPU ${((used.user + used.system) / Math.max(file.rowCount, 1)).toFixed(0)} µs/row), peak RSS ${(peak / 1e6).toFixed(0)} MB`,
      );
    }
  } finally {
    await database.close();
    // BENCH_KEEP=1 keeps the scratch database for a look with psql.
    if (!process.env.BENCH_KEEP) await admin.query(`drop database if exists ${SCRATCH}`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
