import { PageTitle } from '../../../../components/page-title';
import {
  EmployerForm,
  ProfileGate,
  WorkHistoryForm,
  profileMessages as m,
} from '../../../../features/candidate-profile';
import { SITE } from '../../../../lib/site';

const CITY = SITE.areaName.replace(/考区$/, '');
const TITLE = '工作经历';

/** /me/work — 现工作单位 and 工作经历. */
export function MeWorkPage() {
  return (
    <>
      <PageTitle title={TITLE} />
      <h1 className="page-title">{TITLE}</h1>
      <p className="page-intro">{m.requiredNote}</p>
      <ProfileGate>
        {(profile) => (
          <>
            <EmployerForm profile={profile} />
            <WorkHistoryForm profile={profile} city={CITY} />
          </>
        )}
      </ProfileGate>
    </>
  );
}
