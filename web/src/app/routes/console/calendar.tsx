import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/result-page';
import { catalogMessages, useExamAreas } from '../../../features/catalog';
import { CalendarEditor, CycleAreaScope } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { useConsoleAccount } from './context';

const m = appMessages.console;

/** 考试日程: the phases of an area's calendar for a cycle, in Beijing time. */
export function CalendarAdminPage() {
  const account = useConsoleAccount();
  const isPlatformAdmin = account.roles.includes('platform_admin');
  const areas = useExamAreas({ enabled: isPlatformAdmin });
  if (!canAdministerExamArea(account.roles)) return <ForbiddenPage />;
  return (
    <>
      <PageTitle title={m.calendarAdmin} section="console" />
      <h1 className="page-title">{m.calendarAdmin}</h1>
      <p className="page-intro">
        {isPlatformAdmin
          ? m.calendarAdminIntroPlatform
          : m.calendarAdminIntroArea(account.examArea?.name ?? m.allAreas)}
      </p>
      {areas.isError && (
        <QueryError
          error={areas.error}
          title={catalogMessages.areasLoadFailed}
          onRetry={() => void areas.refetch()}
        />
      )}
      <ErrorBoundary region={m.calendarAdmin}>
        <CycleAreaScope
          actor={account}
          areas={areas.data?.items ?? []}
          areasPending={isPlatformAdmin && areas.isPending}
        >
          {(scope) => <CalendarEditor scope={scope} />}
        </CycleAreaScope>
      </ErrorBoundary>
    </>
  );
}
