import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { ForbiddenPage } from '../../../components/result-page';
import { SpecialtyCatalog } from '../../../features/exam-admin';
import { canAdministerExamArea, canManageNationalCatalog } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { useConsoleAccount } from './context';

const m = appMessages.console;

/** 专业目录: the national specialty table; platform admins import a new one from a file. */
export function SpecialtiesAdminPage() {
  const account = useConsoleAccount();
  if (!canAdministerExamArea(account.roles)) return <ForbiddenPage />;
  return (
    <>
      <PageTitle title={m.specialtiesAdmin} section="console" />
      <h1 className="page-title">{m.specialtiesAdmin}</h1>
      <p className="page-intro">{m.specialtiesAdminIntro}</p>
      <ErrorBoundary region={m.specialtiesAdmin}>
        <SpecialtyCatalog canImport={canManageNationalCatalog(account.roles)} />
      </ErrorBoundary>
    </>
  );
}
