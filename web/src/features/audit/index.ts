// Public surface of the audit-log feature.
export { AuditLog } from './components/audit-log';
export { auditMessages } from './messages';
