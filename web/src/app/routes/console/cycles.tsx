import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { ForbiddenPage } from '../../../components/result-page';
import { CycleList } from '../../../features/exam-admin';
import { canAdministerExamArea, canManageNationalCatalog } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { useConsoleAccount } from './context';

const m = appMessages.console;

/** 考试年度: the cycles with their work-years cut-off; platform admins add and change them. */
export function CyclesAdminPage() {
  const account = useConsoleAccount();
  if (!canAdministerExamArea(account.roles)) return <ForbiddenPage />;
  return (
    <>
      <PageTitle title={m.cyclesAdmin} section="console" />
      <h1 className="page-title">{m.cyclesAdmin}</h1>
      <p className="page-intro">{m.cyclesAdminIntro}</p>
      <ErrorBoundary region={m.cyclesAdmin}>
        <CycleList canEdit={canManageNationalCatalog(account.roles)} />
      </ErrorBoundary>
    </>
  );
}
