import type { ReviewStage } from '@hqe/core';
import { Alert, Checkbox } from 'antd';
import { useId } from 'react';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { useReviewReasons } from '../api/reasons';
import { reviewMessages as m } from '../messages';
import { sortReasons } from '../reason-order';

interface Props {
  stage: ReviewStage;
  label: string;
  value: string[];
  onChange: (codes: string[]) => void;
  /** Shown under the list when the reviewer must pick at least one. */
  error?: string | undefined;
}

/**
 * The area's active reasons of a stage as checkboxes, each with the explanation the candidate will
 * read. Used by the decision screen and the bulk return.
 */
export function ReasonPicker({ stage, label, value, onChange, error }: Props) {
  const reasons = useReviewReasons(stage);
  const legendId = useId();
  const errorId = useId();
  if (reasons.isPending) return <Loading />;
  if (reasons.isError) {
    return (
      <QueryError
        error={reasons.error}
        title={m.reasonsLoadFailed}
        onRetry={() => void reasons.refetch()}
      />
    );
  }
  const active = sortReasons(reasons.data.items.filter((r) => r.active && r.stage === stage));
  return (
    <fieldset
      className="rv-reasons"
      aria-labelledby={legendId}
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend id={legendId} className="rv-legend">
        <span className="rv-required" aria-hidden>
          *
        </span>
        {label}
        <span className="rv-legend-hint">{m.reasonsHint}</span>
      </legend>
      {active.length === 0 ? (
        <Alert type="warning" showIcon title={m.reasonsEmpty} />
      ) : (
        <Checkbox.Group
          className="rv-reason-list"
          value={value}
          onChange={(codes) => onChange(codes.map(String))}
        >
          {active.map((reason) => (
            <Checkbox key={reason.code} value={reason.code} className="rv-reason">
              <span className="rv-reason-label">{reason.label}</span>
              <span className="rv-reason-text">{reason.explanation}</span>
            </Checkbox>
          ))}
        </Checkbox.Group>
      )}
      {error && (
        <p id={errorId} className="rv-field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
