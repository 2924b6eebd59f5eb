import { CheckCircleFilled, SendOutlined } from '@ant-design/icons';
import type { RegistrationView } from '@hqe/core';
import { Alert, App, Button } from 'antd';
import { useRef } from 'react';
import { Link } from 'react-router';
import { useSubmit } from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';
import { stepOfPath } from '../steps';
import { MutationError } from './mutation-error';
import { SupplySection } from './supply-section';

/** 提交: what is still missing, each with a link to its step, and the submit button. */
export function SubmitStep({ view }: { view: RegistrationView }) {
  const { message } = App.useApp();
  const submit = useSubmit(view.cycle.id, view.id);
  // One key per submission attempt, reused when the same attempt is retried after a failure.
  const attemptKey = useRef<string | null>(null);
  const missing = view.completeness.missing;
  const editable = view.status === 'draft' || view.status === 'returned';
  const canSubmit = view.actions.includes('submit') || view.actions.includes('resubmit');
  if (view.supplement) {
    return (
      <div>
        <p>{m.submittedIntro(view.statusLabel)}</p>
        <SupplySection view={view} />
      </div>
    );
  }
  const onSubmit = () => {
    attemptKey.current ??= crypto.randomUUID();
    submit.mutate(attemptKey.current, {
      onSuccess: (updated) => {
        attemptKey.current = null;
        // A returning candidate may be confirmed by the system at once (R6): say so, not 待确认.
        void message.success(updated.status === 'confirmed' ? m.submittedConfirmed : m.submittedOk);
      },
      onError: (error) => {
        // A refusal that changes nothing ends the attempt; a lost answer keeps the key for retry.
        if (!(error instanceof Error && 'status' in error && error.status === 0)) {
          attemptKey.current = null;
        }
      },
    });
  };
  return (
    <div>
      <p>{editable ? m.submitIntro : m.submittedIntro(view.statusLabel)}</p>
      {!editable ? null : missing.length > 0 ? (
        <section aria-labelledby="or-missing-title" className="or-missing">
          <h3 id="or-missing-title" className="sc-subtitle">
            {m.missingTitle}
          </h3>
          <ul>
            {missing.map((p) => {
              const step = stepOfPath(p.path);
              return (
                <li key={p.path}>
                  {p.message}{' '}
                  <Link to={step === 'basic_info' ? '/me' : `/registration/${step}`}>
                    {m.goToStep}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ) : (
        <p className="or-ok">
          <CheckCircleFilled aria-hidden /> {m.allComplete}
        </p>
      )}
      {view.eligibility && !view.eligibility.eligible && (
        <Alert className="form-alert" type="error" showIcon title={m.notEligible} />
      )}
      <MutationError error={submit.error} />
      {canSubmit ? (
        <Button
          type="primary"
          size="large"
          icon={<SendOutlined aria-hidden />}
          loading={submit.isPending}
          disabled={!view.readyToSubmit}
          onClick={onSubmit}
        >
          {view.status === 'returned' ? m.resubmit : m.submit}
        </Button>
      ) : (
        view.status === 'draft' && <p className="or-muted">{m.notSubmittable}</p>
      )}
    </div>
  );
}
