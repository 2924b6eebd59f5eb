import { PageTitle } from '../../../../components/page-title';
import {
  CompletenessList,
  ProfileGate,
  profileMessages as m,
} from '../../../../features/candidate-profile';

/** /me — what is filled in and what is still to do. */
export function MeOverviewPage() {
  return (
    <>
      <PageTitle title={m.overviewTitle} />
      <h1 className="page-title">{m.overviewTitle}</h1>
      <p className="page-intro">{m.overviewIntro}</p>
      <ProfileGate>{(profile) => <CompletenessList profile={profile} />}</ProfileGate>
    </>
  );
}
