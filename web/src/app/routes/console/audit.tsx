import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { ForbiddenPage } from '../../../components/result-page';
import { AuditLog } from '../../../features/audit';
import { canViewAudit } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { useConsoleAccount } from './context';

const m = appMessages.console;

/** 审计日志 for platform admins (all areas) and area admins (their own area). */
export function AuditPage() {
  const account = useConsoleAccount();
  if (!canViewAudit(account.roles)) return <ForbiddenPage />;
  const isPlatformAdmin = account.roles.includes('platform_admin');
  return (
    <>
      <PageTitle title={m.auditTitle} section="console" />
      <h1 className="page-title">{m.auditTitle}</h1>
      <p className="page-intro">
        {isPlatformAdmin
          ? m.auditIntroPlatform
          : m.auditIntroArea(account.examArea?.name ?? m.allAreas)}
      </p>
      <ErrorBoundary region={m.auditTitle}>
        <AuditLog />
      </ErrorBoundary>
    </>
  );
}
