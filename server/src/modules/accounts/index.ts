export * as accountsRepository from './accounts.repository';
export type { AccountWithArea, AccountSummary } from './accounts.repository';
export { toAccountView, toStaffAccount, auditSnapshot } from './account-view';
export { createStaffService, type StaffService } from './staff.service';
export { staffRoutes } from './staff.routes';
export { ensureFirstPlatformAdmin, type FirstAdminResult } from './first-admin';
