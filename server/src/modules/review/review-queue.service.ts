import {
  ELIGIBILITY_LABELS,
  REGISTRATION_STATUS_LABELS,
  type ReviewQueueItem,
  type ReviewQueuePage,
  type ReviewQueueQuery,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { maskDocumentNumber, type FieldCrypto } from '../../lib/field-crypto';
import { toReviewClaim } from './review-claims';
import {
  assertStageStatus,
  decodeCursor,
  encodeCursor,
  resolveQueueFilters,
  resolveQueueSearch,
} from './review-queue.filters';
import * as repo from './review-queue.repository';
import { assertCanReadStage } from './review-scope';

/*
 * 审核队列 (GET /api/review/queue, issue #6): the registrations of the reviewer's exam area waiting
 * in a stage (or in another status of the stage asked for), oldest first, with keyset pagination and a total.
 */

// ---------------------------------------------------------------------------------------------
// The list

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function autoFailedOf(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { passed?: unknown }).passed === false
  );
}

export interface ReviewQueueServiceDeps {
  db: Db;
  clock: Clock;
  crypto: FieldCrypto;
}

export function createReviewQueueService({ db, clock, crypto }: ReviewQueueServiceDeps) {
  const toItem = (
    row: repo.QueueRow,
    resubmitted: boolean,
    viewer: Actor,
    now: Date,
  ): ReviewQueueItem => ({
    registrationId: row.id,
    registrationNumber: row.registrationNumber,
    version: row.version,
    status: row.status,
    statusLabel: REGISTRATION_STATUS_LABELS[row.status],
    candidateName: row.candidateName,
    documentNumberMasked: maskDocumentNumber(
      crypto.decrypt(row.documentNumberEncrypted, 'candidates.document_number'),
    ),
    specialtyCode: row.specialtyCode,
    specialtyName: row.specialtyName,
    levelLabel: row.specialtyLevel ? ELIGIBILITY_LABELS.level[row.specialtyLevel] : null,
    cityName: row.cityName,
    testSiteName: row.testSiteName,
    returning: row.autoConfirmation !== null,
    autoFailed: autoFailedOf(row.autoConfirmation),
    resubmitted,
    submittedAt: iso(row.submittedAt),
    queuedAt: iso(row.queuedAt),
    claim: toReviewClaim(
      {
        id: row.id,
        claimedBy: row.claimedBy,
        claimExpiresAt: row.claimExpiresAt,
        reviewerName: row.reviewerName,
      },
      viewer.accountId,
      now,
    ),
  });

  return {
    /**
     * One page of a queue of the actor's area: its reviewers and the area administrator may read
     * it; anyone else 403. `total` counts every match of the filters (not only after the cursor).
     */
    async list(actor: Actor, query: ReviewQueueQuery): Promise<ReviewQueuePage> {
      const examAreaId = assertCanReadStage(actor, query.stage);
      assertStageStatus(query.stage, query.status);
      const cursor = query.cursor !== undefined ? decodeCursor(query.cursor) : null;
      const now = clock.now();
      const filters = await resolveQueueFilters(db, examAreaId, query);
      if (query.q !== undefined)
        filters.search = await resolveQueueSearch(db, crypto, examAreaId, query.q);
      const nullsPossible = filters.status !== 'submitted' && filters.status !== 'confirmed';
      // The page (then its resubmission flags) and the count, side by side on two connections.
      const [[rows, resubmitted], total] = await Promise.all([
        repo
          .listQueue(db, filters, { cursor, limit: query.limit + 1, nullsPossible })
          .then(async (found) => {
            const ids = found.slice(0, query.limit).map((r) => r.id);
            return [found, await repo.resubmittedAmong(db, ids)] as const;
          }),
        repo.countQueue(db, filters),
      ]);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => toItem(row, resubmitted.has(row.id), actor, now)),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ queuedAt: last.queuedAt, id: last.id })
            : null,
        total,
      };
    },
  };
}
export type ReviewQueueService = ReturnType<typeof createReviewQueueService>;
