import { MessageLog } from '../../../features/notification-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { AreaAdminPage } from './area-admin-page';

const m = appMessages.console;

/** 消息发送记录: the notification outbox of the own area (platform admins: every area). */
export function NotificationMessagesPage() {
  return (
    <AreaAdminPage
      title={m.notificationMessages}
      allowed={canAdministerExamArea}
      intro={(account, isPlatformAdmin) =>
        isPlatformAdmin
          ? m.notificationMessagesIntroPlatform
          : m.notificationMessagesIntroArea(account.examArea?.name ?? m.allAreas)
      }
    >
      {({ account, areas }) => (
        <MessageLog isPlatformAdmin={account.roles.includes('platform_admin')} areas={areas} />
      )}
    </AreaAdminPage>
  );
}
