import { Button, Flex, Form, Grid, Input, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../../components/query-error';
import { formatInstant } from '../../../lib/format';
import { PAGE_SIZE_OPTIONS } from '../../../lib/types';
import { useAuditEvents, type AuditEvent } from '../api/list-audit-events';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditMessages as m } from '../messages';

interface Filters {
  entityType?: string;
  action?: string;
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const text = value === null || value === undefined ? m.none : JSON.stringify(value, null, 2);
  return (
    <div className="json-block">
      <p className="json-title">{label}</p>
      <pre tabIndex={0} aria-label={label}>
        {text}
      </pre>
    </div>
  );
}

/** Top-level keys whose values differ between before and after. */
function changedKeys(before: unknown, after: unknown): string[] {
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

function codeWithLabel(code: string, labels: Partial<Record<string, string>>) {
  const label = labels[code];
  return label ? (
    <>
      {label} <span className="mono muted">{code}</span>
    </>
  ) : (
    <span className="mono">{code}</span>
  );
}

/** 审计日志: who changed what and when, filterable, with each change's before/after. */
export function AuditLog() {
  const wide = Grid.useBreakpoint().md === true;
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useAuditEvents({
    page,
    pageSize,
    entityType: filters.entityType?.trim() || undefined,
    action: filters.action?.trim() || undefined,
  });

  const actor = (row: AuditEvent) => row.actorUsername ?? m.system;
  const entity = (row: AuditEvent) => (
    <>
      {codeWithLabel(row.entityType, AUDIT_ENTITY_LABELS)}{' '}
      <span className="mono">#{row.entityId}</span>
    </>
  );

  // Phones get two columns; the request number moves into the expanded row.
  const columns: TableColumnsType<AuditEvent> = wide
    ? [
        {
          title: m.colTime,
          key: 'occurredAt',
          render: (_, row) => <span className="nowrap">{formatInstant(row.occurredAt)}</span>,
        },
        { title: m.colActor, key: 'actor', render: (_, row) => actor(row) },
        {
          title: m.colAction,
          key: 'action',
          render: (_, row) => codeWithLabel(row.action, AUDIT_ACTION_LABELS),
        },
        { title: m.colEntity, key: 'entity', render: (_, row) => entity(row) },
        {
          title: m.colRequest,
          key: 'requestId',
          render: (_, row) => <span className="mono">{row.requestId ?? '—'}</span>,
        },
      ]
    : [
        {
          title: m.colRecord,
          key: 'record',
          render: (_, row) => (
            <div className="cell-stack">
              <span>{formatInstant(row.occurredAt)}</span>
              <span className="muted">{actor(row)}</span>
            </div>
          ),
        },
        {
          title: m.colChange,
          key: 'change',
          render: (_, row) => (
            <div className="cell-stack">
              {codeWithLabel(row.action, AUDIT_ACTION_LABELS)}
              <span>{entity(row)}</span>
            </div>
          ),
        },
      ];

  return (
    <>
      <Form<Filters>
        form={form}
        name="audit-filters"
        layout={wide ? 'inline' : 'vertical'}
        className="toolbar audit-filters"
        aria-label="审计日志查询条件"
        onFinish={(values) => {
          setFilters(values);
          setPage(1);
        }}
      >
        <Form.Item name="entityType" label={m.entityTypeLabel}>
          <Input allowClear placeholder={m.entityTypePlaceholder} maxLength={50} />
        </Form.Item>
        <Form.Item name="action" label={m.actionLabel}>
          <Input allowClear placeholder={m.actionPlaceholder} maxLength={100} />
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
      <Table<AuditEvent>
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
          expandedRowRender: (row) => (
            <>
              {!wide && (
                <p className="json-title">
                  {m.colRequest}：<span className="mono">{row.requestId ?? '—'}</span>
                </p>
              )}
              {changedKeys(row.before, row.after).length > 0 && (
                <p className="json-title">
                  {m.changedFields}：
                  <span className="mono">{changedKeys(row.before, row.after).join('、')}</span>
                </p>
              )}
              <div className="json-diff">
                <JsonBlock label={m.before} value={row.before} />
                <JsonBlock label={m.after} value={row.after} />
              </div>
            </>
          ),
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
