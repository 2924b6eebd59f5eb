import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/result-page';
import { catalogMessages, useExamAreas } from '../../../features/catalog';
import { AreaScope, TestSiteList } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { useConsoleAccount } from './context';

const m = appMessages.console;

/** 考点管理: an area's test sites. */
export function TestSitesAdminPage() {
  const account = useConsoleAccount();
  const isPlatformAdmin = account.roles.includes('platform_admin');
  const areas = useExamAreas({ enabled: isPlatformAdmin });
  if (!canAdministerExamArea(account.roles)) return <ForbiddenPage />;
  return (
    <>
      <PageTitle title={m.testSitesAdmin} section="console" />
      <h1 className="page-title">{m.testSitesAdmin}</h1>
      <p className="page-intro">{m.testSitesAdminIntro}</p>
      {areas.isError && (
        <QueryError
          error={areas.error}
          title={catalogMessages.areasLoadFailed}
          onRetry={() => void areas.refetch()}
        />
      )}
      <ErrorBoundary region={m.testSitesAdmin}>
        <AreaScope
          actor={account}
          areas={areas.data?.items ?? []}
          areasPending={isPlatformAdmin && areas.isPending}
        >
          {(area) => <TestSiteList area={area} />}
        </AreaScope>
      </ErrorBoundary>
    </>
  );
}
