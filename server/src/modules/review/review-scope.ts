import {
  REVIEW_STAGE_LABELS,
  ROLES,
  type RegistrationStatus,
  type ReviewStage,
  type Role,
} from '@hqe/core';
import type { Actor } from '../../lib/actor';
import { AppError, forbidden } from '../../lib/errors';

/*
 * Who may use the review console, and where (issue #6). Every member of staff of the console works
 * in exactly one exam area (the account's `examAreaId`); every query of the review module is
 * filtered by that area, so another area's registration answers "not found" like one that does not
 * exist. Within the area:
 *
 *   stage          decides and claims            may only read (list, detail, files)
 *   confirmation   confirmation_reviewer         area_admin
 *   qualification  qualification_reviewer       area_admin
 *
 * A platform administrator has no exam area and is refused (403) with a message saying so; a
 * candidate is refused by the route guard (REVIEW_ROUTE_ROLES).
 */

/** The role that works each queue (claims and decides). */
export const STAGE_ROLES: Record<ReviewStage, Role> = {
  confirmation: ROLES.confirmation_reviewer,
  qualification: ROLES.qualification_reviewer,
};

/** The status a registration waits in, in each queue (待确认; 已确认, awaiting 资格审核). */
export const STAGE_WAITING_STATUS: Record<ReviewStage, RegistrationStatus> = {
  confirmation: 'submitted',
  qualification: 'confirmed',
};

/** The queue a registration in `status` waits in, or null when it waits in none. */
export function stageOfStatus(status: RegistrationStatus): ReviewStage | null {
  if (status === STAGE_WAITING_STATUS.confirmation) return 'confirmation';
  if (status === STAGE_WAITING_STATUS.qualification) return 'qualification';
  return null;
}

/**
 * The roles the review routes admit (`requireAuth({ roles: REVIEW_ROUTE_ROLES })`): every staff
 * role, so that a platform administrator reaches `reviewAreaOf` and reads why it is refused.
 */
export const REVIEW_ROUTE_ROLES: readonly Role[] = [
  ROLES.confirmation_reviewer,
  ROLES.qualification_reviewer,
  ROLES.area_admin,
  ROLES.platform_admin,
];

const NO_AREA =
  '审核工作台仅供考区工作人员使用：您的账号不属于任何考区，不能查看或审核报名。如需审核，请使用考区工作人员账号登录。';
const NOT_REVIEW_STAFF =
  '您的账号没有审核权限。如需查看或审核报名，请联系考区管理员为您开通报名确认审核员或资格审核员角色。';

/**
 * The exam area the actor reviews in: every review route (queue, claims, decisions, detail, files,
 * reasons, dashboard, export) starts with it and filters every query by it. Throws 403 `forbidden`
 * for staff without an area (the platform administrator) and for accounts holding none of the
 * review console's roles (reviewers and the area administrator).
 */
export function reviewAreaOf(actor: Actor): number {
  const isReviewStaff =
    actor.roles.includes(ROLES.confirmation_reviewer) ||
    actor.roles.includes(ROLES.qualification_reviewer) ||
    actor.roles.includes(ROLES.area_admin);
  if (!isReviewStaff) {
    throw forbidden(actor.roles.includes(ROLES.platform_admin) ? NO_AREA : NOT_REVIEW_STAFF);
  }
  if (actor.examAreaId === null) throw forbidden(NO_AREA);
  return actor.examAreaId;
}

/** Whether the actor works the stage's queue (claims and decides in it). */
export function canDecideStage(actor: Actor, stage: ReviewStage): boolean {
  return actor.roles.includes(STAGE_ROLES[stage]);
}

/** Whether the actor may read the stage's queue: its reviewers and the area administrator. */
export function canReadStage(actor: Actor, stage: ReviewStage): boolean {
  return canDecideStage(actor, stage) || actor.roles.includes(ROLES.area_admin);
}

/** The stages whose queue the actor works (claims and decides in). */
export function decidableStages(actor: Actor): ReviewStage[] {
  return (Object.keys(STAGE_ROLES) as ReviewStage[]).filter((s) => canDecideStage(actor, s));
}

/**
 * The area for reading a stage's queue (list, export): its reviewers and the area administrator;
 * anyone else of the area gets 403 naming the stage.
 */
export function assertCanReadStage(actor: Actor, stage: ReviewStage): number {
  const areaId = reviewAreaOf(actor);
  if (!canReadStage(actor, stage)) {
    throw forbidden(
      `您没有${REVIEW_STAGE_LABELS[stage]}的权限，不能查看该队列。如需处理，请联系考区管理员开通相应角色。`,
    );
  }
  return areaId;
}

/**
 * The area for working a stage's queue (claims, decisions): only its reviewers. The area
 * administrator may read but not claim or decide (403 saying so).
 */
export function assertCanDecideStage(actor: Actor, stage: ReviewStage): number {
  const areaId = reviewAreaOf(actor);
  if (!canDecideStage(actor, stage)) {
    const readOnly = actor.roles.includes(ROLES.area_admin);
    throw forbidden(
      readOnly
        ? `考区管理员可以查看${REVIEW_STAGE_LABELS[stage]}队列，但不能领取或审核。如需审核，请使用审核员账号。`
        : `您没有${REVIEW_STAGE_LABELS[stage]}的权限。如需处理，请联系考区管理员开通相应角色。`,
    );
  }
  return areaId;
}

/**
 * 409 `invalid_transition` for a registration that is not waiting in the stage (already decided,
 * withdrawn by the candidate meanwhile …), with its status for the client to show.
 */
export function notWaitingError(
  stage: ReviewStage,
  status: RegistrationStatus,
  statusLabel: string,
): AppError {
  return new AppError(
    'invalid_transition',
    `该报名当前为“${statusLabel}”，不在${REVIEW_STAGE_LABELS[stage]}队列中，无需再领取。请刷新列表查看最新状态。`,
    { status, statusLabel },
  );
}
