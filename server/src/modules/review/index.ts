// The review console (审核, issue #6): queue and claims, decisions, the registration detail, the
// reason catalogue, the dashboard and the export. Other modules and app.ts import only from here.

// Scope: who reviews where (every review route starts with reviewAreaOf / assertCan…Stage).
export {
  assertCanDecideStage,
  assertCanReadStage,
  canDecideStage,
  canReadStage,
  decidableStages,
  notWaitingError,
  REVIEW_ROUTE_ROLES,
  reviewAreaOf,
  STAGE_ROLES,
  STAGE_WAITING_STATUS,
  stageOfStatus,
} from './review-scope';

// Queue and claims.
export {
  assertClaimAllows,
  claimOldestQuery,
  createReviewClaimsService,
  hasLiveClaim,
  readClaim,
  toReviewClaim,
  type ClaimColumns,
  type ReviewClaimsService,
} from './review-claims';
export {
  decodeCursor,
  encodeCursor,
  resolveQueueFilters,
  resolveQueueSearch,
  type QueueFilterInput,
} from './review-queue.filters';
export {
  countQueueQuery,
  listQueueQuery,
  queueQuery,
  type QueueCursor,
  type QueueSearch,
  type ResolvedQueueFilters,
} from './review-queue.repository';
export { createReviewQueueService, type ReviewQueueService } from './review-queue.service';
export { reviewQueueRoutes } from './review-queue.routes';

// Decisions, the registration as the reviewer sees it, the reason catalogue.
export {
  createReviewDecisionsService,
  type ReviewDecisionsService,
} from './review-decisions.service';
export { reviewDecisionsRoutes } from './review-decisions.routes';
export {
  createReviewRegistrationService,
  type ReviewRegistrationService,
} from './review-registration.service';
export { reviewRegistrationRoutes } from './review-registration.routes';
export {
  createReviewReasonsService,
  resolveReasons,
  type ReviewReasonsService,
} from './review-reasons.service';
export { reviewReasonsRoutes } from './review-reasons.routes';

// Oversight: the dashboard and the Excel export.
export {
  createReviewDashboardService,
  oversightAreaOf,
  type ReviewDashboardService,
} from './review-dashboard.service';
export { reviewDashboardRoutes } from './review-dashboard.routes';
export {
  createReviewExportService,
  inertCell,
  type ReviewExportFile,
  type ReviewExportService,
} from './review-export';
export { reviewExportRoutes } from './review-export.routes';
