import {
  REVIEW_STAGE_STATUSES,
  type AccountView,
  type RegistrationStatus,
  type ReviewStage,
  type Role,
} from '@hqe/core';

/** A queue the account may open, and whether it may claim and decide in it (or only read it). */
export interface StageAccess {
  stage: ReviewStage;
  canDecide: boolean;
}

/**
 * The review queues of an account's roles: 报名确认 for confirmation reviewers, 资格审核 for
 * qualification reviewers; an area administrator reads both without deciding. Staff without an
 * exam area (platform administrators) review nothing: every review route is scoped to one area.
 */
export function reviewStagesFor(account: Pick<AccountView, 'roles' | 'examArea'>): StageAccess[] {
  if (!account.examArea) return [];
  const { roles } = account;
  const admin = roles.includes('area_admin');
  const result: StageAccess[] = [];
  const confirm = roles.includes('confirmation_reviewer');
  const qualify = roles.includes('qualification_reviewer');
  if (confirm || admin) result.push({ stage: 'confirmation', canDecide: confirm });
  if (qualify || admin) result.push({ stage: 'qualification', canDecide: qualify });
  return result;
}

/** True when the account has a review queue to open (the console menu shows 审核队列). */
export function canUseReview(account: Pick<AccountView, 'roles' | 'examArea'>): boolean {
  return reviewStagesFor(account).length > 0;
}

/** Area administrators keep their area's catalogue of return and failure reasons. */
export function canManageReviewReasons(account: {
  roles: readonly Role[];
  examArea: AccountView['examArea'];
}): boolean {
  return account.examArea !== null && account.roles.includes('area_admin');
}

/**
 * The stage a registration belongs to by its status: waiting for or past 报名确认 (submitted,
 * returned, abandoned) or in 资格审核 (confirmed and after); null for a draft.
 */
export function stageOfStatus(status: RegistrationStatus): ReviewStage | null {
  switch (status) {
    case 'draft':
      return null;
    case 'submitted':
    case 'returned':
    case 'abandoned':
      return 'confirmation';
    case 'confirmed':
    case 'supplement_requested':
    case 'qualified':
    case 'disqualified':
    case 'paid':
      return 'qualification';
  }
}

/**
 * The statuses a queue's status filter offers; the first is the queue's default (waiting). The
 * server refuses any other (core's REVIEW_STAGE_STATUSES, where the rule is explained).
 */
export const STAGE_STATUSES: Record<ReviewStage, readonly RegistrationStatus[]> =
  REVIEW_STAGE_STATUSES;
