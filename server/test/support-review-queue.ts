import type { RegistrationStatus } from '@hqe/core';
import { hashPassword } from '../src/lib/secrets';
import { createCandidate, examAreaId, STRONG_PASSWORD, uniqueUsername } from './factories';
import { TestClient, type TestContext } from './test-app';

/*
 * Test support for the review queue and claims (issue #6): registrations put straight into an
 * area's queue with the columns the queue shows and filters on (city, test site, specialty,
 * automatic confirmation, resubmission), and many reviewers logged in at once. The API helpers of
 * support-registration.ts remain the way to make a registration the way a candidate does.
 */

/** The catalog references of an area in a cycle: cities, test sites, offerings by specialty code. */
export async function areaReferences(ctx: TestContext, cycleId: number, areaCode = '31') {
  const areaId = await examAreaId(ctx.db, areaCode);
  const cities = await ctx.db
    .selectFrom('examAreaCities')
    .select(['id', 'code', 'name'])
    .where('examAreaId', '=', areaId)
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
  const testSites = await ctx.db
    .selectFrom('testSites')
    .select(['id', 'code', 'name'])
    .where('examAreaId', '=', areaId)
    .orderBy('code')
    .execute();
  const offerings = await ctx.db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select(['o.id', 's.code', 's.name', 's.level'])
    .where('o.examAreaId', '=', areaId)
    .where('o.cycleId', '=', cycleId)
    .execute();
  const offering = (code: string) => {
    const found = offerings.find((o) => o.code === code);
    if (!found) throw new Error(`specialty ${code} is not offered in area ${areaCode}`);
    return found;
  };
  return { areaId, cities, testSites, offerings, offering };
}

export interface QueuedRegistrationOptions {
  cycleId: number;
  areaCode?: string;
  status?: RegistrationStatus;
  /** Default: the clock's now for a waiting status (submitted, confirmed), else null. */
  queuedAt?: Date | null;
  submittedAt?: Date;
  name?: string;
  documentNumber?: string;
  cityId?: number | null;
  testSiteId?: number | null;
  areaOfferingId?: number | null;
  /** The automatic confirmation's outcome (历史考生): none (null), passed or failed. */
  auto?: 'passed' | 'failed' | null;
  /** Adds a 'resubmit' event to the timeline (重新提交). */
  resubmitted?: boolean;
  claimedBy?: number | null;
  claimExpiresAt?: Date | null;
}

let inserted = 0;

/**
 * A candidate (name and document number as given) with a registration straight in the database in
 * a waiting status: what the review queue lists. Returns the ids and the clear document number.
 */
export async function insertQueuedRegistration(
  ctx: TestContext,
  options: QueuedRegistrationOptions,
) {
  inserted += 1;
  const candidate = await createCandidate(ctx.db, {
    ...(options.name ? { name: options.name } : {}),
    ...(options.documentNumber ? { documentNumber: options.documentNumber } : {}),
  });
  const areaCode = options.areaCode ?? '31';
  const now = ctx.clock.now();
  const status = options.status ?? 'submitted';
  const waiting = status === 'submitted' || status === 'confirmed';
  // Sequence numbers from 90,000,000 up: the registrations the tests create through the API take
  // theirs from the area's counter, which starts at 1, so the two never meet.
  const registrationNumber = `${areaCode}2027${String(90_000_000 + inserted)}`;
  const auto =
    options.auto === undefined || options.auto === null
      ? null
      : JSON.stringify({
          attempted: true,
          passed: options.auto === 'passed',
          previousYear: 2025,
          evaluatedAt: now.toISOString(),
          reasons:
            options.auto === 'passed'
              ? []
              : [{ code: 'city_changed', message: '报名地市与上一年度不一致。' }],
        });
  const row = await ctx.db
    .insertInto('registrations')
    .values({
      accountId: candidate.accountId,
      cycleId: options.cycleId,
      examAreaId: await examAreaId(ctx.db, areaCode),
      registrationNumber,
      status,
      cityId: options.cityId ?? null,
      testSiteId: options.testSiteId ?? null,
      areaOfferingId: options.areaOfferingId ?? null,
      submittedAt: status === 'draft' ? null : (options.submittedAt ?? now),
      confirmedAt: status === 'confirmed' ? now : null,
      queuedAt: options.queuedAt !== undefined ? options.queuedAt : waiting ? now : null,
      autoConfirmation: auto,
      claimedBy: options.claimedBy ?? null,
      claimExpiresAt: options.claimExpiresAt ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning(['id', 'examAreaId', 'cycleId'])
    .executeTakeFirstOrThrow();
  const events: {
    event: 'submit' | 'return' | 'resubmit';
    from: RegistrationStatus | null;
    to: RegistrationStatus;
  }[] = [{ event: 'submit', from: 'draft', to: 'submitted' }];
  if (options.resubmitted) {
    events.push(
      { event: 'return', from: 'submitted', to: 'returned' },
      { event: 'resubmit', from: 'returned', to: 'submitted' },
    );
  }
  if (status !== 'draft') {
    await ctx.db
      .insertInto('registrationEvents')
      .values(
        events.map((e) => ({
          registrationId: row.id,
          examAreaId: row.examAreaId,
          cycleId: row.cycleId,
          event: e.event,
          fromStatus: e.from,
          toStatus: e.to,
          actorAccountId: null,
          actorKind: 'system' as const,
          occurredAt: now,
        })),
      )
      .execute();
  }
  return {
    id: row.id,
    registrationNumber,
    accountId: candidate.accountId,
    documentNumber: candidate.documentNumber,
    name: candidate.name,
    username: candidate.username,
    password: candidate.password,
  };
}

let sharedHash: Promise<string> | undefined;

/**
 * `count` staff accounts of an area with the given roles, logged in (one password hash shared by
 * all, computed once: argon2id per account would make a 50-reviewer test slow).
 */
export async function loggedInStaff(
  ctx: TestContext,
  count: number,
  options: {
    roles: ('confirmation_reviewer' | 'qualification_reviewer' | 'area_admin')[];
    areaCode?: string;
    displayName?: (i: number) => string;
  },
) {
  sharedHash ??= hashPassword(STRONG_PASSWORD);
  const passwordHash = await sharedHash;
  const areaId = await examAreaId(ctx.db, options.areaCode ?? '31');
  const staff: { accountId: number; username: string; displayName: string; client: TestClient }[] =
    [];
  for (let i = 0; i < count; i++) {
    const username = uniqueUsername('rev');
    const displayName = options.displayName?.(i) ?? `审核员${i + 1}`;
    const account = await ctx.db
      .insertInto('accounts')
      .values({
        kind: 'staff',
        username,
        displayName,
        passwordHash,
        roles: options.roles,
        examAreaId: areaId,
        mustChangePassword: false,
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const client = new TestClient(ctx.app);
    const login = await client.login(username, STRONG_PASSWORD);
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    staff.push({ accountId: account.id, username, displayName, client });
  }
  return staff;
}

/** One logged-in member of staff of an area (see `loggedInStaff`). */
export async function loggedInOne(ctx: TestContext, options: Parameters<typeof loggedInStaff>[2]) {
  const [one] = await loggedInStaff(ctx, 1, options);
  if (!one) throw new Error('no staff account made');
  return one;
}
