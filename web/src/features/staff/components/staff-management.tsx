import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type AccountView, type StaffAccount } from '@hqe/core';
import { Button, Flex, Grid, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../../components/query-error';
import { StatusTag } from '../../../components/status-tag';
import { formatInstant, isInFuture } from '../../../lib/format';
import { canManageStaffAccount } from '../../../lib/permissions';
import { PAGE_SIZE_OPTIONS, type ExamAreaRef } from '../../../lib/types';
import { useStaffAccounts } from '../api/list-staff-accounts';
import { staffMessages as m } from '../messages';
import { CreateStaffModal } from './create-staff-modal';
import { ResetPasswordModal } from './reset-password-modal';
import { StaffRowActions } from './staff-row-actions';

interface Props {
  actor: AccountView;
  /** Areas a platform admin may filter by and assign; ignored for area admins. */
  areas: ExamAreaRef[];
}

/** 人员管理: search, filter by area, page through staff, create, reset, unlock, enable/disable. */
export function StaffManagement({ actor, areas }: Props) {
  const isPlatformAdmin = actor.roles.includes('platform_admin');
  const wide = Grid.useBreakpoint().md === true;
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const [examAreaId, setExamAreaId] = useState<number | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<StaffAccount | null>(null);

  const list = useStaffAccounts({
    page,
    pageSize,
    q: q || undefined,
    examAreaId: isPlatformAdmin ? examAreaId : undefined,
  });
  const pickableAreas = isPlatformAdmin ? areas : actor.examArea ? [actor.examArea] : [];

  const roleTags = (row: StaffAccount) => (
    <Flex gap={4} wrap>
      {row.roles.map((role) => (
        <StatusTag key={role} tone="info">
          {ROLE_LABELS[role]}
        </StatusTag>
      ))}
    </Flex>
  );
  const statusTags = (row: StaffAccount) => (
    <Flex gap={4} wrap vertical={!wide} align={wide ? undefined : 'flex-start'}>
      {row.status === 'active' ? (
        <StatusTag tone="success">{m.statusActive}</StatusTag>
      ) : (
        <StatusTag tone="danger">{m.statusDisabled}</StatusTag>
      )}
      {row.mustChangePassword && <StatusTag tone="warning">{m.mustChange}</StatusTag>}
    </Flex>
  );
  const lockCell = (row: StaffAccount) =>
    isInFuture(row.lockedUntil) ? (
      <StatusTag tone="warning">{m.locked(formatInstant(row.lockedUntil))}</StatusTag>
    ) : (
      m.notLocked
    );
  const usernameCell = (row: StaffAccount) => (
    <span className="mono">
      {row.username}
      {row.id === actor.id && <span className="self-mark">{m.self}</span>}
    </span>
  );
  const actionsCell = (row: StaffAccount) =>
    canManageStaffAccount(actor, row) ? (
      <StaffRowActions account={row} onResetPassword={setResetting} stacked={!wide} />
    ) : (
      <span className="muted">{row.id === actor.id ? m.selfNoActions : m.noActions}</span>
    );

  // Phones get three columns (who, state, actions) so nothing needs sideways scrolling.
  const columns: TableColumnsType<StaffAccount> = wide
    ? [
        { title: m.colUsername, key: 'username', render: (_, row) => usernameCell(row) },
        { title: m.colName, dataIndex: 'displayName', key: 'displayName' },
        { title: m.colRoles, key: 'roles', render: (_, row) => roleTags(row) },
        { title: m.colArea, key: 'examArea', render: (_, row) => row.examArea?.name ?? m.noArea },
        { title: m.colStatus, key: 'status', render: (_, row) => statusTags(row) },
        { title: m.colLock, key: 'locked', render: (_, row) => lockCell(row) },
        {
          title: m.colLastLogin,
          key: 'lastLoginAt',
          render: (_, row) => (row.lastLoginAt ? formatInstant(row.lastLoginAt) : m.neverLoggedIn),
        },
        { title: m.colActions, key: 'actions', render: (_, row) => actionsCell(row) },
      ]
    : [
        {
          title: m.colPerson,
          key: 'person',
          render: (_, row) => (
            <div className="cell-stack">
              <strong>{row.displayName}</strong>
              {usernameCell(row)}
              {roleTags(row)}
              <span className="muted">{row.examArea?.name ?? m.noArea}</span>
            </div>
          ),
        },
        {
          title: m.colStatus,
          key: 'status',
          render: (_, row) => (
            <div className="cell-stack">
              {statusTags(row)}
              {isInFuture(row.lockedUntil) && lockCell(row)}
            </div>
          ),
        },
        { title: m.colActions, key: 'actions', render: (_, row) => actionsCell(row) },
      ];

  return (
    <>
      <Flex className="toolbar" gap={12} wrap justify="space-between" align="center">
        <Flex gap={12} wrap className="toolbar-filters">
          <Input.Search
            className="toolbar-search"
            aria-label={m.searchLabel}
            placeholder={m.searchPlaceholder}
            allowClear
            enterButton
            maxLength={50}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
          />
          {isPlatformAdmin && (
            <Select<number>
              className="toolbar-select"
              aria-label={m.areaFilterLabel}
              placeholder={m.areaFilterPlaceholder}
              allowClear
              value={examAreaId}
              options={areas.map((area) => ({ value: area.id, label: area.name }))}
              onChange={(value: number | undefined) => {
                setExamAreaId(value);
                setPage(1);
              }}
            />
          )}
        </Flex>
        <Flex gap={8} wrap>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void list.refetch()}>
            {m.refresh}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
          >
            {m.create}
          </Button>
        </Flex>
      </Flex>

      {list.isError && (
        <QueryError
          error={list.error}
          title={m.listLoadFailed}
          onRetry={() => void list.refetch()}
        />
      )}

      <Table<StaffAccount>
        className="data-table"
        size={wide ? undefined : 'small'}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={wide ? { x: 'max-content' } : undefined}
        locale={{ emptyText: list.isError ? ' ' : m.empty }}
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

      <CreateStaffModal
        open={creating}
        onClose={() => setCreating(false)}
        actor={actor}
        areas={pickableAreas}
      />
      <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
