import {
  BULK_DECISION_MAX,
  REGISTRATION_STATUS_LABELS,
  type BulkDecisionResult,
  type ReviewQueueItem,
} from '@hqe/core';
import { Alert, Button, Form, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { commonMessages } from '../../../components/messages';
import { StatusTag } from '../../../components/status-tag';
import { errorMessageOf } from '../../../lib/api-client';
import { useBulkConfirmation } from '../api/review';
import { reviewMessages as m } from '../messages';
import { ReasonPicker } from './reason-picker';

export type BulkDecision = 'confirm' | 'return';

interface Props {
  decision: BulkDecision | null;
  items: ReviewQueueItem[];
  onClose: (done: boolean) => void;
}

interface Row {
  registrationId: number;
  registrationNumber: string;
  candidateName: string;
  ok: boolean;
  text: string;
}

function outcomeRows(result: BulkDecisionResult, items: ReviewQueueItem[]): Row[] {
  const byId = new Map(items.map((item) => [item.registrationId, item]));
  return result.results.map((r) => {
    const item = byId.get(r.registrationId);
    return {
      registrationId: r.registrationId,
      registrationNumber: item?.registrationNumber ?? String(r.registrationId),
      candidateName: item?.candidateName ?? '',
      ok: r.ok,
      text: r.ok
        ? m.bulkResultStatus(r.status ? REGISTRATION_STATUS_LABELS[r.status] : '')
        : (r.error?.message ?? ''),
    };
  });
}

/**
 * 批量确认通过 / 批量退回: one shared decision (and, for a return, shared reasons and note) for the
 * selected registrations, confirmed in a dialog; afterwards the outcome of each one.
 */
export function BulkDecisionModal({ decision, items, onClose }: Props) {
  const bulk = useBulkConfirmation();
  const [reasonCodes, setReasonCodes] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const [result, setResult] = useState<BulkDecisionResult | null>(null);
  const open = decision !== null;
  const isReturn = decision === 'return';
  const tooMany = items.length > BULK_DECISION_MAX;
  const reasonError =
    isReturn && touched && reasonCodes.length === 0 ? m.reasonsRequired : undefined;

  const close = () => {
    const done = result !== null;
    setReasonCodes([]);
    setNote('');
    setTouched(false);
    setResult(null);
    bulk.reset();
    onClose(done);
  };

  const submit = () => {
    setTouched(true);
    if (!decision || tooMany || (isReturn && reasonCodes.length === 0)) return;
    const trimmed = note.trim();
    bulk.mutate(
      {
        // Each with the version seen in the queue: one changed since is refused (version_conflict).
        registrations: items.map((item) => ({ id: item.registrationId, version: item.version })),
        decision,
        reasonCodes: isReturn ? reasonCodes : [],
        ...(trimmed ? { note: trimmed } : {}),
      },
      { onSuccess: setResult },
    );
  };

  const title = result
    ? m.bulkResultTitle
    : isReturn
      ? m.bulkReturnTitle(items.length)
      : m.bulkConfirmTitle(items.length);

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      destroyOnHidden
      mask={{ closable: false }}
      width={720}
      footer={
        result
          ? [
              <Button key="close" type="primary" onClick={close}>
                {m.close}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {commonMessages.cancel}
              </Button>,
              <Button
                key="submit"
                type="primary"
                danger={isReturn}
                loading={bulk.isPending}
                disabled={tooMany}
                onClick={submit}
              >
                {isReturn ? m.bulkSubmitReturn : m.bulkSubmitConfirm}
              </Button>,
            ]
      }
    >
      {result ? (
        <>
          <Alert
            type={result.failed === 0 ? 'success' : 'warning'}
            showIcon
            role="status"
            title={m.bulkResultSummary(result.succeeded, result.failed)}
            className="form-alert"
          />
          <Table<Row>
            size="small"
            rowKey="registrationId"
            pagination={false}
            dataSource={outcomeRows(result, items)}
            columns={[
              {
                title: m.colNumber,
                key: 'number',
                render: (_, row) => (
                  <div className="cell-stack">
                    <span className="mono">{row.registrationNumber}</span>
                    <span>{row.candidateName}</span>
                  </div>
                ),
              },
              {
                title: m.colOutcome,
                key: 'outcome',
                render: (_, row) => (
                  <div className="cell-stack">
                    <StatusTag tone={row.ok ? 'success' : 'danger'}>
                      {row.ok ? m.bulkOk : m.bulkFailed}
                    </StatusTag>
                    <span>{row.text}</span>
                  </div>
                ),
              },
            ]}
          />
        </>
      ) : (
        <>
          <p>{isReturn ? m.bulkReturnText : m.bulkConfirmText}</p>
          {tooMany && (
            <Alert type="error" showIcon title={m.bulkTooMany(BULK_DECISION_MAX)} role="alert" />
          )}
          {bulk.isError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              className="form-alert"
              title={m.decisionFailed}
              description={errorMessageOf(bulk.error)}
            />
          )}
          <ul className="rv-bulk-list" aria-label={m.selected(items.length)}>
            {items.map((item) => (
              <li key={item.registrationId}>
                <span className="mono">{item.registrationNumber}</span> {item.candidateName}
              </li>
            ))}
          </ul>
          {isReturn && (
            <Form layout="vertical" component="div">
              <ReasonPicker
                stage="confirmation"
                label={m.reasonsLabel}
                value={reasonCodes}
                onChange={setReasonCodes}
                error={reasonError}
              />
              <Form.Item label={m.noteLabel} htmlFor="rv-bulk-note">
                <Input.TextArea
                  id="rv-bulk-note"
                  rows={3}
                  maxLength={1000}
                  showCount
                  value={note}
                  placeholder={m.notePlaceholder}
                  onChange={(e) => setNote(e.target.value)}
                />
              </Form.Item>
            </Form>
          )}
        </>
      )}
    </Modal>
  );
}
