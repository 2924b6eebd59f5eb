import { ArrowLeftOutlined } from '@ant-design/icons';
import type { AccountView, MaterialSlotKey, ReviewRegistration } from '@hqe/core';
import { Alert, Descriptions, Flex, Result } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ButtonLink } from '../../../components/button-link';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { SectionCard } from '../../../components/section-card';
import { StatusTag } from '../../../components/status-tag';
import { isApiError } from '../../../lib/api-client';
import { formatInstant } from '../../../lib/format';
import { useCatalogOverview } from '../api/lookups';
import { useReviewRegistration } from '../api/review';
import { claimStateOf } from '../claim';
import { cyclesOfArea, phaseStart } from '../cycles';
import { parseQueueParams, toQueueParams, type QueueState } from '../filters';
import { reviewMessages as m } from '../messages';
import { reviewStagesFor, stageOfStatus } from '../stages';
import { ChangesSinceReturn } from './changes-since-return';
import { ClaimBar } from './claim-bar';
import { DecisionPanel } from './decision-panel';
import { EligibilityLines } from './eligibility-lines';
import { MaterialsViewer } from './materials-viewer';
import { RegistrationStatusTag } from './registration-status';
import { ReviewTimeline } from './review-timeline';

const text = (value: string | null | undefined) => (value ? value : m.none);

function CandidateCard({ r }: { r: ReviewRegistration }) {
  const c = r.candidate;
  return (
    <SectionCard title={m.candidateSection}>
      <div className="rv-candidate">
        {r.photoUrl ? (
          <img className="rv-photo" src={r.photoUrl} alt={m.photoAlt(c.name)} />
        ) : (
          <div className="rv-photo is-missing">{m.noPhoto}</div>
        )}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 2, lg: 1, xl: 1, xxl: 2 }}
          items={[
            { key: 'name', label: m.name, children: c.name },
            { key: 'docType', label: m.documentType, children: c.documentTypeLabel },
            {
              key: 'doc',
              label: m.documentNumber,
              children: <span className="mono">{c.documentNumberMasked}</span>,
            },
            {
              key: 'gender',
              label: m.gender,
              children: c.gender ? m.genderLabels[c.gender] : m.none,
            },
            { key: 'birth', label: m.birthDate, children: text(c.birthDate) },
            {
              key: 'mobile',
              label: m.mobile,
              children: <span className="mono">{c.mobileMasked}</span>,
            },
          ]}
        />
      </div>
    </SectionCard>
  );
}

function RegistrationCard({ r }: { r: ReviewRegistration }) {
  return (
    <SectionCard title={m.registrationSection}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 2, lg: 1, xl: 1, xxl: 2 }}
        items={[
          { key: 'cycle', label: m.cycle, children: r.cycle.name },
          { key: 'area', label: m.examArea, children: r.examArea.name },
          { key: 'city', label: m.city, children: text(r.city?.name) },
          { key: 'site', label: m.testSite, children: text(r.testSite?.name) },
          {
            key: 'specialty',
            label: m.specialty,
            children: r.specialty ? `${r.specialty.code} ${r.specialty.name}` : m.none,
          },
          { key: 'level', label: m.level, children: text(r.specialty?.levelLabel) },
          {
            key: 'subjects',
            label: m.subjects,
            children: r.specialty?.subjects.length ? r.specialty.subjects.join('、') : m.none,
          },
          { key: 'submitted', label: m.submittedAt, children: formatInstant(r.submittedAt) },
          ...r.info.map((row, i) => ({
            key: `info-${i}`,
            label: row.label,
            children: text(row.value),
          })),
        ]}
      />
    </SectionCard>
  );
}

function ProfileCard({ r }: { r: ReviewRegistration }) {
  if (r.profile.length === 0) return null;
  return (
    <SectionCard title={m.profileSection}>
      <div className="rv-profile">
        {r.profile.map((section) => (
          <section key={section.title} className="rv-profile-section">
            <h3 className="rv-subtitle">{section.title}</h3>
            {section.rows.length === 0 ? (
              <p className="muted">{m.none}</p>
            ) : (
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, md: 2, lg: 1, xl: 1, xxl: 2 }}
                items={section.rows.map((row, i) => ({
                  key: `${section.title}-${i}`,
                  label: row.label,
                  children: text(row.value),
                }))}
              />
            )}
          </section>
        ))}
      </div>
    </SectionCard>
  );
}

function AutoConfirmationCard({ r }: { r: ReviewRegistration }) {
  const auto = r.autoConfirmation;
  if (!auto) return null;
  return (
    <SectionCard title={m.autoConfirmSection}>
      {auto.passed ? (
        <p>{m.autoConfirmPassed(auto.previousYear)}</p>
      ) : (
        <>
          <p>{m.autoConfirmFailed(auto.previousYear)}</p>
          <ul className="rv-reason-lines">
            {auto.reasons.map((reason) => (
              <li key={reason.code}>{reason.message}</li>
            ))}
          </ul>
        </>
      )}
    </SectionCard>
  );
}

/** The qualification result already recorded, and a pending supplement request. */
function QualificationState({ r }: { r: ReviewRegistration }) {
  const decision = r.qualificationDecision;
  const supplement = r.supplement;
  if (!decision && !supplement) return null;
  return (
    <>
      {decision && (
        <Alert
          type={decision.result === 'qualified' ? 'success' : 'warning'}
          showIcon
          title={m.qualificationRecorded(
            m.qualificationResult[decision.result],
            formatInstant(decision.decidedAt),
          )}
          description={
            <>
              {decision.reasons.length > 0 && (
                <ul className="rv-reason-lines">
                  {decision.reasons.map((reason) => (
                    <li key={reason.code}>{reason.label}</li>
                  ))}
                </ul>
              )}
              {decision.note && <p className="rv-note">{decision.note}</p>}
              <p>
                {decision.publishedToCandidate
                  ? m.qualificationPublished
                  : m.qualificationUnpublished}
              </p>
            </>
          }
        />
      )}
      {supplement && (
        <Alert
          type="info"
          showIcon
          title={m.supplementRequested(formatInstant(supplement.requestedAt))}
          description={
            <>
              <p>
                {supplement.slots
                  .map((key) => r.materialSlots.find((s) => s.key === key)?.label ?? key)
                  .join('、')}
              </p>
              {supplement.note && <p className="rv-note">{supplement.note}</p>}
            </>
          }
        />
      )}
    </>
  );
}

/**
 * 审核报名: one screen with the header and the claim, the candidate's data as submitted, the
 * eligibility lines, the changes of a resubmission, the materials side by side, the decision and
 * the history.
 */
export function ReviewRegistrationScreen({ id, account }: { id: number; account: AccountView }) {
  const [params] = useSearchParams();
  const stages = reviewStagesFor(account);
  const queue: QueueState = parseQueueParams(
    params,
    stages.map((s) => s.stage),
  );
  const registration = useReviewRegistration(id);
  const overview = useCatalogOverview();
  const [showSlot, setShowSlot] = useState<{ key: MaterialSlotKey; at: number } | null>(null);

  if (registration.isPending) return <Loading />;
  if (registration.isError) {
    if (isApiError(registration.error, 'not_found', 'validation_failed')) {
      return (
        <Result
          status="404"
          title={<h2 className="result-title">{m.notFound}</h2>}
          extra={
            <ButtonLink type="primary" to={`/console/review?${toQueueParams(queue).toString()}`}>
              {m.backToQueue}
            </ButtonLink>
          }
        />
      );
    }
    return (
      <QueryError
        error={registration.error}
        title={m.loadFailed}
        onRetry={() => void registration.refetch()}
      />
    );
  }

  const r = registration.data;
  const stage = stageOfStatus(r.status);
  const access = stages.find((s) => s.stage === stage);
  // The queue the reviewer came from (its address names the stage), else the status's stage.
  const inQueue: QueueState = {
    ...queue,
    stage:
      !params.has('stage') && stage && stages.some((s) => s.stage === stage) ? stage : queue.stage,
    cycleId: r.cycle.id,
  };
  const queueHref = `/console/review?${toQueueParams(inQueue).toString()}`;
  const canClaim = access?.canDecide === true && r.actions.length > 0;
  const areaCycles = overview.data ? cyclesOfArea(overview.data, r.examArea.id) : [];
  const publication = phaseStart(
    areaCycles.find((c) => c.id === r.cycle.id) ?? null,
    'results_publication',
  );
  const resubmission = r.lastReturn !== null && r.status === 'submitted';
  const claim = claimStateOf(r.claim);

  return (
    <div className="rv-detail-page">
      <ButtonLink to={queueHref} icon={<ArrowLeftOutlined aria-hidden />} className="rv-back">
        {m.backToQueue}
      </ButtonLink>

      <section className="rv-head" aria-label={m.registrationNumber}>
        <Flex gap={12} wrap align="center">
          <span className="rv-head-number">
            <span className="rv-head-label">{m.registrationNumber}</span>
            <span className="mono">{r.registrationNumber}</span>
          </span>
          <RegistrationStatusTag status={r.status} label={r.statusLabel} />
          {resubmission && <StatusTag tone="warning">{m.flagResubmitted}</StatusTag>}
        </Flex>
        <p className="rv-head-who">
          <strong>{r.candidate.name}</strong>
          <span className="muted">
            {[
              r.specialty
                ? `${r.specialty.code} ${r.specialty.name}（${r.specialty.levelLabel}）`
                : null,
              r.city?.name,
              r.submittedAt ? `${m.submittedAt} ${formatInstant(r.submittedAt)}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </p>
        <ClaimBar
          registration={r}
          canClaim={canClaim}
          onRefresh={() => void registration.refetch()}
        />
      </section>

      <div className="rv-detail">
        <div className="rv-detail-main">
          {(resubmission || r.changesSinceReturn.length > 0) && (
            <SectionCard title={m.changesSection} className="rv-changes-card">
              <ChangesSinceReturn
                registration={r}
                onShowSlot={(key) => setShowSlot({ key, at: Date.now() })}
              />
            </SectionCard>
          )}
          <CandidateCard r={r} />
          <RegistrationCard r={r} />
          <SectionCard title={m.eligibilitySection}>
            <EligibilityLines eligibility={r.eligibility} />
          </SectionCard>
          <AutoConfirmationCard r={r} />
          <SectionCard title={m.decisionSection} className="rv-decision-card">
            <div className="stack">
              <QualificationState r={r} />
              <DecisionPanel
                key={r.id}
                registration={r}
                queue={inQueue}
                publicationStartsAt={publication}
                heldBy={
                  claim.kind === 'other'
                    ? { name: claim.reviewerName, until: claim.expiresAt }
                    : null
                }
                emptyText={access?.canDecide === true ? m.decisionNotAvailable : m.decisionReadOnly}
                onReload={() => void registration.refetch()}
              />
            </div>
          </SectionCard>
          <ProfileCard r={r} />
          <SectionCard title={m.timelineSection}>
            <ReviewTimeline entries={r.timeline} />
          </SectionCard>
        </div>
        <div className="rv-detail-side">
          <SectionCard title={m.materialsSection} className="rv-materials-card">
            <MaterialsViewer slots={r.materialSlots} show={showSlot} />
          </SectionCard>
        </div>
      </div>
    </div>
  );
}
