import { SectionCard } from '../../../components/section-card';
import { AreaScope, CityList, ExamAreaList, examAdminMessages } from '../../../features/exam-admin';
import { canAdministerExamArea } from '../../../lib/permissions';
import { appMessages } from '../../messages';
import { AreaAdminPage } from './area-admin-page';

const m = appMessages.console;

/**
 * 考区与报名地市: platform admins add and rename exam areas; every area's registration cities are
 * kept by its area admins (their own area) and platform admins (the area they pick).
 */
export function ExamAreasAdminPage() {
  return (
    <AreaAdminPage
      title={m.examAreasAdmin}
      allowed={canAdministerExamArea}
      intro={(account, isPlatformAdmin) =>
        isPlatformAdmin
          ? m.examAreasAdminIntroPlatform
          : m.examAreasAdminIntroArea(account.examArea?.name ?? m.allAreas)
      }
    >
      {({ account, areas, areasPending }) => (
        <div className="stack">
          {account.roles.includes('platform_admin') && (
            <SectionCard title={examAdminMessages.examAreasTitle}>
              <ExamAreaList areas={areas} pending={areasPending} />
            </SectionCard>
          )}
          <AreaScope actor={account} areas={areas} areasPending={areasPending}>
            {(area) => (
              <SectionCard title={examAdminMessages.citiesTitle(area.name)}>
                <CityList area={area} />
              </SectionCard>
            )}
          </AreaScope>
        </div>
      )}
    </AreaAdminPage>
  );
}
