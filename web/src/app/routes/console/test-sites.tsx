import { AreaScope, TestSiteList } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { AreaAdminPage } from './area-admin-page';

const m = appMessages.console;

/** 考点管理: an area's test sites. */
export function TestSitesAdminPage() {
  return (
    <AreaAdminPage
      title={m.testSitesAdmin}
      allowed={canAdministerExamArea}
      intro={() => m.testSitesAdminIntro}
    >
      {({ account, areas, areasPending }) => (
        <AreaScope actor={account} areas={areas} areasPending={areasPending}>
          {(area) => <TestSiteList area={area} />}
        </AreaScope>
      )}
    </AreaAdminPage>
  );
}
