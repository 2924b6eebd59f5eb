export { insert as recordAuditEvent, type AuditEventInput } from './audit.repository';
export { createAuditService, type AuditService } from './audit.service';
export { auditRoutes } from './audit.routes';
