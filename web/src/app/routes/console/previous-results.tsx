import { AreaScope, PreviousResultsImport } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { AreaAdminPage } from './area-admin-page';

const m = appMessages.console;

/** 历史考生成绩导入: last year's results of an area, for automatic confirmation (R6). */
export function PreviousResultsAdminPage() {
  return (
    <AreaAdminPage
      title={m.previousResultsAdmin}
      allowed={canAdministerExamArea}
      intro={() => m.previousResultsAdminIntro}
    >
      {({ account, areas, areasPending }) => (
        <AreaScope actor={account} areas={areas} areasPending={areasPending}>
          {(area) => <PreviousResultsImport area={area} />}
        </AreaScope>
      )}
    </AreaAdminPage>
  );
}
