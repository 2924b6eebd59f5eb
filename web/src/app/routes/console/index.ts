// The staff console, loaded as one chunk on first visit to /console.
export { AuditPage } from './audit';
export { CalendarAdminPage } from './calendar';
export { CyclesAdminPage } from './cycles';
export { DashboardPage } from './dashboard';
export { AreaRulesAdminPage } from './eligibility-rules';
export { ExamAreasAdminPage } from './exam-areas';
export { ConsoleLayout } from './layout';
export { StaffLoginPage } from './login';
export { NoticesAdminPage } from './notices';
export { OfferingsAdminPage } from './offerings';
export { PasswordPage } from './password';
export { PreviousResultsAdminPage } from './previous-results';
export { SpecialtiesAdminPage } from './specialties';
export { StaffPage } from './staff';
export { TestSitesAdminPage } from './test-sites';
