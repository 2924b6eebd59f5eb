/**
 * Benchmark of registration submissions (POST /api/registrations/:id/submit) with many candidates
 * submitting at the same moment, against a real server process on 127.0.0.1 and PostgreSQL:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:submit
 *
 * DATABASE_URL names a server and a database to connect to for administration; the bench creates
 * a scratch database (hqe_bench_submissions) next to it, runs the server on it and drops it after.
 *
 * How: the server migrates and seeds the demonstration cycle (every phase open). N candidates with
 * complete basic information and complete drafts (city, test site, 303 内科学, info, photo, form,
 * one file per required material slot) are written straight into the database; each logs in
 * through the API. Then, per round, all N submit at once (one request each, a fresh
 * Idempotency-Key) and the round's wall time gives submissions per second; between rounds the
 * registrations are put back to draft in the database. A submission reads the registration under
 * its row lock, the profile, the catalog and the area rules, runs the eligibility check, and writes
 * the status, the snapshot, a timeline entry and an audit event in one transaction.
 *
 * Options (environment): BENCH_CANDIDATES (default 200), BENCH_ROUNDS (default 5),
 * DATABASE_POOL_SIZE (the server's, default 10), BENCH_PROFILE_DIR (a CPU profile of the server).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { gb11643CheckCharacter, type RegistrationView } from '@hqe/core';
import { openDatabase, type Db } from '../src/db/database';
import { createFieldCrypto } from '../src/lib/field-crypto';
import { hashPassword } from '../src/lib/secrets';
import { VALID_SECTIONS } from '../test/candidate-profile-fixtures';
import { login, startServer, type BenchServer } from './server-process';

const candidates = Number(process.env.BENCH_CANDIDATES ?? 200);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const PASSWORD = 'Bench-Passw0rd-2024!';
const SCRATCH = 'hqe_bench_submissions';

/** A valid 居民身份证 number, distinct per index. */
function residentId(i: number): string {
  const first17 = `310101199001${String(10 + (i % 18)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
  return `${first17}${gb11643CheckCharacter(first17)}`;
}

/** N candidates with complete profiles and complete drafts, written in a few statements. */
async function prepare(db: Db, key: Buffer, count: number) {
  const crypto = createFieldCrypto(key);
  const now = new Date();
  const passwordHash = await hashPassword(PASSWORD);
  const cycle = await db
    .selectFrom('cycles')
    .select(['id'])
    .where('name', 'like', '%（演示）')
    .executeTakeFirstOrThrow();
  const area = await db
    .selectFrom('examAreas')
    .select('id')
    .where('code', '=', '31')
    .executeTakeFirstOrThrow();
  const city = await db
    .selectFrom('examAreaCities')
    .select('id')
    .where('examAreaId', '=', area.id)
    .orderBy('sortOrder')
    .executeTakeFirstOrThrow();
  const site = await db
    .selectFrom('testSites')
    .select('id')
    .where('examAreaId', '=', area.id)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const offering = await db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select('o.id')
    .where('o.cycleId', '=', cycle.id)
    .where('o.examAreaId', '=', area.id)
    .where('s.code', '=', '303')
    .executeTakeFirstOrThrow();
  const education = VALID_SECTIONS.education[0];
  if (!education) throw new Error('no education in the fixture');

  const usernames: string[] = [];
  const registrationIds: number[] = [];
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, (_, k) => start + k);
    const accounts = await db
      .insertInto('accounts')
      .values(
        batch.map((i) => ({
          kind: 'candidate' as const,
          username: `bench${i}`,
          displayName: `考生${i}`,
          passwordHash,
          roles: ['candidate' as const],
          examAreaId: null,
        })),
      )
      .returning(['id', 'username'])
      .execute();
    await db
      .insertInto('candidates')
      .values(
        accounts.map((a, k) => {
          const document = residentId(start + k);
          const mobile = `139${String(10_000_000 + start + k).slice(-8)}`;
          return {
            accountId: a.id,
            documentType: 'resident_id' as const,
            documentNumberEncrypted: crypto.encrypt(document, 'candidates.document_number'),
            documentNumberHash: crypto.lookupHash('document', document),
            name: '张三',
            gender: 'male' as const,
            birthDate: '1990-01-10',
            mobileEncrypted: crypto.encrypt(mobile, 'candidates.mobile'),
            mobileHash: crypto.lookupHash('mobile', mobile),
            mobileVerifiedAt: now,
            createdAt: now,
            updatedAt: now,
          };
        }),
      )
      .execute();
    await db
      .insertInto('candidateProfiles')
      .values(
        accounts.map((a) => ({
          accountId: a.id,
          version: 7,
          personal: JSON.stringify(VALID_SECTIONS.personal),
          currentEmployer: JSON.stringify(VALID_SECTIONS.currentEmployer),
          education: JSON.stringify(VALID_SECTIONS.education),
          workHistory: JSON.stringify(VALID_SECTIONS.workHistory),
          qualifications: JSON.stringify(VALID_SECTIONS.qualifications),
          earlyApplicationClaims: JSON.stringify(VALID_SECTIONS.earlyApplicationClaims),
          declarations: JSON.stringify(VALID_SECTIONS.declarations),
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
    await db
      .insertInto('candidatePhotos')
      .values(
        accounts.map((a) => ({
          accountId: a.id,
          storageKey: `bench-photos/${a.id}`,
          sha256: 'a'.repeat(64),
          width: 330,
          height: 462,
          sizeBytes: 20_000,
          uploadedAt: now,
        })),
      )
      .execute();
    const registrations = await db
      .insertInto('registrations')
      .values(
        accounts.map((a, k) => ({
          accountId: a.id,
          cycleId: cycle.id,
          examAreaId: area.id,
          registrationNumber: `312027${String(50_000_000 + start + k)}`,
          cityId: city.id,
          testSiteId: site.id,
          areaOfferingId: offering.id,
          employer: VALID_SECTIONS.currentEmployer.name,
          department: '内科',
          post: '住院医师',
          yearsInSpecialty: 9,
          educationIndex: 0,
          educationSnapshot: JSON.stringify({
            index: 0,
            level: education.level,
            mode: education.mode,
            school: education.school,
            major: education.major,
            graduationDate: education.graduationDate,
            withDegree: education.withDegree,
            foreign: education.foreign,
          }),
          earlyApplicationClaim: 'none' as const,
          infoSavedAt: now,
          photoStorageKey: `bench-registration-photos/${a.id}`,
          photoSha256: 'b'.repeat(64),
          photoConfirmedAt: now,
          formDownloadedAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning('id')
      .execute();
    usernames.push(...accounts.map((a) => a.username));
    registrationIds.push(...registrations.map((r) => r.id));
  }
  return { usernames, registrationIds };
}

/** One file row in every required slot of every registration (the bytes are not read by submit). */
async function addMaterials(db: Db, registrationIds: number[], slots: string[]) {
  const now = new Date();
  const rows = registrationIds.flatMap((id) =>
    slots.map((slotKey) => ({
      registrationId: id,
      slotKey: slotKey as never,
      position: 1,
      storageKey: `bench-materials/${id}-${slotKey}`,
      thumbnailKey: null,
      contentType: 'application/pdf' as const,
      kind: 'pdf' as const,
      sizeBytes: 50_000,
      sha256: 'c'.repeat(64),
      pages: 1,
      width: null,
      height: null,
      originalName: `${slotKey}.pdf`,
      uploadedAt: now,
    })),
  );
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('registrationMaterialFiles')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** CPU time (user + system, ms) of a process, from /proc (Linux); 0 when it cannot be read. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time of the PostgreSQL backends serving the scratch database (same machine only). */
function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.startsWith('postgres:') && cmdline.includes(SCRATCH))
        total += cpuMs(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

async function main() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    throw new Error('Set DATABASE_URL to a PostgreSQL server (see the comment at the top).');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${SCRATCH}`);
  await admin.query(`create database ${SCRATCH}`);
  const target = new URL(adminUrl);
  target.pathname = `/${SCRATCH}`;

  const key = randomBytes(32);
  const poolSize = process.env.DATABASE_POOL_SIZE ?? '10';
  // BENCH_PROFILE_DIR: write a CPU profile of the server there (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  let server: BenchServer | undefined;
  const handle = await openDatabase({ engine: 'postgres', url: target.toString(), poolSize: 4 });
  try {
    server = await startServer({
      adminPassword: PASSWORD,
      nodeOptions: profile,
      env: {
        DATABASE_URL: target.toString(),
        DATABASE_POOL_SIZE: poolSize,
        DATA_ENCRYPTION_KEY: key.toString('base64'),
        WORKER_ENABLED: 'false',
      },
    });
    const base = server.base;
    const started = performance.now();
    const { usernames, registrationIds } = await prepare(handle.db, key, candidates);
    const sessions = [];
    for (let i = 0; i < usernames.length; i += 20) {
      sessions.push(
        ...(await Promise.all(usernames.slice(i, i + 20).map((u) => login(base, u, PASSWORD)))),
      );
    }
    // The required slots, as the server derives them for this profile and specialty.
    const first = sessions[0];
    const firstId = registrationIds[0];
    if (!first || firstId === undefined) throw new Error('no candidates');
    const view = (await (
      await fetch(`${base}/api/registrations/${firstId}`, { headers: { cookie: first.cookie } })
    ).json()) as RegistrationView;
    const slots = view.materialSlots.filter((s) => s.required).map((s) => s.key);
    await addMaterials(handle.db, registrationIds, slots);
    process.stdout.write(
      `prepared ${candidates} candidates (${slots.length} required slots each) in ${Math.round(performance.now() - started)} ms\n`,
    );

    const rows: {
      round: number;
      ms: number;
      rps: number;
      p50: number;
      p99: number;
      bad: number;
      serverCpu: number;
      postgresCpu: number;
    }[] = [];
    const serverPid = server.pid;
    for (let round = 1; round <= rounds; round++) {
      const latencies: number[] = [];
      let bad = 0;
      const cpu0 = cpuMs(serverPid);
      const pg0 = postgresCpuMs();
      const t0 = performance.now();
      await Promise.all(
        sessions.map(async (s, i) => {
          const t = performance.now();
          const response = await fetch(`${base}/api/registrations/${registrationIds[i]}/submit`, {
            method: 'POST',
            headers: {
              cookie: s.cookie,
              'x-csrf-token': s.csrfToken,
              'idempotency-key': randomUUID(),
            },
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - t);
          if (response.status !== 200) bad += 1;
        }),
      );
      const ms = performance.now() - t0;
      const serverCpu = (cpuMs(serverPid) - cpu0) / sessions.length;
      const postgresCpu = (postgresCpuMs() - pg0) / sessions.length;
      latencies.sort((a, b) => a - b);
      rows.push({
        round,
        ms: Math.round(ms),
        rps: Math.round((sessions.length / ms) * 1000),
        p50: Math.round(percentile(latencies, 50)),
        p99: Math.round(percentile(latencies, 99)),
        bad,
        serverCpu: Math.round(serverCpu * 10) / 10,
        postgresCpu: Math.round(postgresCpu * 10) / 10,
      });
      await handle.db
        .updateTable('registrations')
        .set({ status: 'draft', lastSubmitKey: null, submittedAt: null })
        .where('id', 'in', registrationIds)
        .execute();
    }
    process.stdout.write(
      `\nengine=postgres candidates=${candidates} pool=${poolSize} node=${process.version}\n`,
    );
    process.stdout.write(
      '| round | wall ms | submissions/s | p50 / p99 ms | non-200 | server CPU ms each | PostgreSQL CPU ms each |\n|---|---|---|---|---|---|---|\n',
    );
    for (const r of rows) {
      process.stdout.write(
        `| ${r.round} | ${r.ms} | ${r.rps} | ${r.p50} / ${r.p99} | ${r.bad} | ${r.serverCpu} | ${r.postgresCpu} |\n`,
      );
    }
  } finally {
    await handle.close();
    await server?.stop();
    await admin.query(`drop database if exists ${SCRATCH}`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
