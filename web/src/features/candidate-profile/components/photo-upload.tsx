import { CheckCircleFilled, CloseCircleFilled, UploadOutlined } from '@ant-design/icons';
import { PHOTO_CHECK_LABELS, type CandidateProfileView, type PhotoCheckResult } from '@hqe/core';
import { Alert, Button, Upload } from 'antd';
import { useState } from 'react';
import { SectionCard } from '../../../components/section-card';
import { errorMessageOf, isApiError } from '../../../lib/api-client';
import { formatInstant } from '../../../lib/format';
import { useUploadPhoto } from '../api/profile';
import { profileMessages as m } from '../messages';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,image/heic,image/heif,.jpg,.jpeg,.png,.heic,.heif';

/** The file's bytes as base64 (without the data-URL prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function checksOf(error: unknown): PhotoCheckResult[] {
  if (!isApiError(error, 'photo_rejected', 'unsupported_media_type')) return [];
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('checks' in details)) return [];
  return Array.isArray(details.checks) ? (details.checks as PhotoCheckResult[]) : [];
}

type Outcome =
  | { kind: 'saved'; checks: PhotoCheckResult[] }
  | { kind: 'rejected'; message: string; checks: PhotoCheckResult[] };

/** Each check, passed or not, with what was found and what to do. */
function CheckList({ checks }: { checks: PhotoCheckResult[] }) {
  return (
    <ul className="me-checks" aria-label={m.checksTitle}>
      {checks.map((c) => (
        <li key={c.check} className={c.passed ? 'me-check-passed' : 'me-check-failed'}>
          {c.passed ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}
          <span>
            <strong>
              {PHOTO_CHECK_LABELS[c.check]}：{c.passed ? m.checkPassed : m.checkFailed}
            </strong>
            <span className="me-check-message">{c.message}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** 基本照片: the requirements, the upload with each check's result, and the stored photo. */
export function PhotoUpload({ profile }: { profile: CandidateProfileView }) {
  const upload = useUploadPhoto();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const locked = profile.locked !== null;
  const photo = profile.photo;

  const send = async (file: File) => {
    setOutcome(null);
    if (file.size > MAX_BYTES) {
      setOutcome({ kind: 'rejected', message: m.photoTooLarge, checks: [] });
      return;
    }
    let content: string;
    try {
      content = await readBase64(file);
    } catch {
      setOutcome({ kind: 'rejected', message: m.photoReadFailed, checks: [] });
      return;
    }
    upload.mutate(content, {
      onSuccess: (result) => setOutcome({ kind: 'saved', checks: result.checks }),
      onError: (error) =>
        setOutcome({ kind: 'rejected', message: errorMessageOf(error), checks: checksOf(error) }),
    });
  };

  return (
    <div className="stack">
      <SectionCard title={m.photoRulesTitle}>
        <p>{m.photoIntro}</p>
        <ul className="me-rules">
          {m.photoRules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
        {!locked && (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>
              {upload.isPending ? m.uploading : photo ? m.changePhoto : m.choosePhoto}
            </Button>
          </Upload>
        )}
        <div role="status" aria-live="polite" className="me-photo-outcome">
          {outcome?.kind === 'saved' && (
            <Alert
              type="success"
              showIcon
              title={m.photoSavedTitle}
              description={<CheckList checks={outcome.checks} />}
            />
          )}
          {outcome?.kind === 'rejected' && (
            <Alert
              type="error"
              showIcon
              title={m.photoRejectedTitle}
              description={
                <>
                  <p>{outcome.message}</p>
                  {outcome.checks.length > 0 && <CheckList checks={outcome.checks} />}
                  {photo && <p>{m.photoKeptPrevious}</p>}
                </>
              }
            />
          )}
        </div>
      </SectionCard>
      <SectionCard title={m.currentPhoto}>
        {photo ? (
          <figure className="me-photo">
            <img
              src={photo.url}
              alt={m.photoAlt}
              width={photo.width}
              height={photo.height}
              className="me-photo-img"
            />
            <figcaption>
              {m.photoSize(photo.width, photo.height, Math.round(photo.sizeBytes / 1024))}
              <br />
              {m.uploadedAt(formatInstant(photo.uploadedAt))}
            </figcaption>
          </figure>
        ) : (
          <p>{m.noPhoto}</p>
        )}
      </SectionCard>
    </div>
  );
}
