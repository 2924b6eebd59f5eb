import {
  canViewReviewDashboard,
  ReviewDashboardView,
  reviewOversightMessages as m,
} from '../../../features/review-oversight';
import { AreaAdminPage } from './area-admin-page';

/** 审核统计: an exam area's registrations and review work, with the Excel export (issue #6). */
export function ReviewDashboardPage() {
  return (
    <AreaAdminPage
      title={m.title}
      allowed={canViewReviewDashboard}
      intro={(account, isPlatformAdmin) =>
        isPlatformAdmin ? m.introPlatform : m.intro(account.examArea?.name ?? '')
      }
    >
      {({ account, areas, areasPending }) => (
        <ReviewDashboardView account={account} areas={areas} areasPending={areasPending} />
      )}
    </AreaAdminPage>
  );
}
