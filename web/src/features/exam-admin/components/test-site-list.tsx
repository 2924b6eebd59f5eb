import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TestSiteView } from '@hqe/core';
import { App, Button, Flex, Grid, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../../components/query-error';
import { StatusTag } from '../../../components/status-tag';
import { errorMessageOf } from '../../../lib/api-client';
import type { ExamAreaRef } from '../../../lib/types';
import { useTestSites } from '../api/list-test-sites';
import { useSetTestSiteActive } from '../api/set-test-site-active';
import { examAdminMessages as m } from '../messages';
import { TestSiteModal } from './test-site-modal';

function SiteActions({
  site,
  onEdit,
  stacked,
}: {
  site: TestSiteView;
  onEdit: (site: TestSiteView) => void;
  stacked: boolean;
}) {
  const { message } = App.useApp();
  const setActive = useSetTestSiteActive();
  return (
    <Space
      size={stacked ? 4 : 0}
      orientation={stacked ? 'vertical' : 'horizontal'}
      role="group"
      aria-label={m.siteActionsLabel(site.name)}
      className={stacked ? 'cell-actions' : undefined}
    >
      <Button
        type="link"
        icon={<EditOutlined aria-hidden />}
        aria-label={`${m.edit}：${site.name}`}
        onClick={() => onEdit(site)}
      >
        {m.edit}
      </Button>
      <Popconfirm
        title={site.active ? m.confirmDeactivate(site.name) : m.confirmActivate(site.name)}
        description={site.active ? m.confirmDeactivateHint : undefined}
        okText={site.active ? m.deactivate : m.activate}
        cancelText={m.confirmCancel}
        okButtonProps={{ danger: site.active }}
        getPopupContainer={() => document.getElementById('main') ?? document.body}
        onConfirm={() =>
          setActive.mutate(
            { id: site.id, active: !site.active },
            {
              onSuccess: () =>
                void message.success(
                  site.active ? m.deactivated(site.name) : m.activated(site.name),
                ),
              onError: (error) => void message.error(`${m.actionFailed}：${errorMessageOf(error)}`),
            },
          )
        }
      >
        <Button
          type="link"
          danger={site.active}
          loading={setActive.isPending}
          aria-label={`${site.active ? m.deactivate : m.activate}：${site.name}`}
        >
          {site.active ? m.deactivate : m.activate}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** 考点管理: an area's test sites; add, edit, take out of use and back. */
export function TestSiteList({ area }: { area: ExamAreaRef }) {
  const wide = Grid.useBreakpoint().md === true;
  const sites = useTestSites(area.id);
  const [editing, setEditing] = useState<TestSiteView | null>(null);
  const [creating, setCreating] = useState(false);

  const status = (site: TestSiteView) =>
    site.active ? (
      <StatusTag tone="success">{m.siteActive}</StatusTag>
    ) : (
      <StatusTag tone="neutral">{m.siteInactive}</StatusTag>
    );
  const actions = (site: TestSiteView) => (
    <SiteActions site={site} onEdit={setEditing} stacked={!wide} />
  );
  const columns: TableColumnsType<TestSiteView> = wide
    ? [
        {
          title: m.colCode,
          dataIndex: 'code',
          key: 'code',
          render: (code: string) => <span className="mono">{code}</span>,
        },
        { title: m.colName, dataIndex: 'name', key: 'name' },
        {
          title: m.colAddress,
          dataIndex: 'address',
          key: 'address',
          render: (a: string) => a || '—',
        },
        { title: m.colStatus, key: 'status', render: (_, site) => status(site) },
        { title: m.colActions, key: 'actions', render: (_, site) => actions(site) },
      ]
    : [
        {
          title: m.colSite,
          key: 'site',
          render: (_, site) => (
            <div className="cell-stack">
              <strong>{site.name}</strong>
              <span className="mono">{site.code}</span>
              {site.address && <span className="muted">{site.address}</span>}
              {status(site)}
            </div>
          ),
        },
        { title: m.colActions, key: 'actions', render: (_, site) => actions(site) },
      ];

  return (
    <>
      <Flex className="toolbar" gap={8} wrap justify="flex-end">
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void sites.refetch()}>
          {m.refresh}
        </Button>
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setCreating(true)}
        >
          {m.createTestSite}
        </Button>
      </Flex>
      {sites.isError && (
        <QueryError
          error={sites.error}
          title={m.testSitesLoadFailed}
          onRetry={() => void sites.refetch()}
        />
      )}
      <Table<TestSiteView>
        className="data-table"
        size={wide ? undefined : 'small'}
        rowKey="id"
        columns={columns}
        dataSource={sites.data?.items ?? []}
        loading={sites.isFetching}
        rowClassName={(site) => (site.active ? '' : 'row-inactive')}
        locale={{ emptyText: sites.isError ? ' ' : m.noTestSites }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => m.sitesTotal(n) }}
      />
      <TestSiteModal
        key={editing ? `edit-${editing.id}` : 'create'}
        open={creating || editing !== null}
        site={editing}
        examAreaId={area.id}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
