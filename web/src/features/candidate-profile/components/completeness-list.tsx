import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { CandidateProfileView, ProfilePart } from '@hqe/core';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { ButtonLink } from '../../../components/button-link';
import { SectionCard } from '../../../components/section-card';
import { formatInstant } from '../../../lib/format';
import { profileMessages as m } from '../messages';

/** Where each part is filled in, under /me. */
export const PART_PATHS: Record<ProfilePart, string> = {
  personal: '/me/personal',
  declarations: '/me/personal',
  photo: '/me/photo',
  education: '/me/education',
  currentEmployer: '/me/work',
  workHistory: '/me/work',
  qualifications: '/me/qualifications',
  earlyApplicationClaims: '/me/qualifications',
};

/** The overview: each part of the basic information, done or to do, with a link to it. */
export function CompletenessList({ profile }: { profile: CandidateProfileView }) {
  const { completeness } = profile;
  return (
    <SectionCard title={m.partsTitle}>
      {completeness.complete ? (
        <Alert type="success" showIcon title={m.completeTitle} description={m.completeText} />
      ) : (
        <Alert type="info" showIcon title={m.incompleteTitle(completeness.missing.length)} />
      )}
      <ul className="me-parts">
        {completeness.parts.map((part) => (
          <li key={part.part} className={part.complete ? 'me-part-done' : 'me-part-todo'}>
            {part.complete ? (
              <CheckCircleFilled aria-hidden className="me-part-icon" />
            ) : (
              <ExclamationCircleFilled aria-hidden className="me-part-icon" />
            )}
            <div className="me-part-body">
              <div className="me-part-head">
                <span className="me-part-label">{part.label}</span>
                <span className="me-part-status">{part.complete ? m.partDone : m.partTodo}</span>
              </div>
              {part.hint && <p className="me-part-hint">{part.hint}</p>}
            </div>
            <Link to={PART_PATHS[part.part]} className="me-part-link">
              {part.complete ? m.goEdit(part.label) : m.goFill(part.label)}
            </Link>
          </li>
        ))}
      </ul>
      {profile.updatedAt && (
        <p className="me-note">{m.lastSaved(formatInstant(profile.updatedAt))}</p>
      )}
      <ButtonLink to="/self-check" type={completeness.complete ? 'primary' : 'default'}>
        {m.selfCheckLink}
      </ButtonLink>
    </SectionCard>
  );
}
