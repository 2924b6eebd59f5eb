import {
  AREA_TEMPLATE_KEYS,
  NOTIFICATION_MESSAGE_STATUS_LABELS,
  NOTIFICATION_MESSAGE_STATUSES,
  NOTIFICATION_TEMPLATE_KEYS,
  NOTIFICATION_TEMPLATES,
  OUTBOX_CHANNEL_LABELS,
  OUTBOX_CHANNELS,
  type NotificationMessageStatus,
  type NotificationMessageView,
  type NotificationTemplateKey,
  type OutboxChannel,
} from '@hqe/core';
import {
  App,
  Button,
  Flex,
  Form,
  Grid,
  Input,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Loading } from '../../../components/loading';
import { commonMessages } from '../../../components/messages';
import { QueryError } from '../../../components/query-error';
import { StatusTag, type Tone } from '../../../components/status-tag';
import { errorMessageOf } from '../../../lib/api-client';
import { formatInstant } from '../../../lib/format';
import { PAGE_SIZE_OPTIONS, type ExamAreaRef } from '../../../lib/types';
import {
  useDeliveryAttempts,
  useNotificationMessages,
  useResendMessage,
  type MessageListParams,
} from '../api/messages';
import { notificationAdminMessages as m } from '../messages';

const STATUS_TONES: Record<NotificationMessageStatus, Tone> = {
  queued: 'neutral',
  sending: 'info',
  sent: 'success',
  failed: 'warning',
  dead: 'danger',
};

interface Filters {
  examAreaId?: number;
  status?: NotificationMessageStatus;
  channel?: OutboxChannel;
  templateKey?: NotificationTemplateKey;
  candidate?: string;
}

/** Area templates first, then the account ones, as the select offers them. */
const TEMPLATE_OPTIONS = [
  ...AREA_TEMPLATE_KEYS,
  ...NOTIFICATION_TEMPLATE_KEYS.filter((k) => !AREA_TEMPLATE_KEYS.includes(k)),
].map((key) => ({ value: key, label: NOTIFICATION_TEMPLATES[key].label }));

function Attempts({ message }: { message: NotificationMessageView }) {
  const attempts = useDeliveryAttempts(message.id);
  return (
    <div className="na-attempts">
      <p className="json-title">{m.attemptsTitle}</p>
      {attempts.isPending && <Loading />}
      {attempts.isError && (
        <QueryError
          error={attempts.error}
          title={m.attemptsLoadFailed}
          onRetry={() => void attempts.refetch()}
        />
      )}
      {attempts.data &&
        (attempts.data.items.length === 0 ? (
          <p className="form-note">{m.attemptsEmpty}</p>
        ) : (
          <ol className="na-attempt-list">
            {attempts.data.items.map((a) => (
              <li key={a.attemptNo}>
                <span className="na-attempt-no">{m.attemptNo(a.attemptNo)}</span>
                <span className="nowrap">{formatInstant(a.startedAt)}</span>{' '}
                {a.ok === null ? (
                  <StatusTag tone="info">{m.attemptRunning}</StatusTag>
                ) : a.ok ? (
                  <StatusTag tone="success">{m.attemptOk}</StatusTag>
                ) : (
                  <StatusTag tone="danger">{m.attemptFailed}</StatusTag>
                )}
                {a.error && <span className="na-attempt-error">{a.error}</span>}
              </li>
            ))}
          </ol>
        ))}
      <dl className="na-facts">
        {message.nextAttemptAt && (
          <>
            <dt>{m.nextAttempt}</dt>
            <dd>{formatInstant(message.nextAttemptAt)}</dd>
          </>
        )}
        {message.sentAt && (
          <>
            <dt>{m.sentAt}</dt>
            <dd>{formatInstant(message.sentAt)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function ResendButton({ message }: { message: NotificationMessageView }) {
  const resend = useResendMessage();
  const { message: toast } = App.useApp();
  if (!message.canResend) return null;
  const who = `${message.candidateName ?? ''} ${message.templateLabel}`.trim();
  return (
    <Popconfirm
      title={m.resendConfirmTitle}
      description={<p className="na-confirm-text">{m.resendConfirmText}</p>}
      okText={m.resendOk}
      cancelText={commonMessages.cancel}
      getPopupContainer={() => document.getElementById('main') ?? document.body}
      onConfirm={() =>
        resend.mutate(message.id, {
          onSuccess: () => void toast.success(m.resent),
          onError: (error) => void toast.error(`${m.resendFailed}：${errorMessageOf(error)}`),
        })
      }
    >
      <Button type="link" loading={resend.isPending} aria-label={`${m.resend}：${who}`}>
        {m.resend}
      </Button>
    </Popconfirm>
  );
}

/**
 * 消息发送记录: every message to candidates with its status, template, channel, masked recipient
 * and attempts (expand a row for each try and its error), filterable, with 「重新发送」 for failed
 * ones. A platform administrator may pick an area or see all (account messages included).
 */
export function MessageLog({
  isPlatformAdmin,
  areas,
}: {
  isPlatformAdmin: boolean;
  areas: ExamAreaRef[];
}) {
  const wide = Grid.useBreakpoint().md === true;
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const params: MessageListParams = {
    page,
    pageSize,
    ...filters,
    candidate: filters.candidate?.trim() || undefined,
  };
  const list = useNotificationMessages(params);

  const status = (row: NotificationMessageView) => (
    <StatusTag tone={STATUS_TONES[row.status]}>
      {NOTIFICATION_MESSAGE_STATUS_LABELS[row.status]}
    </StatusTag>
  );
  const recipient = (row: NotificationMessageView) =>
    row.channel === 'in_app' ? m.inApp : (row.recipientMasked ?? '—');

  const columns: TableColumnsType<NotificationMessageView> = wide
    ? [
        {
          title: m.colTime,
          key: 'createdAt',
          render: (_, row) => <span className="nowrap">{formatInstant(row.createdAt)}</span>,
        },
        ...(isPlatformAdmin
          ? [
              {
                title: m.colArea,
                key: 'area',
                render: (_: unknown, row: NotificationMessageView) => row.examAreaName ?? m.noArea,
              },
            ]
          : []),
        { title: m.colCandidate, key: 'candidate', render: (_, row) => row.candidateName ?? '—' },
        { title: m.colTemplate, key: 'template', render: (_, row) => row.templateLabel },
        {
          title: m.colChannel,
          key: 'channel',
          render: (_, row) => OUTBOX_CHANNEL_LABELS[row.channel],
        },
        {
          title: m.colRecipient,
          key: 'recipient',
          render: (_, row) => <span className="mono">{recipient(row)}</span>,
        },
        {
          title: m.colStatus,
          key: 'status',
          render: (_, row) => (
            <div className="cell-stack">
              {status(row)}
              <span className="muted nowrap">{m.attempts(row.attempts, row.maxAttempts)}</span>
            </div>
          ),
        },
        { title: m.colActions, key: 'actions', render: (_, row) => <ResendButton message={row} /> },
      ]
    : [
        {
          title: m.colMessage,
          key: 'message',
          render: (_, row) => (
            <div className="cell-stack">
              <span>{row.templateLabel}</span>
              <span className="muted">
                {row.candidateName ?? '—'} · {formatInstant(row.createdAt)}
              </span>
            </div>
          ),
        },
        {
          title: m.colDelivery,
          key: 'delivery',
          render: (_, row) => (
            <div className="cell-stack">
              <span>
                {OUTBOX_CHANNEL_LABELS[row.channel]} {status(row)}
              </span>
              <span className="muted">{m.attempts(row.attempts, row.maxAttempts)}</span>
              <span className="mono muted">{recipient(row)}</span>
              <ResendButton message={row} />
            </div>
          ),
        },
      ];

  return (
    <>
      <Form<Filters>
        form={form}
        name="notification-message-filters"
        layout={wide ? 'inline' : 'vertical'}
        className="toolbar na-filters"
        aria-label={m.filtersLabel}
        onFinish={(values) => {
          setFilters(values);
          setPage(1);
        }}
      >
        {isPlatformAdmin && (
          <Form.Item name="examAreaId" label={m.area}>
            <Select
              allowClear
              className="toolbar-select"
              placeholder={m.allAreas}
              options={areas.map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="status" label={m.status}>
          <Select
            className="toolbar-select"
            placeholder={m.any}
            allowClear
            options={NOTIFICATION_MESSAGE_STATUSES.map((s) => ({
              value: s,
              label: NOTIFICATION_MESSAGE_STATUS_LABELS[s],
            }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={m.channel}>
          <Select
            className="toolbar-select"
            placeholder={m.any}
            allowClear
            options={OUTBOX_CHANNELS.map((c) => ({ value: c, label: OUTBOX_CHANNEL_LABELS[c] }))}
          />
        </Form.Item>
        <Form.Item name="templateKey" label={m.template}>
          <Select
            className="toolbar-select na-template-select"
            placeholder={m.any}
            allowClear
            options={TEMPLATE_OPTIONS}
          />
        </Form.Item>
        <Form.Item name="candidate" label={m.candidate}>
          <Input allowClear placeholder={m.candidatePlaceholder} maxLength={40} />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit">
            {m.search}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
              setPage(1);
            }}
          >
            {m.reset}
          </Button>
        </Flex>
      </Form>

      {list.isError && (
        <QueryError error={list.error} title={m.loadFailed} onRetry={() => void list.refetch()} />
      )}

      <p className="form-note">{m.expandHint}</p>
      <Table<NotificationMessageView>
        className="data-table"
        size={wide ? undefined : 'small'}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={wide ? { x: 'max-content' } : undefined}
        locale={{ emptyText: list.isError ? ' ' : m.empty }}
        expandable={{
          columnTitle: <span className="visually-hidden">{m.expandColumn}</span>,
          expandedRowRender: (row) => <Attempts message={row} />,
        }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZE_OPTIONS,
          showTotal: (total) => m.total(total),
          onChange: (nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          },
        }}
      />
    </>
  );
}
