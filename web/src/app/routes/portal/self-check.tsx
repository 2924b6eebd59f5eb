import { PROFILE_PART_LABELS, type EligibilityProfileGap } from '@hqe/core';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { Loading } from '../../../components/loading';
import { PageTitle } from '../../../components/page-title';
import { QueryError } from '../../../components/query-error';
import { useSession } from '../../../features/auth';
import {
  profileMessages,
  useCandidateEligibilityProfile,
} from '../../../features/candidate-profile';
import { useCatalogOverview } from '../../../features/catalog';
import { eligibilityMessages, SelfCheck, type CycleOption } from '../../../features/eligibility';
import { isCandidate } from '../../../lib/permissions';

const m = eligibilityMessages;

const gapLabel = (gap: EligibilityProfileGap) =>
  gap === 'identityDocument' ? profileMessages.identityDocumentPart : PROFILE_PART_LABELS[gap];

/**
 * 报考条件自测: the candidate checks a specialty's conditions before registering. No login needed;
 * a logged-in candidate starts from the basic information saved in 个人中心.
 */
export function SelfCheckPage() {
  const overview = useCatalogOverview();
  const session = useSession();
  const candidate = isCandidate(session.data?.account);
  const prefill = useCandidateEligibilityProfile({ enabled: candidate });
  const cycles: CycleOption[] =
    overview.data?.exams.flatMap((exam) =>
      exam.cycles.map((c) => ({ id: c.id, name: c.name, workYearsCutoff: c.workYearsCutoff })),
    ) ?? [];
  const waiting = overview.isPending || session.isPending || (candidate && prefill.isPending);

  return (
    <div className="sc-page">
      <PageTitle title={m.title} />
      <section className="hero" aria-labelledby="self-check-title">
        <h1 id="self-check-title" className="page-title">
          {m.title}
        </h1>
        <p className="hero-intro">{m.intro}</p>
        <p className="sc-privacy">{m.privacy}</p>
        <p className="sc-privacy">{m.requiredNote}</p>
      </section>
      {waiting ? (
        <Loading />
      ) : overview.isError ? (
        <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : cycles.length === 0 ? (
        <Alert type="info" showIcon title={m.noCycle} />
      ) : (
        <div className="stack">
          {candidate && prefill.isError && (
            <Alert type="warning" showIcon title={profileMessages.prefillFailed} />
          )}
          {candidate && prefill.data && (
            <Alert
              type="info"
              showIcon
              title={profileMessages.prefillTitle}
              description={
                <>
                  <p>{profileMessages.prefillText}</p>
                  {!prefill.data.complete && (
                    <p>
                      {profileMessages.prefillMissing(
                        prefill.data.missing.map(gapLabel).join('、'),
                      )}
                      <Link to="/me">{profileMessages.prefillGoToProfile}</Link>
                    </p>
                  )}
                </>
              }
            />
          )}
          <SelfCheck
            key={prefill.data ? 'prefilled' : 'blank'}
            cycles={cycles}
            initialProfile={prefill.data?.profile}
          />
        </div>
      )}
    </div>
  );
}
