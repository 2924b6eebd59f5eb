import { PageTitle } from '../../../../components/page-title';
import {
  ClaimsForm,
  ProfileGate,
  QualificationsForm,
  profileMessages as m,
} from '../../../../features/candidate-profile';

const TITLE = '资格与职称';

/** /me/qualifications — 执业资格与职称 and 提前申报情况. */
export function MeQualificationsPage() {
  return (
    <>
      <PageTitle title={TITLE} />
      <h1 className="page-title">{TITLE}</h1>
      <p className="page-intro">{m.requiredNote}</p>
      <ProfileGate>
        {(profile) => (
          <>
            <QualificationsForm profile={profile} />
            <ClaimsForm profile={profile} />
          </>
        )}
      </ProfileGate>
    </>
  );
}
