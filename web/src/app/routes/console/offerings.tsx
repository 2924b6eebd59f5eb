import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/result-page';
import { catalogMessages, useExamAreas } from '../../../features/catalog';
import { CycleAreaScope, OfferingsEditor } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { useConsoleAccount } from './context';

const m = appMessages.console;

/** 开考专业与收费: the specialties an area offers in a cycle and the fee per subject. */
export function OfferingsAdminPage() {
  const account = useConsoleAccount();
  const isPlatformAdmin = account.roles.includes('platform_admin');
  const areas = useExamAreas({ enabled: isPlatformAdmin });
  if (!canAdministerExamArea(account.roles)) return <ForbiddenPage />;
  return (
    <>
      <PageTitle title={m.offeringsAdmin} section="console" />
      <h1 className="page-title">{m.offeringsAdmin}</h1>
      <p className="page-intro">{m.offeringsAdminIntro}</p>
      {areas.isError && (
        <QueryError
          error={areas.error}
          title={catalogMessages.areasLoadFailed}
          onRetry={() => void areas.refetch()}
        />
      )}
      <ErrorBoundary region={m.offeringsAdmin}>
        <CycleAreaScope
          actor={account}
          areas={areas.data?.items ?? []}
          areasPending={isPlatformAdmin && areas.isPending}
        >
          {(scope) => <OfferingsEditor scope={scope} />}
        </CycleAreaScope>
      </ErrorBoundary>
    </>
  );
}
