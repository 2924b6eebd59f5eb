import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { RegistrationView } from '@hqe/core';
import type { ReactNode } from 'react';
import { StatusTag, type Tone } from '../../../components/status-tag';
import { onlineRegistrationMessages as m } from '../messages';

type Eligibility = NonNullable<RegistrationView['eligibility']>;
type Outcome = Eligibility['lines'][number]['outcome'];

const OUTCOME: Record<Outcome, { tone: Tone; icon: ReactNode }> = {
  met: { tone: 'success', icon: <CheckCircleFilled aria-hidden className="sc-icon-met" /> },
  not_met: { tone: 'danger', icon: <CloseCircleFilled aria-hidden className="sc-icon-not-met" /> },
  review: {
    tone: 'warning',
    icon: <ExclamationCircleFilled aria-hidden className="sc-icon-review" />,
  },
};
const ORDER: readonly Outcome[] = ['not_met', 'review', 'met'];

/** The eligibility of the chosen specialty, line by line as the self-check explains it. */
export function EligibilityLines({ view }: { view: RegistrationView }) {
  const result = view.eligibility;
  if (!result) {
    return view.eligibilityNote ? <p className="or-muted">{view.eligibilityNote}</p> : null;
  }
  const verdict = result.eligible ? 'met' : 'not_met';
  const title = result.eligible ? m.eligible : m.notEligible;
  const reviews = result.lines.filter((l) => l.outcome === 'review').length;
  const className = { met: 'is-eligible', not_met: 'is-not-eligible', review: 'is-review' }[
    verdict
  ];
  const lines = [...result.lines].sort(
    (a, b) => ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome),
  );
  return (
    <section aria-labelledby="or-eligibility-title" className="or-eligibility">
      <h3 id="or-eligibility-title" className="sc-subtitle">
        {m.eligibilityTitle}
      </h3>
      <div className={`sc-verdict ${className}`}>
        <span className="sc-verdict-icon">{OUTCOME[verdict].icon}</span>
        <div>
          <p className="sc-verdict-title">{title}</p>
          {result.eligible && result.needsReview && reviews > 0 && (
            <p className="sc-verdict-text">{m.needsReview(reviews)}</p>
          )}
        </div>
      </div>
      <ul className="sc-lines">
        {lines.map((line) => (
          <li key={line.ruleId} className={`sc-line is-${line.outcome.replace('_', '-')}`}>
            <div className="sc-line-head">
              {OUTCOME[line.outcome].icon}
              <h4 className="sc-line-title">{line.title}</h4>
              <StatusTag tone={OUTCOME[line.outcome].tone}>{m.outcome[line.outcome]}</StatusTag>
            </div>
            <dl className="sc-facts">
              <dt>{m.required}</dt>
              <dd>{line.required}</dd>
              <dt>{m.actual}</dt>
              <dd>{line.actual}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
