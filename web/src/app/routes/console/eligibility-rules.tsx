import { AreaRulesEditor, AreaScope } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { AreaAdminPage } from './area-admin-page';

const m = appMessages.console;

/** 考区报考规则: an area's own eligibility rules (P1, P2), four explained switches. */
export function AreaRulesAdminPage() {
  return (
    <AreaAdminPage
      title={m.areaRulesAdmin}
      allowed={canAdministerExamArea}
      intro={(account, isPlatformAdmin) =>
        isPlatformAdmin
          ? m.areaRulesAdminIntroPlatform
          : m.areaRulesAdminIntroArea(account.examArea?.name ?? m.allAreas)
      }
    >
      {({ account, areas, areasPending }) => (
        <AreaScope actor={account} areas={areas} areasPending={areasPending}>
          {(area) => <AreaRulesEditor area={area} />}
        </AreaScope>
      )}
    </AreaAdminPage>
  );
}
