import {
  normalizeDocumentNumber,
  REGISTRATION_STATUS_LABELS,
  REVIEW_STAGE_LABELS,
  REVIEW_STAGE_STATUSES,
  type RegistrationStatus,
  type ReviewQueueFilters,
  type ReviewStage,
} from '@hqe/core';
import { z } from 'zod';
import type { Db } from '../../db/database';
import { validationFailed } from '../../lib/errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import * as repo from './review-queue.repository';
import { STAGE_WAITING_STATUS } from './review-scope';

/*
 * The review queue's filters, search box and cursor, resolved into the repository's conditions:
 * shared by the list, "next" (review-claims.ts) and the export.
 */

// ---------------------------------------------------------------------------------------------
// Filters

/** The queue filters every list, "next" and export share, without the search box. */
export type QueueFilterInput = Omit<ReviewQueueFilters, 'q' | 'status'> & {
  status?: RegistrationStatus | undefined;
};

/**
 * A queue lists only its stage's statuses (REVIEW_STAGE_STATUSES): 报名确认 — 待确认, 确认不通过,
 * 报名确认, 视为放弃; 资格审核 — 报名确认, 待补充材料, 资格审核通过 / 不通过, 已缴费. So a
 * confirmation reviewer does not page through qualification results, and nobody lists drafts. A
 * stage's queue is read only by its reviewers and the area administrator (assertCanReadStage), so
 * 资格审核通过 / 不通过 reach only qualification reviewers and area administrators. Any other
 * status: 400 validation_failed naming the ones allowed. (The list, and an export naming a stage.)
 */
export function assertStageStatus(stage: ReviewStage, status: RegistrationStatus | undefined) {
  const allowed = REVIEW_STAGE_STATUSES[stage];
  if (status === undefined || allowed.includes(status)) return;
  const labels = allowed.map((s) => `“${REGISTRATION_STATUS_LABELS[s]}”`).join('、');
  throw validationFailed(
    `${REVIEW_STAGE_LABELS[stage]}队列只能按${labels}筛选状态，请重新选择状态后再查询。`,
    [{ path: 'status', message: `请选择${labels}之一` }],
  );
}

/**
 * Turns the contract's filters into conditions on registrations, for one exam area (the caller's
 * `reviewAreaOf`): the status defaults to the stage's waiting status (submitted; confirmed for
 * qualification); specialty and level become the area's offering ids. The search text is resolved
 * apart (`resolveQueueSearch`). Throws 400 when the submitted-time range is empty.
 */
export async function resolveQueueFilters(
  db: Db,
  examAreaId: number,
  filters: QueueFilterInput,
): Promise<repo.ResolvedQueueFilters> {
  const resolved: repo.ResolvedQueueFilters = {
    examAreaId,
    cycleId: filters.cycleId,
    status: filters.status ?? STAGE_WAITING_STATUS[filters.stage],
  };
  if (filters.specialtyCode !== undefined || filters.level !== undefined) {
    resolved.offeringIds = await repo.offeringIdsFor(db, {
      examAreaId,
      cycleId: filters.cycleId,
      ...(filters.specialtyCode !== undefined ? { specialtyCode: filters.specialtyCode } : {}),
      ...(filters.level !== undefined ? { level: filters.level } : {}),
    });
  }
  if (filters.cityId !== undefined) resolved.cityId = filters.cityId;
  if (filters.testSiteId !== undefined) resolved.testSiteId = filters.testSiteId;
  if (filters.returning !== undefined) resolved.returning = filters.returning;
  if (filters.autoFailed !== undefined) resolved.autoFailed = filters.autoFailed;
  if (filters.submittedFrom) resolved.submittedFrom = new Date(filters.submittedFrom);
  if (filters.submittedTo) resolved.submittedTo = new Date(filters.submittedTo);
  if (
    resolved.submittedFrom &&
    resolved.submittedTo &&
    resolved.submittedFrom >= resolved.submittedTo
  ) {
    throw validationFailed('提交时间的开始时间须早于结束时间，请重新选择时间范围。', [
      { path: 'submittedTo', message: '结束时间须晚于开始时间' },
    ]);
  }
  return resolved;
}

/**
 * Up to this many matches of a name or 网报号 beginning are looked up before the queue query and
 * passed as ids; beyond, the beginning goes into the query as LIKE (see resolveQueueSearch).
 */
const LOOKUP_MAX = 1000;
/** A 网报号 is 14 digits; fewer digits search by its beginning. */
const REGISTRATION_NUMBER_DIGITS = 14;
/** What a document number may look like once normalised (every type's alphabet and length). */
const DOCUMENT_SHAPE = /^[0-9A-Z]{5,20}$/;

/**
 * The search box (`q`): digits only, up to 14 → a 网报号 (exact at 14 digits, else its
 * beginning); letters and digits with at least one digit, 5–20 characters once normalised (the
 * shapes of 居民身份证, 通行证, 护照 …) → a document number, matched exactly through its keyed hash
 * (never compared or logged in clear); an 8- or 10-digit text is both a 网报号 beginning and a
 * 台湾居民来往大陆通行证 number, so both are tried. Anything else → the beginning of the name.
 */
export async function resolveQueueSearch(
  db: Db,
  crypto: FieldCrypto,
  examAreaId: number,
  q: string,
): Promise<repo.QueueSearch> {
  const text = q.trim();
  const normalised = normalizeDocumentNumber(text);
  const search: repo.QueueSearch = {};
  const digitsOnly = /^[0-9]+$/.test(normalised);
  if (digitsOnly && normalised.length === REGISTRATION_NUMBER_DIGITS) {
    search.registrationNumber = { value: normalised, exact: true };
  } else if (digitsOnly && normalised.length < REGISTRATION_NUMBER_DIGITS) {
    // As for names: a long beginning matches few registrations, looked up first (the planner
    // then fetches them by id); a short one matches many, left as LIKE on the queue's walk.
    const ids = await repo.registrationIdsByNumberPrefix(
      db,
      examAreaId,
      normalised,
      LOOKUP_MAX + 1,
    );
    if (ids.length <= LOOKUP_MAX) search.registrationIds = ids;
    else search.registrationNumber = { value: normalised, exact: false };
  }
  const looksLikeDocument =
    DOCUMENT_SHAPE.test(normalised) &&
    /[0-9]/.test(normalised) &&
    (!digitsOnly || normalised.length === 8 || normalised.length === 10 || normalised.length > 14);
  if (looksLikeDocument) {
    search.accountIds = await repo.accountIdsByDocumentHash(
      db,
      crypto.lookupHash('document', normalised),
    );
  }
  if (!digitsOnly && !looksLikeDocument) {
    // A rare beginning (most names): its few accounts, looked up first, make the planner probe
    // registrations by account. A very common one (a single frequent surname): left as a
    // subquery, so that the planner walks the queue in order and stops at a page.
    const accounts = await repo.accountIdsByNamePrefix(db, text, LOOKUP_MAX + 1);
    if (accounts.length <= LOOKUP_MAX) search.accountIds = accounts;
    else search.namePrefix = text;
  }
  return search;
}

// ---------------------------------------------------------------------------------------------
// Cursor: base64url of {"t": queued_at ISO or null, "i": id}

const cursorSchema = z.strictObject({
  t: z.iso.datetime().nullable(),
  i: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

const badCursor = () =>
  validationFailed('翻页标记无效或已过期，请回到第一页重新查询。', [
    { path: 'cursor', message: '翻页标记无效' },
  ]);

export function encodeCursor(cursor: repo.QueueCursor): string {
  return Buffer.from(
    JSON.stringify({ t: cursor.queuedAt?.toISOString() ?? null, i: cursor.id }),
    'utf8',
  ).toString('base64url');
}

/** The cursor of a `nextCursor`; 400 validation_failed for anything else. */
export function decodeCursor(text: string): repo.QueueCursor {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw badCursor();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw badCursor();
  return { queuedAt: parsed.data.t === null ? null : new Date(parsed.data.t), id: parsed.data.i };
}
