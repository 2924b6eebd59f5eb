import type { ReviewQueueItem } from '@hqe/core';
import { Flex, Grid, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { StatusTag } from '../../../components/status-tag';
import { formatInstant } from '../../../lib/format';
import { claimStateOf } from '../claim';
import { reviewMessages as m } from '../messages';
import { RegistrationStatusTag } from './registration-status';

interface Props {
  items: ReviewQueueItem[];
  loading: boolean;
  /** Where a row's link leads: the decision screen, keeping the queue's filters. */
  hrefOf: (item: ReviewQueueItem) => string;
  emptyText: string;
  /** Row selection for bulk decisions; absent when the reviewer may not decide in bulk. */
  selection?: {
    selected: number[];
    onChange: (ids: number[]) => void;
    selectable: (item: ReviewQueueItem) => boolean;
  };
}

function Flags({ item }: { item: ReviewQueueItem }) {
  if (!item.returning && !item.autoFailed && !item.resubmitted) return null;
  return (
    <Flex gap={4} wrap>
      {item.resubmitted && <StatusTag tone="warning">{m.flagResubmitted}</StatusTag>}
      {item.returning && <StatusTag tone="info">{m.flagReturning}</StatusTag>}
      {item.autoFailed && <StatusTag tone="danger">{m.flagAutoFailed}</StatusTag>}
    </Flex>
  );
}

function ClaimCell({ item, short }: { item: ReviewQueueItem; short?: boolean }) {
  const claim = claimStateOf(item.claim);
  switch (claim.kind) {
    case 'free':
      return <span className="muted">{m.claimFree}</span>;
    case 'mine':
      return (
        <StatusTag tone="success">
          {short ? m.claimMineShort : m.claimMine(formatInstant(claim.expiresAt).slice(11))}
        </StatusTag>
      );
    case 'other':
      return (
        <StatusTag tone="warning">
          {short
            ? m.claimOtherShort(claim.reviewerName)
            : m.claimOther(claim.reviewerName, formatInstant(claim.expiresAt).slice(11))}
        </StatusTag>
      );
  }
}

const specialtyText = (item: ReviewQueueItem) =>
  item.specialtyCode ? `${item.specialtyCode} ${item.specialtyName ?? ''}`.trim() : m.none;

/** The queue as a table: everything needed to pick the next one, without opening it. */
export function QueueTable({ items, loading, hrefOf, emptyText, selection }: Props) {
  const wide = Grid.useBreakpoint().lg === true;
  const numberLink = (item: ReviewQueueItem) => (
    <Link
      to={hrefOf(item)}
      className="mono rv-number-link"
      aria-label={m.openRegistration(item.registrationNumber, item.candidateName)}
    >
      {item.registrationNumber}
    </Link>
  );

  // Phones and narrow windows get two columns, so nothing scrolls sideways.
  const columns: TableColumnsType<ReviewQueueItem> = wide
    ? [
        { title: m.colNumber, key: 'number', render: (_, item) => numberLink(item) },
        {
          title: m.colCandidate,
          key: 'candidate',
          render: (_, item) => (
            <div className="cell-stack">
              <strong>{item.candidateName}</strong>
              <span className="mono muted">{item.documentNumberMasked}</span>
            </div>
          ),
        },
        {
          title: m.colSpecialty,
          key: 'specialty',
          render: (_, item) => (
            <div className="cell-stack">
              <span>{specialtyText(item)}</span>
              {item.levelLabel && <span className="muted">{item.levelLabel}</span>}
            </div>
          ),
        },
        {
          title: `${m.colCity} / ${m.colTestSite}`,
          key: 'place',
          render: (_, item) => (
            <div className="cell-stack">
              <span>{item.cityName ?? m.none}</span>
              <span className="muted">{item.testSiteName ?? m.none}</span>
            </div>
          ),
        },
        { title: m.colFlags, key: 'flags', render: (_, item) => <Flags item={item} /> },
        {
          title: m.colQueuedAt,
          key: 'queuedAt',
          render: (_, item) => (
            <span className="nowrap">{formatInstant(item.queuedAt ?? item.submittedAt)}</span>
          ),
        },
        {
          title: m.colStatus,
          key: 'status',
          render: (_, item) => (
            <RegistrationStatusTag status={item.status} label={item.statusLabel} />
          ),
        },
        { title: m.colClaim, key: 'claim', render: (_, item) => <ClaimCell item={item} /> },
      ]
    : [
        {
          title: m.colRegistration,
          key: 'registration',
          render: (_, item) => (
            <div className="cell-stack">
              {numberLink(item)}
              <strong>{item.candidateName}</strong>
              <span className="mono muted">{item.documentNumberMasked}</span>
              <span>{specialtyText(item)}</span>
              <span className="muted">
                {[item.cityName, formatInstant(item.queuedAt ?? item.submittedAt)]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </div>
          ),
        },
        {
          title: m.colState,
          key: 'state',
          render: (_, item) => (
            <div className="cell-stack">
              <RegistrationStatusTag status={item.status} label={item.statusLabel} />
              <Flags item={item} />
              <ClaimCell item={item} short />
            </div>
          ),
        },
      ];

  // Scrolled by its own wrapper: antd's scroll.x adds a hidden measuring row that would repeat
  // the select-all checkbox out of sight (a focusable element inside aria-hidden).
  return (
    <div className="rv-table-scroll">
      <Table<ReviewQueueItem>
        className="data-table rv-queue-table"
        size={wide ? undefined : 'small'}
        rowKey="registrationId"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        locale={{ emptyText }}
        rowSelection={
          selection
            ? {
                selectedRowKeys: selection.selected,
                onChange: (keys) => selection.onChange(keys.map(Number)),
                getCheckboxProps: (item) => ({
                  disabled: !selection.selectable(item),
                  'aria-label': m.selectRow(item.candidateName),
                }),
                columnWidth: 44,
              }
            : undefined
        }
      />
    </div>
  );
}
