import { PageTitle } from '../../../../components/page-title';
import {
  EducationForm,
  ProfileGate,
  profileMessages as m,
} from '../../../../features/candidate-profile';

/** /me/education — 学历学位. */
export function MeEducationPage() {
  return (
    <>
      <PageTitle title={m.educationTitle} />
      <h1 className="page-title">{m.educationTitle}</h1>
      <p className="page-intro">{m.requiredNote}</p>
      <ProfileGate>{(profile) => <EducationForm profile={profile} />}</ProfileGate>
    </>
  );
}
