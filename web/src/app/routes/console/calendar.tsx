import { CalendarEditor, CycleAreaScope } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { AreaAdminPage } from './area-admin-page';

const m = appMessages.console;

/** 考试日程: the phases of an area's calendar for a cycle, in Beijing time. */
export function CalendarAdminPage() {
  return (
    <AreaAdminPage
      title={m.calendarAdmin}
      allowed={canAdministerExamArea}
      intro={(account, isPlatformAdmin) =>
        isPlatformAdmin
          ? m.calendarAdminIntroPlatform
          : m.calendarAdminIntroArea(account.examArea?.name ?? m.allAreas)
      }
    >
      {({ account, areas, areasPending }) => (
        <CycleAreaScope actor={account} areas={areas} areasPending={areasPending}>
          {(scope) => <CalendarEditor scope={scope} />}
        </CycleAreaScope>
      )}
    </AreaAdminPage>
  );
}
