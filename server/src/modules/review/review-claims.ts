import {
  REGISTRATION_STATUS_LABELS,
  REVIEW_LEASE_MINUTES,
  type ClaimNextRequest,
  type ClaimNextResult,
  type ReviewClaim,
} from '@hqe/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { conflict, forbidden, notFound } from '../../lib/errors';
import { resolveQueueFilters } from './review-queue.filters';
import { queueQuery, type ResolvedQueueFilters } from './review-queue.repository';
import {
  assertCanDecideStage,
  decidableStages,
  notWaitingError,
  reviewAreaOf,
  STAGE_WAITING_STATUS,
  stageOfStatus,
} from './review-scope';

/*
 * 领取 (claims with a lease, issue #6). A reviewer claims a registration waiting in a stage's queue
 * for REVIEW_LEASE_MINUTES: `registrations.claimed_by` and `claim_expires_at` (migration 0008).
 * A claim whose lease has run out is no claim at all: the registration is back in the queue for
 * anyone, without a job to clear it. Every status change clears the claim (transitions.ts), so a
 * decided, withdrawn or lapsed registration carries none.
 *
 * - "next" picks the oldest waiting registration of the area, cycle and filters whose claim is
 *   empty or expired, `FOR UPDATE SKIP LOCKED`, in one UPDATE: two reviewers never get the same one.
 * - One live claim per reviewer per stage (no hoarding): "next" gives back the one held; claiming
 *   another from the list moves the claim to it. A reviewer's own claims are serialised by a lock
 *   on the reviewer's account row, so two tabs asking at once do not end with two claims.
 * - Claims are not changes of the registration's data: no version bump, no audit event (too
 *   noisy); a debug log line without personal data.
 */

const LEASE_MS = REVIEW_LEASE_MINUTES * 60_000;
const NOT_FOUND = '未找到该报名记录，请刷新审核队列后重试。';

/** The claim columns of a registration (any row read from `registrations`). */
export interface ClaimColumns {
  id: number;
  claimedBy: number | null;
  claimExpiresAt: Date | null;
}

/** Whether the registration carries a live (unexpired) claim at `now`. */
export function hasLiveClaim(row: ClaimColumns, now: Date): boolean {
  return (
    row.claimedBy !== null &&
    row.claimExpiresAt !== null &&
    row.claimExpiresAt.getTime() > now.getTime()
  );
}

/**
 * The contract's ReviewClaim of a row whose reviewer's display name is already read, or null when
 * it carries no live claim.
 */
export function toReviewClaim(
  row: ClaimColumns & { reviewerName: string | null },
  viewerAccountId: number,
  now: Date,
): ReviewClaim | null {
  if (!hasLiveClaim(row, now) || row.claimedBy === null || row.claimExpiresAt === null) return null;
  return {
    registrationId: row.id,
    reviewerAccountId: row.claimedBy,
    reviewerName: row.reviewerName ?? '其他审核员',
    mine: row.claimedBy === viewerAccountId,
    expiresAt: row.claimExpiresAt.toISOString(),
  };
}

async function displayNameOf(db: Db, accountId: number): Promise<string | null> {
  const row = await db
    .selectFrom('accounts')
    .select('displayName')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.displayName ?? null;
}

/**
 * The live claim of a registration as the contract shows it (with the reviewer's display name and
 * whether it is the viewer's), or null when it is unclaimed or the lease has run out. For the
 * registration detail (review-registration) and anything else that shows one registration.
 */
export async function readClaim(
  db: Db,
  row: ClaimColumns,
  viewerAccountId: number,
  now: Date,
): Promise<ReviewClaim | null> {
  if (!hasLiveClaim(row, now) || row.claimedBy === null) return null;
  return toReviewClaim(
    { ...row, reviewerName: await displayNameOf(db, row.claimedBy) },
    viewerAccountId,
    now,
  );
}

/** 409 conflict naming the reviewer who holds the registration. */
function heldByOtherError(claim: ReviewClaim, doing: string) {
  return conflict(
    `该报名正由${claim.reviewerName}审核（领取至 ${formatShanghaiTime(claim.expiresAt)}），${doing}请选择其他报名，或待其完成或领取过期后再试。`,
    { claim },
  );
}

/** HH:mm in Beijing time, for messages. */
function formatShanghaiTime(isoInstant: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(isoInstant));
}

/**
 * The guard every decision calls in its transaction, after reading the registration under its row
 * lock: passes when the registration is unclaimed, its claim has expired, or the claim is the
 * reviewer's own; otherwise 409 `conflict` 「该报名正由 X 审核」 (details.claim). `now` is the
 * injected clock's.
 */
export async function assertClaimAllows(
  trx: Db,
  row: ClaimColumns,
  reviewer: Pick<Actor, 'accountId'>,
  now: Date,
): Promise<void> {
  if (!hasLiveClaim(row, now) || row.claimedBy === reviewer.accountId) return;
  const claim = await readClaim(trx, row, reviewer.accountId, now);
  if (claim) throw heldByOtherError(claim, '您暂时不能处理。');
}

/**
 * The one statement of "next": claims the oldest registration of the queue (filters resolved)
 * that nobody holds or whose lease has run out, skipping rows another transaction has locked
 * (FOR UPDATE SKIP LOCKED): concurrent callers each get a different one, or none. Returns the id.
 */
export function claimOldestQuery(
  db: Db,
  filters: ResolvedQueueFilters,
  claim: { accountId: number; now: Date; expiresAt: Date },
) {
  const oldest = queueQuery(db, filters)
    .where((eb) => eb.or([eb('r.claimedBy', 'is', null), eb('r.claimExpiresAt', '<=', claim.now)]))
    .select('r.id')
    .orderBy('r.queuedAt')
    .orderBy('r.id')
    .limit(1)
    .forUpdate()
    .skipLocked();
  return db
    .updateTable('registrations')
    .set({ claimedBy: claim.accountId, claimExpiresAt: claim.expiresAt })
    .where('id', '=', oldest)
    .returning('id');
}

export interface ReviewClaimsServiceDeps {
  db: Db;
  clock: Clock;
  logger?: FastifyBaseLogger;
}

export function createReviewClaimsService({ db, clock, logger }: ReviewClaimsServiceDeps) {
  /** Serialises one reviewer's claim changes (the account row, FOR NO KEY UPDATE). */
  const lockReviewer = (trx: Db, accountId: number) =>
    trx.selectFrom('accounts').select('id').where('id', '=', accountId).forNoKeyUpdate().execute();

  const claimOf = (id: number, actor: Actor, expiresAt: Date, reviewerName: string | null) => ({
    registrationId: id,
    reviewerAccountId: actor.accountId,
    reviewerName: reviewerName ?? actor.username,
    mine: true,
    expiresAt: expiresAt.toISOString(),
  });

  return {
    /**
     * 领取下一条: the reviewer's live claim in the stage if there is one, else the oldest waiting
     * registration of the area, cycle and filters not claimed by anyone (or whose lease ran out),
     * now claimed for REVIEW_LEASE_MINUTES. `claim: null` when none is left.
     */
    async next(actor: Actor, request: ClaimNextRequest): Promise<ClaimNextResult> {
      const examAreaId = assertCanDecideStage(actor, request.stage);
      const status = STAGE_WAITING_STATUS[request.stage];
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + LEASE_MS);
      const result = await db.transaction().execute(async (trx) => {
        // One round trip: the reviewer's row locked (their claims serialised), their name, and
        // the live claim they hold in the stage, if any.
        const me = await trx
          .selectFrom('accounts as a')
          .leftJoin('registrations as h', (join) =>
            join
              .onRef('h.claimedBy', '=', 'a.id')
              .on('h.claimExpiresAt', '>', now)
              .on('h.examAreaId', '=', examAreaId)
              .on('h.status', '=', status),
          )
          .select(['a.displayName', 'h.id as heldId', 'h.claimExpiresAt as heldExpiresAt'])
          .where('a.id', '=', actor.accountId)
          .orderBy('h.claimExpiresAt')
          .limit(1)
          .forNoKeyUpdate('a')
          .executeTakeFirstOrThrow();
        if (me.heldId !== null && me.heldExpiresAt !== null) {
          return { id: me.heldId, expiresAt: me.heldExpiresAt, held: true, name: me.displayName };
        }
        const filters = await resolveQueueFilters(trx, examAreaId, { ...request, status });
        const picked = await claimOldestQuery(trx, filters, {
          accountId: actor.accountId,
          now,
          expiresAt,
        }).executeTakeFirst();
        return picked ? { id: picked.id, expiresAt, held: false, name: me.displayName } : null;
      });
      if (!result) return { claim: null };
      logger?.debug(
        {
          registrationId: result.id,
          reviewerAccountId: actor.accountId,
          stage: request.stage,
          held: result.held,
        },
        'review claim: next',
      );
      return { claim: claimOf(result.id, actor, result.expiresAt, result.name) };
    },

    /**
     * 领取 one registration picked from the list: it must wait in a stage the reviewer works (409
     * invalid_transition otherwise) and not be held by someone else (409 conflict naming them).
     * Claiming one's own again renews the lease; any other live claim of the reviewer in the stage
     * is released (one claim per reviewer per stage).
     */
    async claim(actor: Actor, id: number): Promise<ReviewClaim> {
      const examAreaId = reviewAreaOf(actor);
      const stages = decidableStages(actor);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + LEASE_MS);
      const claim = await db.transaction().execute(async (trx) => {
        await lockReviewer(trx, actor.accountId);
        const row = await trx
          .selectFrom('registrations')
          .select(['id', 'examAreaId', 'status', 'claimedBy', 'claimExpiresAt'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!row || row.examAreaId !== examAreaId) throw notFound(NOT_FOUND);
        const [firstStage] = stages;
        if (!firstStage) {
          throw forbidden(
            '考区管理员可以查看审核队列，但不能领取或审核。如需审核，请使用审核员账号。',
          );
        }
        const stage = stageOfStatus(row.status);
        if (!stage || !stages.includes(stage)) {
          throw notWaitingError(
            stage ?? firstStage,
            row.status,
            REGISTRATION_STATUS_LABELS[row.status],
          );
        }
        if (hasLiveClaim(row, now) && row.claimedBy !== actor.accountId) {
          const held = await readClaim(trx, row, actor.accountId, now);
          if (held) throw heldByOtherError(held, '不能重复领取。');
        }
        await trx
          .updateTable('registrations')
          .set({ claimedBy: null, claimExpiresAt: null })
          .where('claimedBy', '=', actor.accountId)
          .where('examAreaId', '=', examAreaId)
          .where('status', '=', row.status)
          .where('id', '!=', row.id)
          .execute();
        await trx
          .updateTable('registrations')
          .set({ claimedBy: actor.accountId, claimExpiresAt: expiresAt })
          .where('id', '=', row.id)
          .execute();
        return claimOf(row.id, actor, expiresAt, await displayNameOf(trx, actor.accountId));
      });
      logger?.debug(
        { registrationId: id, reviewerAccountId: actor.accountId },
        'review claim: claimed',
      );
      return claim;
    },

    /**
     * 释放: gives a claim of mine back to the queue. Releasing an unclaimed registration (or one
     * whose lease ran out) is a no-op; someone else's live claim → 409 conflict.
     */
    async release(actor: Actor, id: number): Promise<{ ok: true }> {
      const examAreaId = reviewAreaOf(actor);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('registrations')
          .select(['id', 'examAreaId', 'claimedBy', 'claimExpiresAt'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!row || row.examAreaId !== examAreaId) throw notFound(NOT_FOUND);
        if (row.claimedBy === null) return;
        if (row.claimedBy !== actor.accountId) {
          const held = await readClaim(trx, row, actor.accountId, now);
          if (held) throw heldByOtherError(held, '只有领取人可以释放。');
          return;
        }
        await trx
          .updateTable('registrations')
          .set({ claimedBy: null, claimExpiresAt: null })
          .where('id', '=', row.id)
          .execute();
      });
      logger?.debug(
        { registrationId: id, reviewerAccountId: actor.accountId },
        'review claim: released',
      );
      return { ok: true };
    },
  };
}
export type ReviewClaimsService = ReturnType<typeof createReviewClaimsService>;
