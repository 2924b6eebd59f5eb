import { PageTitle } from '../../../../components/page-title';
import {
  PhotoUpload,
  ProfileGate,
  profileMessages as m,
} from '../../../../features/candidate-profile';

/** /me/photo — 基本照片. */
export function MePhotoPage() {
  return (
    <>
      <PageTitle title={m.photoTitle} />
      <h1 className="page-title">{m.photoTitle}</h1>
      <ProfileGate>{(profile) => <PhotoUpload profile={profile} />}</ProfileGate>
    </>
  );
}
