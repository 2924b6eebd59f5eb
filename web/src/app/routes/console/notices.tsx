import { CycleAreaScope, NoticeBoard } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { AreaAdminPage } from './area-admin-page';

const m = appMessages.console;

/** 考试通知: an area's notices for a cycle; write, publish and attach files. */
export function NoticesAdminPage() {
  return (
    <AreaAdminPage
      title={m.noticesAdmin}
      allowed={canAdministerExamArea}
      intro={() => m.noticesAdminIntro}
    >
      {({ account, areas, areasPending }) => (
        <CycleAreaScope actor={account} areas={areas} areasPending={areasPending}>
          {(scope) => <NoticeBoard scope={scope} />}
        </CycleAreaScope>
      )}
    </AreaAdminPage>
  );
}
