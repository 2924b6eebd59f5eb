import { StaffManagement } from '../../../features/staff';
import { canManageStaff } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { AreaAdminPage } from './area-admin-page';

const m = appMessages.console;

/** 人员管理 for platform admins (all areas) and area admins (their own area). */
export function StaffPage() {
  return (
    <AreaAdminPage
      title={m.staffTitle}
      allowed={canManageStaff}
      intro={(account, isPlatformAdmin) =>
        isPlatformAdmin
          ? m.staffIntroPlatform
          : m.staffIntroArea(account.examArea?.name ?? m.allAreas)
      }
    >
      {({ account, areas }) => <StaffManagement actor={account} areas={areas} />}
    </AreaAdminPage>
  );
}
