import { PageTitle } from '../../../../components/page-title';
import {
  DeclarationsForm,
  PersonalForm,
  ProfileGate,
  profileMessages as m,
} from '../../../../features/candidate-profile';
import { SITE } from '../../../../lib/site';

/** The area's city for plain wording (上海考区 → 上海). */
const CITY = SITE.areaName.replace(/考区$/, '');

/** /me/personal — 个人信息 and 诚信声明. */
export function MePersonalPage() {
  return (
    <>
      <PageTitle title={m.personalTitle} />
      <h1 className="page-title">{m.personalTitle}</h1>
      <p className="page-intro">{m.requiredNote}</p>
      <ProfileGate>
        {(profile) => (
          <>
            <PersonalForm profile={profile} city={CITY} />
            <DeclarationsForm profile={profile} />
          </>
        )}
      </ProfileGate>
    </>
  );
}
