import { CheckCircleFilled } from '@ant-design/icons';
import {
  MATERIAL_SLOT_KEYS,
  MATERIAL_SLOT_LABELS,
  type MaterialSlotKey,
  type ReviewDecisionOutcome,
  type ReviewRegistration,
  type ReviewStage,
} from '@hqe/core';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Radio, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ButtonLink } from '../../../components/button-link';
import { commonMessages } from '../../../components/messages';
import { formatInstant, isInFuture } from '../../../lib/format';
import { useReviewReasons } from '../api/reasons';
import { useClaimNext, useConfirmationDecision, useQualificationDecision } from '../api/review';
import { decisionProblemOf, type DecisionProblem } from '../decision-errors';
import { toClaimNextBody, toQueueParams, type QueueState } from '../filters';
import { reviewMessages as m } from '../messages';
import { ReasonPicker } from './reason-picker';

type Action = ReviewRegistration['actions'][number];
type Choice = 'confirm' | 'return' | 'pass' | 'fail' | 'request_supplement';

const CHOICE_OF: Record<Action, Choice> = {
  confirm: 'confirm',
  return: 'return',
  pass_review: 'pass',
  fail_review: 'fail',
  request_supplement: 'request_supplement',
};
const LABEL: Record<Choice, string> = {
  confirm: m.confirm,
  return: m.return,
  pass: m.pass,
  fail: m.fail,
  request_supplement: m.requestSupplement,
};
const NEEDS_REASONS: readonly Choice[] = ['return', 'fail'];

interface Props {
  registration: ReviewRegistration;
  /** The queue the reviewer came from (its filters choose the next one). */
  queue: QueueState;
  /** When the area publishes review results (ISO), for the qualification hint. */
  publicationStartsAt: string | null;
  /** Read the registration again (its status or claim changed under the reviewer). */
  onReload: () => void;
  /** Said when no decision can be taken now. */
  emptyText: string;
  /** Another reviewer's live claim: who holds it and until when (no decision meanwhile). */
  heldBy: { name: string; until: string } | null;
}

/** What was decided, and in which queue (the next one comes from the same queue). */
interface Done {
  choice: Choice;
  outcome: ReviewDecisionOutcome;
  stage: ReviewStage;
}

interface Problems {
  reasons?: string;
  slots?: string;
}

/**
 * 审核决定: 确认通过 / 退回修改 (报名确认) or 审核通过 / 审核不通过 / 要求补充材料 (资格审核), as
 * far as the caller's role, the status and the calendar allow (`actions`), with the area's reasons,
 * a note and a confirmation dialog. Afterwards: what was decided and 「下一条」.
 */
export function DecisionPanel({
  registration,
  queue,
  publicationStartsAt,
  onReload,
  emptyText,
  heldBy,
}: Props) {
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const choices = registration.actions.map((a) => CHOICE_OF[a]);
  const stage: ReviewStage = choices.some((c) => c === 'confirm' || c === 'return')
    ? 'confirmation'
    : 'qualification';
  const [choice, setChoice] = useState<Choice | undefined>();
  const [reasonCodes, setReasonCodes] = useState<string[]>([]);
  const [slots, setSlots] = useState<MaterialSlotKey[]>([]);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [done, setDone] = useState<Done | null>(null);
  const [refused, setRefused] = useState<DecisionProblem | null>(null);
  const [emptyQueue, setEmptyQueue] = useState(false);
  const confirmation = useConfirmationDecision(registration.id);
  const qualification = useQualificationDecision(registration.id);
  const claimNext = useClaimNext();
  const reasons = useReviewReasons(stage);
  const doneRef = useRef<HTMLDivElement>(null);
  const pending = confirmation.isPending || qualification.isPending;

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const queueHref = `/console/review?${toQueueParams({ ...queue, cycleId: registration.cycle.id }).toString()}`;

  const next = (decidedIn: ReviewStage) => {
    setEmptyQueue(false);
    const state: QueueState = { ...queue, stage: decidedIn, cycleId: registration.cycle.id };
    claimNext.mutate(toClaimNextBody(state, registration.cycle.id), {
      onSuccess: ({ claim }) => {
        if (!claim) {
          setEmptyQueue(true);
          return;
        }
        void navigate(`/console/review/${claim.registrationId}?${toQueueParams(state).toString()}`);
      },
    });
  };

  if (done) {
    const nextProblem = claimNext.isError ? decisionProblemOf(claimNext.error) : null;
    return (
      <div className="rv-done" ref={doneRef} tabIndex={-1} role="status">
        <p className="rv-done-title">
          <CheckCircleFilled aria-hidden className="sc-icon-met" /> {m.decidedTitle}：
          {LABEL[done.choice]}
        </p>
        <p>{m.decidedText(done.outcome.statusLabel)}</p>
        {(done.choice === 'pass' || done.choice === 'fail') && (
          <p className="form-note">{publicationHint(publicationStartsAt)}</p>
        )}
        <Flex gap={8} wrap>
          <Button
            type="primary"
            size="large"
            loading={claimNext.isPending}
            onClick={() => next(done.stage)}
          >
            {m.nextOne}
          </Button>
          <ButtonLink to={queueHref} size="large">
            {m.backToQueue}
          </ButtonLink>
        </Flex>
        {emptyQueue && <Alert className="form-alert" type="info" showIcon title={m.queueEmpty} />}
        {nextProblem && (
          <Alert
            className="form-alert"
            type="error"
            showIcon
            title={`${m.claimNextFailed}：${nextProblem.message}`}
            description={nextProblem.hint}
          />
        )}
      </div>
    );
  }

  if (choices.length === 0) return <p className="muted">{emptyText}</p>;
  if (heldBy) {
    return (
      <Alert
        type="warning"
        showIcon
        title={m.claimOtherText(heldBy.name, formatInstant(heldBy.until))}
        action={<ButtonLink to={queueHref}>{m.backToQueue}</ButtonLink>}
      />
    );
  }

  const needsReasons = choice !== undefined && NEEDS_REASONS.includes(choice);
  const trimmedNote = note.trim();
  const reasonLabels = () =>
    reasonCodes
      .map((code) => reasons.data?.items.find((r) => r.code === code)?.label ?? code)
      .join('、');

  const validate = (): boolean => {
    const found: Problems = {};
    if (needsReasons && reasonCodes.length === 0) found.reasons = m.reasonsRequired;
    if (choice === 'request_supplement' && slots.length === 0) {
      found.slots = m.supplementSlotsRequired;
    }
    setProblems(found);
    return Object.keys(found).length === 0;
  };

  const send = (picked: Choice) => {
    setRefused(null);
    const onSuccess = (outcome: ReviewDecisionOutcome) => {
      setDone({ choice: picked, outcome, stage });
      void message.success(m.decided(LABEL[picked]));
    };
    const onError = (error: unknown) => {
      const problem = decisionProblemOf(error);
      setRefused(problem);
      if (problem.staleContent) {
        // Taken on content the candidate has changed since: to be taken again on the new one.
        setChoice(undefined);
        setReasonCodes([]);
        setSlots([]);
        setProblems({});
      }
      if (problem.reload) onReload();
    };
    const withNote = trimmedNote ? { note: trimmedNote } : {};
    // The version read: the server refuses the decision if the candidate changed it since.
    const { version } = registration;
    if (picked === 'confirm' || picked === 'return') {
      confirmation.mutate(
        {
          version,
          decision: picked,
          reasonCodes: picked === 'return' ? reasonCodes : [],
          ...withNote,
        },
        { onSuccess, onError },
      );
    } else {
      qualification.mutate(
        {
          version,
          decision: picked,
          reasonCodes: picked === 'fail' ? reasonCodes : [],
          supplementSlots: picked === 'request_supplement' ? slots : [],
          ...withNote,
        },
        { onSuccess, onError },
      );
    }
  };

  const submit = () => {
    if (!choice) {
      setProblems({});
      return;
    }
    if (!validate()) return;
    const picked = choice;
    void modal.confirm({
      title: m.confirmDialogTitle,
      okText: m.confirmDialogOk,
      cancelText: commonMessages.cancel,
      okButtonProps: { danger: picked === 'return' || picked === 'fail' },
      content: (
        <div className="rv-confirm-summary">
          <p>
            <strong>{m.confirmDialogDecision(LABEL[picked])}</strong>
          </p>
          <p>
            {m.registrationNumber}：<span className="mono">{registration.registrationNumber}</span>{' '}
            {registration.candidate.name}
          </p>
          {NEEDS_REASONS.includes(picked) && (
            <p>
              {m.confirmDialogReasons}
              {reasonLabels()}
            </p>
          )}
          {picked === 'request_supplement' && (
            <p>
              {m.confirmDialogSlots}
              {slots.map((s) => MATERIAL_SLOT_LABELS[s]).join('、')}
            </p>
          )}
          {trimmedNote && (
            <p>
              {m.confirmDialogNote}
              {trimmedNote}
            </p>
          )}
          {picked === 'confirm' && <p>{m.confirmDialogConfirm}</p>}
          {picked === 'return' && <p>{m.confirmDialogReturn}</p>}
          {(picked === 'pass' || picked === 'fail') && (
            <p>{publicationHint(publicationStartsAt)}</p>
          )}
        </div>
      ),
      onOk: () => send(picked),
    });
  };

  const ownSlots = registration.materialSlots.map((s) => s.key);
  const otherSlots = MATERIAL_SLOT_KEYS.filter((k) => k !== 'photo' && !ownSlots.includes(k));

  return (
    <Form layout="vertical" component="div" className="rv-decision">
      {stage === 'qualification' && choice !== 'request_supplement' && (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={publicationHint(publicationStartsAt)}
        />
      )}
      {/* A radio group is no labelable element: named by its label through aria-labelledby. */}
      <Form.Item label={<span id="rv-decision-label">{m.decisionLabel}</span>} required>
        <Radio.Group
          id="rv-decision-choice"
          aria-labelledby="rv-decision-label"
          className="rv-choice"
          value={choice}
          onChange={(e) => {
            setChoice(e.target.value as Choice);
            setProblems({});
          }}
          optionType="button"
          buttonStyle="solid"
          options={choices.map((c) => ({ value: c, label: LABEL[c] }))}
        />
      </Form.Item>

      {needsReasons && (
        <ReasonPicker
          stage={stage}
          label={choice === 'fail' ? m.failReasonsLabel : m.reasonsLabel}
          value={reasonCodes}
          onChange={(codes) => {
            setReasonCodes(codes);
            if (codes.length > 0) setProblems((p) => ({ ...p, reasons: undefined }));
          }}
          error={problems.reasons}
        />
      )}

      {choice === 'request_supplement' && (
        <fieldset className="rv-reasons" aria-describedby="rv-slots-hint">
          <legend className="rv-legend">
            <span className="rv-required" aria-hidden>
              *
            </span>
            {m.supplementSlotsLabel}
            <span id="rv-slots-hint" className="rv-legend-hint">
              {m.supplementSlotsHint}
            </span>
          </legend>
          <Checkbox.Group
            className="rv-reason-list"
            value={slots.filter((s) => ownSlots.includes(s))}
            onChange={(own) => setSlots([...own, ...slots.filter((s) => !ownSlots.includes(s))])}
            options={registration.materialSlots.map((s) => ({ value: s.key, label: s.label }))}
          />
          <Form.Item label={m.supplementOtherSlots} htmlFor="rv-other-slots" className="rv-other">
            <Select<MaterialSlotKey[]>
              id="rv-other-slots"
              mode="multiple"
              allowClear
              placeholder={m.supplementOtherPlaceholder}
              value={slots.filter((s) => !ownSlots.includes(s))}
              options={otherSlots.map((k) => ({ value: k, label: MATERIAL_SLOT_LABELS[k] }))}
              onChange={(values) =>
                setSlots([...slots.filter((s) => ownSlots.includes(s)), ...values])
              }
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          {problems.slots && (
            <p className="rv-field-error" role="alert">
              {problems.slots}
            </p>
          )}
        </fieldset>
      )}

      {choice !== undefined && (
        <Form.Item label={m.noteLabel} htmlFor="rv-note">
          <Input.TextArea
            id="rv-note"
            rows={3}
            maxLength={1000}
            showCount
            value={note}
            placeholder={m.notePlaceholder}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
      )}

      {refused && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          title={`${m.decisionFailed}：${refused.message}`}
          description={refused.hint}
          action={
            refused.backToQueue ? (
              <ButtonLink to={queueHref}>{m.backToQueue}</ButtonLink>
            ) : undefined
          }
        />
      )}

      <Button
        type="primary"
        size="large"
        loading={pending}
        disabled={choice === undefined}
        onClick={submit}
      >
        {m.submitDecision}
      </Button>
    </Form>
  );
}

/** When the qualification result reaches the candidate: from the publication time (R18). */
function publicationHint(iso: string | null): string {
  return m.publicationHint(iso ? formatInstant(iso) : null, iso !== null && !isInFuture(iso));
}
