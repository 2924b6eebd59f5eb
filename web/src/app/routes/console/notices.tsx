import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/result-page';
import { catalogMessages, useExamAreas } from '../../../features/catalog';
import { CycleAreaScope, NoticeBoard } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { useConsoleAccount } from './context';

const m = appMessages.console;

/** 考试通知: an area's notices for a cycle; write, publish and attach files. */
export function NoticesAdminPage() {
  const account = useConsoleAccount();
  const isPlatformAdmin = account.roles.includes('platform_admin');
  const areas = useExamAreas({ enabled: isPlatformAdmin });
  if (!canAdministerExamArea(account.roles)) return <ForbiddenPage />;
  return (
    <>
      <PageTitle title={m.noticesAdmin} section="console" />
      <h1 className="page-title">{m.noticesAdmin}</h1>
      <p className="page-intro">{m.noticesAdminIntro}</p>
      {areas.isError && (
        <QueryError
          error={areas.error}
          title={catalogMessages.areasLoadFailed}
          onRetry={() => void areas.refetch()}
        />
      )}
      <ErrorBoundary region={m.noticesAdmin}>
        <CycleAreaScope
          actor={account}
          areas={areas.data?.items ?? []}
          areasPending={isPlatformAdmin && areas.isPending}
        >
          {(scope) => <NoticeBoard scope={scope} />}
        </CycleAreaScope>
      </ErrorBoundary>
    </>
  );
}
