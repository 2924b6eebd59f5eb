import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  InfoCircleOutlined,
} from '@ant-design/icons';
import type { RegistrationView } from '@hqe/core';
import type { ReactNode } from 'react';
import { formatInstant } from '../../../lib/format';
import { onlineRegistrationMessages as m } from '../messages';

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
    case 'qualified':
    case 'disqualified':
    case 'paid':
      return { tone: 'info', icon: <InfoCircleOutlined aria-hidden />, text: m.statusOther };
  }
}

/** 报名状态: 待确认 / 确认不通过 with the reasons / 报名确认 with a tick (R9), on every step. */
export function StatusBanner({ view }: { view: RegistrationView }) {
  const { tone, icon, text } = describe(view);
  return (
    <section className={`or-status is-${tone}`} aria-labelledby="or-status-title" role="status">
      <span className="or-status-icon">{icon}</span>
      <div className="or-status-body">
        <h2 id="or-status-title" className="or-status-title">
          {m.statusTitle}：{view.statusLabel}
        </h2>
        <p className="or-status-text">{text}</p>
        {view.status === 'returned' && view.returnReasons.length > 0 && (
          <ul className="or-reasons">
            {view.returnReasons.map((r) => (
              <li key={r.code}>
                <strong>{r.label}</strong>
                {r.explanation ? `：${r.explanation}` : ''}
              </li>
            ))}
          </ul>
        )}
        {view.status === 'returned' && view.returnNote && <p>{view.returnNote}</p>}
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
