import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import type { ReviewRegistration } from '@hqe/core';
import { Alert, App, Button } from 'antd';
import { formatInstant } from '../../../lib/format';
import { useClaim, useReleaseClaim } from '../api/review';
import { claimStateOf } from '../claim';
import { decisionProblemOf } from '../decision-errors';
import { reviewMessages as m } from '../messages';

/**
 * Who holds the registration (领取): nobody — 「领取」; me — until when, and 「释放」; another
 * reviewer — who and until when (Beijing time). Read-only staff only see the state.
 */
export function ClaimBar({
  registration,
  canClaim,
  onRefresh,
}: {
  registration: ReviewRegistration;
  /** The caller reviews this stage and the registration waits for a decision. */
  canClaim: boolean;
  /** Read the registration again (another reviewer's claim may have ended). */
  onRefresh: () => void;
}) {
  const { message } = App.useApp();
  const claim = useClaim(registration.id);
  const release = useReleaseClaim(registration.id);
  const state = claimStateOf(registration.claim);
  const failed = claim.error ?? release.error;
  const problem = failed ? decisionProblemOf(failed) : null;

  let body;
  switch (state.kind) {
    case 'free':
      body = (
        <Alert
          type="info"
          role="status"
          showIcon
          icon={<UnlockOutlined aria-hidden />}
          title={canClaim ? m.claimFreeText : m.claimFree}
          action={
            canClaim ? (
              <Button
                type="primary"
                loading={claim.isPending}
                onClick={() =>
                  claim.mutate(undefined, {
                    onSuccess: () => {
                      release.reset();
                      void message.success(m.claimed);
                    },
                  })
                }
              >
                {m.claim}
              </Button>
            ) : undefined
          }
        />
      );
      break;
    case 'mine':
      body = (
        <Alert
          type="success"
          role="status"
          showIcon
          icon={<LockOutlined aria-hidden />}
          title={m.claimMineText(formatInstant(state.expiresAt))}
          action={
            <Button
              loading={release.isPending}
              onClick={() =>
                release.mutate(undefined, {
                  onSuccess: () => {
                    claim.reset();
                    void message.success(m.released);
                  },
                })
              }
            >
              {m.release}
            </Button>
          }
        />
      );
      break;
    case 'other':
      body = (
        <Alert
          type="warning"
          role="status"
          showIcon
          icon={<LockOutlined aria-hidden />}
          title={m.claimOtherText(state.reviewerName, formatInstant(state.expiresAt))}
          action={<Button onClick={onRefresh}>{m.refresh}</Button>}
        />
      );
      break;
  }

  return (
    <section className="rv-claim" aria-label={m.claimTitle}>
      {body}
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          title={problem.message}
          description={problem.hint}
        />
      )}
    </section>
  );
}
