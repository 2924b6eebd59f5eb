import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { ReviewRegistration } from '@hqe/core';
import type { ReactNode } from 'react';
import { StatusTag, type Tone } from '../../../components/status-tag';
import { reviewMessages as m } from '../messages';

type Eligibility = NonNullable<ReviewRegistration['eligibility']>;
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

function LineList({ lines }: { lines: Eligibility['lines'] }) {
  return (
    <ul className="sc-lines">
      {lines.map((line) => (
        <li key={line.ruleId} className={`sc-line is-${line.outcome.replace('_', '-')}`}>
          <div className="sc-line-head">
            {OUTCOME[line.outcome].icon}
            <h3 className="sc-line-title">{line.title}</h3>
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
  );
}

/** The eligibility result stored at submission, line by line, in the self-check's look. */
export function EligibilityLines({ eligibility }: { eligibility: Eligibility | null }) {
  if (!eligibility) return <p className="muted">{m.noEligibility}</p>;
  const verdict: Outcome = eligibility.eligible ? 'met' : 'not_met';
  const reviews = eligibility.lines.filter((l) => l.outcome === 'review').length;
  // Lines the reviewer must check come first; the met ones fold away below them.
  const lines = [...eligibility.lines].sort(
    (a, b) => ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome),
  );
  const attention = lines.filter((l) => l.outcome !== 'met');
  const met = lines.filter((l) => l.outcome === 'met');
  return (
    <>
      <div className={`sc-verdict ${eligibility.eligible ? 'is-eligible' : 'is-not-eligible'}`}>
        <span className="sc-verdict-icon">{OUTCOME[verdict].icon}</span>
        <div>
          <p className="sc-verdict-title">{eligibility.eligible ? m.eligible : m.notEligible}</p>
          {reviews > 0 && <p className="sc-verdict-text">{m.needsReview(reviews)}</p>}
        </div>
      </div>
      {attention.length > 0 && <LineList lines={attention} />}
      {met.length > 0 && (
        <details className="rv-met-lines">
          <summary>{m.metLines(met.length, attention.length > 0)}</summary>
          <LineList lines={met} />
        </details>
      )}
    </>
  );
}
