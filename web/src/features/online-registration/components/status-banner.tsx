import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  ExclamationCircleFilled,
  InfoCircleOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { RegistrationReason, RegistrationView } from '@hqe/core';
import type { ReactNode } from 'react';
import { ButtonLink } from '../../../components/button-link';
import { formatInstant, formatPeriodEnd } from '../../../lib/format';
import { onlineRegistrationMessages as m } from '../messages';
import {
  confirmedNote,
  qualificationOutcome,
  supplementDeadlineText,
  supplementState,
} from '../qualification-review';

type Tone = 'success' | 'warning' | 'danger' | 'info';

function describe(view: RegistrationView): { tone: Tone; icon: ReactNode; text: string } {
  switch (view.status) {
    case 'draft':
      return { tone: 'info', icon: <InfoCircleOutlined aria-hidden />, text: m.statusDraft };
    case 'submitted':
      return {
        tone: 'warning',
        icon: <ClockCircleOutlined aria-hidden />,
        text: m.statusSubmitted,
      };
    case 'returned':
      return { tone: 'danger', icon: <CloseCircleFilled aria-hidden />, text: m.statusReturned };
    case 'abandoned':
      return { tone: 'danger', icon: <CloseCircleFilled aria-hidden />, text: m.statusAbandoned };
    case 'confirmed':
      return { tone: 'success', icon: <CheckCircleFilled aria-hidden />, text: m.statusConfirmed };
    case 'supplement_requested':
      return {
        tone: 'warning',
        icon: <ExclamationCircleFilled aria-hidden />,
        text: m.statusSupplement,
      };
    case 'qualified':
      return { tone: 'success', icon: <CheckCircleFilled aria-hidden />, text: m.statusQualified };
    case 'disqualified':
      return {
        tone: 'danger',
        icon: <CloseCircleFilled aria-hidden />,
        text: m.statusDisqualified,
      };
    case 'paid':
      return { tone: 'success', icon: <CheckCircleFilled aria-hidden />, text: m.statusPaid };
  }
}

/** The end of the last open window to resubmit a returned registration (registration or resubmission). */
function resubmitBy(view: RegistrationView): string | null {
  const ends = view.calendar
    .filter((p) => p.kind === 'registration' || p.kind === 'resubmission')
    .map((p) => p.endsAt)
    .sort();
  return ends.at(-1) ?? null;
}

function Reasons({ reasons }: { reasons: readonly RegistrationReason[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="or-reasons">
      {reasons.map((r) => (
        <li key={r.code}>
          <strong>{r.label}</strong>
          {r.explanation ? `：${r.explanation}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** 待补充材料: the slots the reviewer named (each with what was added), why, and by when. */
function SupplementRequest({
  view,
  onMaterialsStep,
}: {
  view: RegistrationView;
  onMaterialsStep: boolean;
}) {
  const state = supplementState(view);
  if (!state) return null;
  return (
    <div className="or-supplement">
      <ul className="or-supplement-slots">
        {state.slots.map((slot) => (
          <li key={slot.key}>
            <strong>{slot.label}</strong>
            <span className={slot.added > 0 ? 'or-ok' : 'or-muted'}>
              {slot.added > 0 ? (
                <>
                  <CheckCircleFilled aria-hidden /> {m.supplementSlotDone(slot.added)}
                </>
              ) : (
                m.supplementSlotTodo
              )}
            </span>
          </li>
        ))}
      </ul>
      {state.reasons.length > 0 && <p className="or-status-text">{m.reviewReasonsTitle}</p>}
      <Reasons reasons={state.reasons} />
      {state.note && <p className="or-status-text">{m.reviewerNote(state.note)}</p>}
      <p className="or-deadline">
        <strong>{supplementDeadlineText(state)}</strong>
      </p>
      {state.open && !onMaterialsStep && (
        <ButtonLink
          to="/registration/materials"
          type="primary"
          icon={<UploadOutlined aria-hidden />}
        >
          {m.toSupplement}
        </ButtonLink>
      )}
    </div>
  );
}

/**
 * 报名状态 on every step: 待确认 / 确认不通过 with the reasons / 报名确认 with a tick (R9); during
 * qualification review 待补充材料 with what the reviewer asked for (R19); once published, 资格审核
 * 通过 (green, then payment) or 不通过 with the reasons (R18).
 */
export function StatusBanner({
  view,
  onMaterialsStep = false,
}: {
  view: RegistrationView;
  onMaterialsStep?: boolean;
}) {
  const { tone, icon, text } = describe(view);
  const deadline = view.status === 'returned' ? resubmitBy(view) : null;
  const outcome =
    view.status === 'qualified' || view.status === 'disqualified'
      ? qualificationOutcome(view)
      : null;
  const confirmed = confirmedNote(view);
  return (
    <section className={`or-status is-${tone}`} aria-labelledby="or-status-title">
      <span className="or-status-icon">{icon}</span>
      <div className="or-status-body">
        {/* Only the status line is announced when it changes, not the whole banner. */}
        <h2 id="or-status-title" className="or-status-title" tabIndex={-1} aria-live="polite">
          {m.statusTitle}：{view.statusLabel}
        </h2>
        <p className="or-status-text">{text}</p>
        {confirmed && <p className="or-status-text">{confirmed}</p>}
        {view.status === 'returned' && <Reasons reasons={view.returnReasons} />}
        {view.status === 'returned' && view.returnNote && <p>{view.returnNote}</p>}
        {deadline && (
          <p className="or-deadline">
            <strong>{m.resubmitDeadline(formatPeriodEnd(deadline))}</strong>
          </p>
        )}
        {view.status === 'supplement_requested' && (
          <SupplementRequest view={view} onMaterialsStep={onMaterialsStep} />
        )}
        {outcome && (
          <>
            <Reasons reasons={outcome.reasons} />
            {outcome.note && <p className="or-status-text">{m.reviewerNote(outcome.note)}</p>}
            <p className="or-deadline">
              <strong>{outcome.next}</strong>
            </p>
          </>
        )}
        {view.status === 'submitted' &&
          view.autoConfirmation &&
          !view.autoConfirmation.passed &&
          view.autoConfirmation.reasons.length > 0 && (
            <div className="or-auto-confirm">
              <p>{m.autoConfirmFailedTitle(view.autoConfirmation.previousYear)}</p>
              <ul className="or-reasons">
                {view.autoConfirmation.reasons.map((r) => (
                  <li key={r.code}>{r.message}</li>
                ))}
              </ul>
              <p>{m.autoConfirmFailedWays}</p>
            </div>
          )}
        <p className="or-status-meta">
          {m.registrationNumber}：<span className="or-number">{view.registrationNumber}</span>
          {' · '}
          {view.examArea.name}
          {view.submittedAt && <> · {m.submittedAt(formatInstant(view.submittedAt))}</>}
          {view.confirmedAt && <> · {m.confirmedAt(formatInstant(view.confirmedAt))}</>}
        </p>
      </div>
    </section>
  );
}
