import { CheckCircleFilled } from '@ant-design/icons';
import type { RegistrationView } from '@hqe/core';
import { Alert, Button } from 'antd';
import { ButtonLink } from '../../../components/button-link';
import { QueryError } from '../../../components/query-error';
import { formatInstant } from '../../../lib/format';
import { useConfirmPhoto, useProfileForRegistration } from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';
import { MutationError } from './mutation-error';

/** 确认报名照片: the base photo of the basic information becomes the registration photo. */
export function PhotoStep({ view, onDone }: { view: RegistrationView; onDone: () => void }) {
  const profile = useProfileForRegistration();
  const confirm = useConfirmPhoto(view.cycle.id, view.id);
  if (profile.isError) {
    return <QueryError error={profile.error} onRetry={() => void profile.refetch()} />;
  }
  if (profile.isPending) return null;
  const base = profile.data.photo;
  return (
    <div className="or-photo">
      <p>{m.photoIntro}</p>
      {!base ? (
        <Alert className="form-alert" type="warning" showIcon title={m.photoMissing} />
      ) : (
        <div className="or-photo-row">
          <figure>
            <img src={base.url} alt={m.photoAlt} className="or-photo-img" />
            <figcaption>{m.photoAlt}</figcaption>
          </figure>
          {view.photo && (
            <figure>
              <img src={view.photo.url} alt={m.registrationPhotoAlt} className="or-photo-img" />
              <figcaption>{m.registrationPhotoAlt}</figcaption>
            </figure>
          )}
        </div>
      )}
      {view.photo && (
        <p className="or-ok">
          <CheckCircleFilled aria-hidden />{' '}
          {m.photoConfirmed(formatInstant(view.photo.confirmedAt))}
        </p>
      )}
      <MutationError error={confirm.error} />
      <div className="or-actions">
        {base && view.canEdit && (
          <Button
            type="primary"
            loading={confirm.isPending}
            onClick={() => confirm.mutate(undefined, { onSuccess: onDone })}
          >
            {m.confirmPhoto}
          </Button>
        )}
        <ButtonLink to="/me/photo">{m.changePhoto}</ButtonLink>
      </div>
    </div>
  );
}
