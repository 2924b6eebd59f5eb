import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  REVIEW_STAGE_LABELS,
  REVIEW_STAGES,
  type ReviewReasonItem,
  type ReviewStage,
} from '@hqe/core';
import {
  App,
  Button,
  Flex,
  Form,
  Grid,
  Input,
  Popconfirm,
  Table,
  Tabs,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { FormErrorAlert, FormModal } from '../../../components/form-modal';
import { Loading } from '../../../components/loading';
import { commonMessages } from '../../../components/messages';
import { QueryError } from '../../../components/query-error';
import { StatusTag } from '../../../components/status-tag';
import { errorMessageOf } from '../../../lib/api-client';
import { fieldErrorsOf } from '../../../lib/form-errors';
import { useCreateReason, useReviewReasons, useUpdateReason } from '../api/reasons';
import { reviewMessages as m } from '../messages';
import { moveReason, sortReasons } from '../reason-order';

interface ReasonForm {
  code: string;
  label: string;
  explanation: string;
}

const FIELDS = ['code', 'label', 'explanation'] as const;

/** 新增 / 修改 one reason: the code only when it is new (it is what past decisions refer to). */
function ReasonModal({
  stage,
  editing,
  open,
  onClose,
}: {
  stage: ReviewStage;
  editing: ReviewReasonItem | null;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReasonForm>();
  const create = useCreateReason();
  const update = useUpdateReason();
  const mutation = editing ? update : create;
  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };
  const save = (values: ReasonForm) => {
    const onError = (error: unknown) => form.setFields(fieldErrorsOf(error, FIELDS));
    if (editing) {
      update.mutate(
        { id: editing.id, label: values.label, explanation: values.explanation },
        {
          onSuccess: (item) => {
            void message.success(m.reasonSaved(item.label));
            close();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { stage, code: values.code, label: values.label, explanation: values.explanation },
        {
          onSuccess: (item) => {
            void message.success(m.reasonCreated(item.label));
            close();
          },
          onError,
        },
      );
    }
  };
  return (
    <FormModal
      open={open}
      title={
        editing ? m.editLabel(editing.label) : `${m.addReason}（${REVIEW_STAGE_LABELS[stage]}）`
      }
      submitText={editing ? m.save : m.create}
      pending={mutation.isPending}
      onCancel={close}
      onSubmit={() => form.submit()}
    >
      <FormErrorAlert
        title={m.reasonsSaveFailed}
        error={mutation.isError ? errorMessageOf(mutation.error) : null}
      />
      <Form<ReasonForm>
        form={form}
        layout="vertical"
        name="review-reason"
        initialValues={
          editing
            ? { code: editing.code, label: editing.label, explanation: editing.explanation }
            : { code: '', label: '', explanation: '' }
        }
        onFinish={save}
        preserve={false}
      >
        <Form.Item
          name="code"
          label={m.reasonCode}
          extra={editing ? undefined : m.reasonCodeHint}
          rules={
            editing
              ? []
              : [
                  { required: true, message: m.reasonCodeInvalid },
                  { pattern: /^[a-z0-9_]{1,40}$/, message: m.reasonCodeInvalid },
                ]
          }
        >
          <Input className="mono" disabled={editing !== null} maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="label"
          label={m.reasonLabel}
          rules={[{ required: true, whitespace: true, message: m.reasonLabelRequired }]}
        >
          <Input maxLength={50} showCount />
        </Form.Item>
        <Form.Item
          name="explanation"
          label={m.reasonExplanation}
          extra={m.reasonExplanationHint}
          rules={[{ required: true, whitespace: true, message: m.reasonExplanationRequired }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function StageReasons({ stage, items }: { stage: ReviewStage; items: ReviewReasonItem[] }) {
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md === true;
  const update = useUpdateReason();
  const [modal, setModal] = useState<{ editing: ReviewReasonItem | null } | null>(null);
  const [moving, setMoving] = useState(false);
  const sorted = sortReasons(items);

  const move = async (item: ReviewReasonItem, direction: -1 | 1) => {
    const patches = moveReason(sorted, item.id, direction);
    if (patches.length === 0) return;
    setMoving(true);
    try {
      for (const patch of patches) await update.mutateAsync(patch);
      void message.success(m.reasonMoved);
    } catch (error) {
      void message.error(errorMessageOf(error));
    } finally {
      setMoving(false);
    }
  };
  const setActive = (item: ReviewReasonItem, active: boolean) =>
    update.mutate(
      { id: item.id, active },
      {
        onSuccess: (saved) =>
          void message.success(
            active ? m.reasonReactivated(saved.label) : m.reasonDeactivated(saved.label),
          ),
        onError: (error) => void message.error(errorMessageOf(error)),
      },
    );

  const order = (item: ReviewReasonItem, index: number) => (
    <Flex gap={4}>
      <Button
        size="small"
        icon={<ArrowUpOutlined aria-hidden />}
        aria-label={m.moveUpLabel(item.label)}
        disabled={index === 0 || moving}
        onClick={() => void move(item, -1)}
      />
      <Button
        size="small"
        icon={<ArrowDownOutlined aria-hidden />}
        aria-label={m.moveDownLabel(item.label)}
        disabled={index === sorted.length - 1 || moving}
        onClick={() => void move(item, 1)}
      />
    </Flex>
  );
  const reason = (item: ReviewReasonItem) => (
    <div className="cell-stack">
      <strong>{item.label}</strong>
      <span className="mono muted">{item.code}</span>
      {!wide && <span className="rv-reason-text">{item.explanation}</span>}
    </div>
  );
  const status = (item: ReviewReasonItem) =>
    item.active ? (
      <StatusTag tone="success">{m.reasonActive}</StatusTag>
    ) : (
      <StatusTag tone="neutral">{m.reasonInactive}</StatusTag>
    );
  const actions = (item: ReviewReasonItem) => (
    <Flex gap={4} wrap>
      <Button
        size="small"
        icon={<EditOutlined aria-hidden />}
        aria-label={m.editLabel(item.label)}
        onClick={() => setModal({ editing: item })}
      >
        {m.editReason}
      </Button>
      {item.active ? (
        <Popconfirm
          title={m.deactivateConfirm(item.label)}
          okText={m.deactivate}
          cancelText={commonMessages.cancel}
          onConfirm={() => setActive(item, false)}
        >
          <Button size="small" danger aria-label={m.deactivateLabel(item.label)}>
            {m.deactivate}
          </Button>
        </Popconfirm>
      ) : (
        <Button
          size="small"
          aria-label={m.reactivateLabel(item.label)}
          onClick={() => setActive(item, true)}
        >
          {m.reactivate}
        </Button>
      )}
    </Flex>
  );

  const columns: TableColumnsType<ReviewReasonItem> = wide
    ? [
        { title: m.colOrder, key: 'order', width: 96, render: (_, item, i) => order(item, i) },
        { title: m.colReason, key: 'reason', width: 200, render: (_, item) => reason(item) },
        { title: m.colExplanation, dataIndex: 'explanation', key: 'explanation' },
        { title: m.colActive, key: 'active', width: 90, render: (_, item) => status(item) },
        { title: m.colActions, key: 'actions', width: 170, render: (_, item) => actions(item) },
      ]
    : [
        {
          title: m.colReason,
          key: 'reason',
          render: (_, item, i) => (
            <div className="cell-stack">
              {reason(item)}
              {status(item)}
              {order(item, i)}
            </div>
          ),
        },
        { title: m.colActions, key: 'actions', render: (_, item) => actions(item) },
      ];

  return (
    <>
      <Flex justify="flex-end" className="toolbar">
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setModal({ editing: null })}
        >
          {m.addReason}
        </Button>
      </Flex>
      <Table<ReviewReasonItem>
        className="data-table"
        size={wide ? undefined : 'small'}
        rowKey="id"
        columns={columns}
        dataSource={sorted}
        pagination={false}
        loading={moving}
        rowClassName={(item) => (item.active ? '' : 'rv-row-inactive')}
        locale={{ emptyText: m.reasonsNone }}
      />
      <ReasonModal
        key={modal?.editing?.id ?? 'new'}
        stage={stage}
        editing={modal?.editing ?? null}
        open={modal !== null}
        onClose={() => setModal(null)}
      />
    </>
  );
}

/** 退回原因设置: the area's reasons per stage — add, edit, reorder, deactivate and reactivate. */
export function ReasonSettings() {
  const reasons = useReviewReasons();
  const [stage, setStage] = useState<ReviewStage>('confirmation');
  if (reasons.isPending) return <Loading />;
  if (reasons.isError) {
    return (
      <QueryError
        error={reasons.error}
        title={m.reasonsLoadFailedAdmin}
        onRetry={() => void reasons.refetch()}
      />
    );
  }
  return (
    <Tabs
      activeKey={stage}
      onChange={(key) => setStage(key === 'qualification' ? 'qualification' : 'confirmation')}
      items={REVIEW_STAGES.map((s) => ({
        key: s,
        label: m.reasonsTab[s],
        children: (
          <StageReasons stage={s} items={reasons.data.items.filter((r) => r.stage === s)} />
        ),
      }))}
    />
  );
}
