// The staff console, loaded as one chunk on first visit to /console.
export { AuditPage } from './audit';
export { DashboardPage } from './dashboard';
export { ConsoleLayout } from './layout';
export { StaffLoginPage } from './login';
export { PasswordPage } from './password';
export { StaffPage } from './staff';
