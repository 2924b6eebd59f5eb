import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  FileTextOutlined,
} from '@ant-design/icons';
import { ELIGIBILITY_LABELS, type EligibilityCheckResponse } from '@hqe/core';
import { Alert, Button } from 'antd';
import type { ReactNode, Ref } from 'react';
import { StatusTag, type Tone } from '../../../components/status-tag';
import { formatInstant } from '../../../lib/format';
import { eligibilityMessages as m } from '../messages';
import { isRoutineReview, verdictOf, type Verdict } from '../verdict';

type Line = EligibilityCheckResponse['lines'][number];
type Outcome = Line['outcome'];

const OUTCOME: Record<Outcome, { tone: Tone; icon: ReactNode }> = {
  met: { tone: 'success', icon: <CheckCircleFilled aria-hidden className="sc-icon-met" /> },
  not_met: { tone: 'danger', icon: <CloseCircleFilled aria-hidden className="sc-icon-not-met" /> },
  review: {
    tone: 'warning',
    icon: <ExclamationCircleFilled aria-hidden className="sc-icon-review" />,
  },
};

const VERDICT: Record<Verdict, { title: string; className: string; icon: ReactNode }> = {
  eligible: { title: m.verdictEligible, className: 'is-eligible', icon: OUTCOME.met.icon },
  not_eligible: {
    title: m.verdictNotEligible,
    className: 'is-not-eligible',
    icon: OUTCOME.not_met.icon,
  },
  review: { title: m.verdictReview, className: 'is-review', icon: OUTCOME.review.icon },
};

/** Lines are shown by outcome, what is not met first; within a group, in the engine's order. */
const GROUP_ORDER: readonly Outcome[] = ['not_met', 'review', 'met'];

function verdictText(verdict: Verdict, lines: readonly Line[]): string {
  const titles = (pick: (l: Line) => boolean) =>
    [...new Set(lines.filter(pick).map((l) => l.title))].join('、');
  switch (verdict) {
    case 'eligible':
      return m.verdictEligibleText(lines.filter((l) => l.outcome === 'review').length);
    case 'not_eligible': {
      const notMet = lines.filter((l) => l.outcome === 'not_met');
      const dates = notMet.map((l) => l.metOn);
      const allDated = dates.every((d) => d !== undefined);
      const latest = allDated ? dates.sort().at(-1) : undefined;
      const text = m.verdictNotEligibleText(titles((l) => l.outcome === 'not_met'));
      return latest ? `${text}${m.verdictMetOn(latest)}` : text;
    }
    case 'review':
      return m.verdictReviewText(titles((l) => l.outcome === 'review' && !isRoutineReview(l)));
  }
}

function LineItem({ line }: { line: Line }) {
  const outcome = OUTCOME[line.outcome];
  return (
    <li className={`sc-line is-${line.outcome.replace('_', '-')}`}>
      <div className="sc-line-head">
        {outcome.icon}
        <h4 className="sc-line-title">{line.title}</h4>
        <StatusTag tone={outcome.tone}>{m.outcome[line.outcome]}</StatusTag>
      </div>
      <dl className="sc-facts">
        <dt>{m.required}</dt>
        <dd>{line.required}</dd>
        <dt>{m.actual}</dt>
        <dd>{line.actual}</dd>
        {line.metOn && (
          <>
            <dt>{m.metOnLabel}</dt>
            <dd className="sc-met-on">{m.metOn(line.metOn)}</dd>
          </>
        )}
        <dt>{m.source}</dt>
        <dd className="sc-source">
          {line.source.document}
          {line.source.certainty === 'uncertain' && (
            <>
              {' '}
              <StatusTag tone="neutral">{m.uncertain}</StatusTag>
              <span className="sc-source-hint">{m.uncertainHint}</span>
            </>
          )}
        </dd>
      </dl>
    </li>
  );
}

interface Props {
  result: EligibilityCheckResponse;
  checkedAt: Date;
  /** The form changed after this result was computed. */
  stale: boolean;
  onEdit: () => void;
  ref?: Ref<HTMLElement>;
}

/** The verdict, one explained line per rule, and the materials to prepare. */
export function EligibilityResult({ result, checkedAt, stale, onEdit, ref }: Props) {
  const verdict = verdictOf(result);
  const shown = VERDICT[verdict];
  const count = (outcome: Outcome) => result.lines.filter((l) => l.outcome === outcome).length;
  const { cycle, examArea, specialty } = result.checkedAgainst;
  const specialtyText = `${specialty.code} ${specialty.name}（${ELIGIBILITY_LABELS.level[specialty.level]}）`;

  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="sc-result"
      aria-labelledby="self-check-result-title"
    >
      <h2 id="self-check-result-title" className="sc-result-title">
        {m.resultTitle}
      </h2>
      {stale && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={m.staleTitle}
          description={m.staleText}
        />
      )}
      <div className={`sc-verdict ${shown.className}`}>
        <span className="sc-verdict-icon">{shown.icon}</span>
        <div>
          <h3 className="sc-verdict-title">{shown.title}</h3>
          <p className="sc-verdict-text">{verdictText(verdict, result.lines)}</p>
        </div>
      </div>
      <p className="sc-meta">
        {m.checkedAgainst(cycle.name, cycle.workYearsCutoff, examArea.name, specialtyText)}
      </p>
      <p className="sc-meta">{m.checkedAt(formatInstant(checkedAt.toISOString()))}</p>

      <p className="sc-meta">{m.summary(count('met'), count('not_met'), count('review'))}</p>
      {GROUP_ORDER.map((outcome) => {
        const lines = result.lines.filter((l) => l.outcome === outcome);
        if (lines.length === 0) return null;
        return (
          <section key={outcome} aria-labelledby={`sc-group-${outcome}`}>
            <h3 id={`sc-group-${outcome}`} className="sc-subtitle">
              {m.groupTitle[outcome](lines.length)}
            </h3>
            <ul className="sc-lines">
              {lines.map((line) => (
                <LineItem key={line.ruleId} line={line} />
              ))}
            </ul>
          </section>
        );
      })}

      <h3 className="sc-subtitle">{m.materialsTitle}</h3>
      <p className="sc-meta">{m.materialsIntro}</p>
      <ul className="sc-materials">
        {result.materialSlots.map((slot) => (
          <li key={slot.key}>
            <div className="sc-material-head">
              <FileTextOutlined aria-hidden />
              <strong>{slot.label}</strong>
              <StatusTag tone={slot.required ? 'info' : 'neutral'}>
                {slot.required ? m.materialRequired : m.materialOptional}
              </StatusTag>
            </div>
            <p className="sc-material-reason">{slot.reason}</p>
          </li>
        ))}
      </ul>

      <p className="sc-next">{verdict === 'not_eligible' ? m.nextNotEligible : m.nextEligible}</p>
      <Button onClick={onEdit}>{m.editAgain}</Button>
    </section>
  );
}
