import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Outlet, ScrollRestoration } from 'react-router';
import { Loading } from '../components/loading';
import { NotFoundPage } from '../components/result-page';
import { RouteError } from '../components/route-error';
import { PortalLayout } from './routes/portal/layout';
import { HomePage } from './routes/portal/home';
import { CandidateLoginPage } from './routes/portal/login';
import { SignupPage } from './routes/portal/signup';

/** Load a named export lazily, so the staff console stays out of the candidate bundle. */
function lazyNamed<M>(load: () => Promise<M>, name: keyof M) {
  const Component = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return function Lazy() {
    return (
      <Suspense fallback={<Loading />}>
        <Component />
      </Suspense>
    );
  };
}

const SelfCheckPage = lazyNamed(() => import('./routes/portal/self-check'), 'SelfCheckPage');
const TodosPage = lazyNamed(() => import('./routes/portal/todos'), 'TodosPage');

const RegistrationPage = lazyNamed(
  () => import('./routes/portal/registration'),
  'RegistrationPage',
);

const loadMe = () => import('./routes/portal/me');
const MeLayout = lazyNamed(() => loadMe(), 'MeLayout');
const MeOverviewPage = lazyNamed(() => loadMe(), 'MeOverviewPage');
const MePersonalPage = lazyNamed(() => loadMe(), 'MePersonalPage');
const MePhotoPage = lazyNamed(() => loadMe(), 'MePhotoPage');
const MeEducationPage = lazyNamed(() => loadMe(), 'MeEducationPage');
const MeWorkPage = lazyNamed(() => loadMe(), 'MeWorkPage');
const MeQualificationsPage = lazyNamed(() => loadMe(), 'MeQualificationsPage');
const MeAccountPage = lazyNamed(() => loadMe(), 'MeAccountPage');
const ForgotPasswordPage = lazyNamed(
  () => import('./routes/portal/forgot-password'),
  'ForgotPasswordPage',
);

const loadConsole = () => import('./routes/console');

const ConsoleLayout = lazyNamed(() => loadConsole(), 'ConsoleLayout');
const StaffLoginPage = lazyNamed(() => loadConsole(), 'StaffLoginPage');
const DashboardPage = lazyNamed(() => loadConsole(), 'DashboardPage');
const PasswordPage = lazyNamed(() => loadConsole(), 'PasswordPage');
const StaffPage = lazyNamed(() => loadConsole(), 'StaffPage');
const AuditPage = lazyNamed(() => loadConsole(), 'AuditPage');
const CalendarAdminPage = lazyNamed(() => loadConsole(), 'CalendarAdminPage');
const NoticesAdminPage = lazyNamed(() => loadConsole(), 'NoticesAdminPage');
const TestSitesAdminPage = lazyNamed(() => loadConsole(), 'TestSitesAdminPage');
const OfferingsAdminPage = lazyNamed(() => loadConsole(), 'OfferingsAdminPage');
const SpecialtiesAdminPage = lazyNamed(() => loadConsole(), 'SpecialtiesAdminPage');
const PreviousResultsAdminPage = lazyNamed(() => loadConsole(), 'PreviousResultsAdminPage');
const ExamAreasAdminPage = lazyNamed(() => loadConsole(), 'ExamAreasAdminPage');
const CyclesAdminPage = lazyNamed(() => loadConsole(), 'CyclesAdminPage');
const AreaRulesAdminPage = lazyNamed(() => loadConsole(), 'AreaRulesAdminPage');
const ReviewDashboardPage = lazyNamed(() => loadConsole(), 'ReviewDashboardPage');
const NotificationMessagesPage = lazyNamed(() => loadConsole(), 'NotificationMessagesPage');
const NotificationTemplatesPage = lazyNamed(() => loadConsole(), 'NotificationTemplatesPage');
const ReviewQueuePage = lazyNamed(() => loadConsole(), 'ReviewQueuePage');
const ReviewRegistrationPage = lazyNamed(() => loadConsole(), 'ReviewRegistrationPage');
const ReviewReasonsPage = lazyNamed(() => loadConsole(), 'ReviewReasonsPage');

function Root() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

/** Routes: the candidate portal under `/`, the staff console under `/console`. */
export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      {
        path: '/',
        element: <PortalLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'login', element: <CandidateLoginPage /> },
          { path: 'signup', element: <SignupPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'self-check', element: <SelfCheckPage /> },
          { path: 'registration', element: <RegistrationPage /> },
          { path: 'registration/:step', element: <RegistrationPage /> },
          { path: 'todos', element: <TodosPage /> },
          {
            path: 'me',
            element: <MeLayout />,
            children: [
              { index: true, element: <MeOverviewPage /> },
              { path: 'personal', element: <MePersonalPage /> },
              { path: 'photo', element: <MePhotoPage /> },
              { path: 'education', element: <MeEducationPage /> },
              { path: 'work', element: <MeWorkPage /> },
              { path: 'qualifications', element: <MeQualificationsPage /> },
              { path: 'account', element: <MeAccountPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '/console/login', element: <StaffLoginPage /> },
      {
        path: '/console',
        element: <ConsoleLayout />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'password', element: <PasswordPage /> },
          { path: 'staff', element: <StaffPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'calendar', element: <CalendarAdminPage /> },
          { path: 'notices', element: <NoticesAdminPage /> },
          { path: 'test-sites', element: <TestSitesAdminPage /> },
          { path: 'offerings', element: <OfferingsAdminPage /> },
          { path: 'specialties', element: <SpecialtiesAdminPage /> },
          { path: 'previous-results', element: <PreviousResultsAdminPage /> },
          { path: 'exam-areas', element: <ExamAreasAdminPage /> },
          { path: 'cycles', element: <CyclesAdminPage /> },
          { path: 'eligibility-rules', element: <AreaRulesAdminPage /> },
          { path: 'review-dashboard', element: <ReviewDashboardPage /> },
          { path: 'notification-messages', element: <NotificationMessagesPage /> },
          { path: 'notification-templates', element: <NotificationTemplatesPage /> },
          { path: 'review', element: <ReviewQueuePage /> },
          { path: 'review/:id', element: <ReviewRegistrationPage /> },
          { path: 'review-reasons', element: <ReviewReasonsPage /> },
          {
            path: '*',
            element: <NotFoundPage section="console" homePath="/console" homeLabel="返回工作台" />,
          },
        ],
      },
    ],
  },
]);
