export { createCatalogService, type CatalogService } from './catalog.service';
export { catalogRoutes } from './catalog.routes';
export { seedReferenceData, type SeedOptions } from './reference-data';
export {
  assertPhaseOpen,
  phaseClosedMessage,
  type PhaseClosedDetails,
  type PhaseRef,
} from './calendar-gate';
export { createCatalogAdminService, type CatalogAdminService } from './catalog-admin.service';
export { catalogAdminRoutes } from './catalog-admin.routes';
export { createNoticeService, type NoticeService } from './notices.service';
export { noticeAdminRoutes, publicNoticeRoutes } from './notices.routes';
export { createExamAreaService, type ExamAreaService } from './exam-areas.service';
export { examAreaAdminRoutes } from './exam-areas.routes';
export { assertManagesArea } from './area-access';
export { readTable, type TableLimits, type TableRow } from './specialty-import';
