import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/result-page';
import { catalogMessages, useExamAreas } from '../../../features/catalog';
import { StaffManagement } from '../../../features/staff';
import { canManageStaff } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { useConsoleAccount } from './context';

const m = appMessages.console;

/** 人员管理 for platform admins (all areas) and area admins (their own area). */
export function StaffPage() {
  const account = useConsoleAccount();
  const isPlatformAdmin = account.roles.includes('platform_admin');
  const areas = useExamAreas({ enabled: isPlatformAdmin });
  if (!canManageStaff(account.roles)) return <ForbiddenPage />;
  return (
    <>
      <PageTitle title={m.staffTitle} section="console" />
      <h1 className="page-title">{m.staffTitle}</h1>
      <p className="page-intro">
        {isPlatformAdmin
          ? m.staffIntroPlatform
          : m.staffIntroArea(account.examArea?.name ?? m.allAreas)}
      </p>
      {areas.isError && (
        <QueryError
          error={areas.error}
          title={catalogMessages.areasLoadFailed}
          onRetry={() => void areas.refetch()}
        />
      )}
      <ErrorBoundary region={m.staffTitle}>
        <StaffManagement actor={account} areas={areas.data?.items ?? []} />
      </ErrorBoundary>
    </>
  );
}
