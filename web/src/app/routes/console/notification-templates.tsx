import { TemplateEditor } from '../../../features/notification-admin';
import { AreaScope } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { AreaAdminPage } from './area-admin-page';

const m = appMessages.console;

/** 消息模板: the texts of the messages an area's candidates receive, in Chinese and English. */
export function NotificationTemplatesPage() {
  return (
    <AreaAdminPage
      title={m.notificationTemplates}
      allowed={canAdministerExamArea}
      intro={(account, isPlatformAdmin) =>
        isPlatformAdmin
          ? m.notificationTemplatesIntroPlatform
          : m.notificationTemplatesIntroArea(account.examArea?.name ?? m.allAreas)
      }
    >
      {({ account, areas, areasPending }) => (
        <AreaScope actor={account} areas={areas} areasPending={areasPending}>
          {(area) => <TemplateEditor area={area} />}
        </AreaScope>
      )}
    </AreaAdminPage>
  );
}
