import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CycleView } from '@hqe/core';
import { Button, Flex, Grid, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { formatInstant } from '../../../lib/format';
import { useCycles } from '../api/list-cycles';
import { useExams } from '../api/list-exams';
import { examAdminMessages as m } from '../messages';
import { CycleModal } from './cycle-modal';

/** The year after the newest cycle, or next year in Shanghai when there is none. */
function nextYear(cycles: CycleView[]): number {
  const newest = Math.max(0, ...cycles.map((c) => c.year));
  if (newest > 0) return newest + 1;
  return Number(formatInstant(new Date().toISOString()).slice(0, 4)) + 1;
}

/**
 * 考试年度: every cycle with its work-years cut-off; platform admins (`canEdit`) add and change
 * cycles, area admins read them.
 */
export function CycleList({ canEdit }: { canEdit: boolean }) {
  const wide = Grid.useBreakpoint().md === true;
  const cycles = useCycles();
  const exams = useExams();
  const [editing, setEditing] = useState<CycleView | null>(null);
  const [creating, setCreating] = useState(false);
  if (cycles.isPending) return <Loading />;
  const items = cycles.data?.items ?? [];
  const examList = exams.data?.items ?? [];
  const examName = (id: number) => examList.find((e) => e.id === id)?.name ?? '';

  const edit = (cycle: CycleView) =>
    canEdit ? (
      <Button
        type="link"
        icon={<EditOutlined aria-hidden />}
        aria-label={m.editCycleLabel(cycle.name)}
        onClick={() => setEditing(cycle)}
      >
        {m.edit}
      </Button>
    ) : null;
  const columns: TableColumnsType<CycleView> = wide
    ? [
        { title: m.colYear, dataIndex: 'year', key: 'year', width: 80 },
        { title: m.colCycleName, dataIndex: 'name', key: 'name' },
        ...(examList.length > 1
          ? [
              {
                title: m.colExam,
                key: 'exam',
                render: (_: unknown, c: CycleView) => examName(c.examId),
              },
            ]
          : []),
        {
          title: m.colCutoff,
          dataIndex: 'workYearsCutoff',
          key: 'cutoff',
          width: 150,
          render: (d: string) => <span className="mono">{d}</span>,
        },
        {
          title: m.colCreatedAt,
          dataIndex: 'createdAt',
          key: 'createdAt',
          width: 180,
          render: (t: string) => formatInstant(t),
        },
        ...(canEdit
          ? [
              {
                title: m.colActions,
                key: 'actions',
                width: 100,
                render: (_: unknown, c: CycleView) => edit(c),
              },
            ]
          : []),
      ]
    : [
        {
          title: m.colCycleName,
          key: 'cycle',
          render: (_, c) => (
            <div className="cell-stack">
              <strong>{c.name}</strong>
              <span className="muted">
                {m.colCutoff}：<span className="mono">{c.workYearsCutoff}</span>
              </span>
              {edit(c)}
            </div>
          ),
        },
      ];

  return (
    <>
      <p className="form-note">{m.cyclesHint}</p>
      {!canEdit && <p className="page-intro">{m.cyclesReadOnly}</p>}
      <Flex className="toolbar" gap={8} wrap justify="flex-end">
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void cycles.refetch()}>
          {m.refresh}
        </Button>
        {canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            disabled={examList.length === 0}
            onClick={() => setCreating(true)}
          >
            {m.createCycle}
          </Button>
        )}
      </Flex>
      {cycles.isError && (
        <QueryError
          error={cycles.error}
          title={m.cyclesLoadFailed}
          onRetry={() => void cycles.refetch()}
        />
      )}
      {canEdit && exams.isError && (
        <QueryError
          error={exams.error}
          title={m.examsLoadFailed}
          onRetry={() => void exams.refetch()}
        />
      )}
      <section aria-label={m.cyclesTableLabel}>
        <Table<CycleView>
          className="data-table"
          size={wide ? undefined : 'small'}
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={cycles.isFetching}
          locale={{ emptyText: cycles.isError ? ' ' : m.noCyclesYet }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => m.cyclesTotal(n) }}
        />
      </section>
      {canEdit && (
        <CycleModal
          key={editing ? `edit-${editing.id}` : 'create'}
          open={creating || editing !== null}
          cycle={editing}
          exams={examList}
          suggestedYear={nextYear(items)}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
        />
      )}
    </>
  );
}
