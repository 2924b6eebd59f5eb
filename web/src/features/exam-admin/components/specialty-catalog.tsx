import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  CERTAINTY_LABELS,
  ELIGIBILITY_LABELS,
  EXAM_MODE_LABELS,
  type AdminSpecialty,
} from '@hqe/core';
import { Button, Flex, Grid, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { SectionCard } from '../../../components/section-card';
import { StatusTag } from '../../../components/status-tag';
import { useCycles } from '../api/list-cycles';
import { useSpecialties } from '../api/list-specialties';
import { CATEGORY_LABELS, examAdminMessages as m } from '../messages';
import { SpecialtyImport } from './specialty-import';
import { SpecialtyModal } from './specialty-modal';

type CertaintyFilter = 'all' | AdminSpecialty['certainty'];

function CertaintyTag({ certainty }: { certainty: AdminSpecialty['certainty'] }) {
  return certainty === 'sourced' ? (
    <StatusTag tone="success">{CERTAINTY_LABELS.sourced}</StatusTag>
  ) : (
    <StatusTag tone="warning">{CERTAINTY_LABELS.uncertain}</StatusTag>
  );
}

function SpecialtyTable({ examId, canEdit }: { examId: number | undefined; canEdit: boolean }) {
  const wide = Grid.useBreakpoint().md === true;
  const specialties = useSpecialties(examId);
  const [editing, setEditing] = useState<AdminSpecialty | null>(null);
  const [query, setQuery] = useState('');
  const [certainty, setCertainty] = useState<CertaintyFilter>('all');
  const q = query.trim().toLowerCase();
  const items = (specialties.data?.items ?? []).filter(
    (s) =>
      (certainty === 'all' || s.certainty === certainty) &&
      (q === '' || s.code.toLowerCase().includes(q) || s.name.toLowerCase().includes(q)),
  );

  const editColumn: TableColumnsType<AdminSpecialty> = canEdit
    ? [
        {
          title: m.colActions,
          key: 'actions',
          width: 90,
          render: (_, s) => (
            <Button
              type="link"
              icon={<EditOutlined aria-hidden />}
              aria-label={m.editSpecialtyLabel(s.code, s.name)}
              onClick={() => setEditing(s)}
            >
              {m.editSpecialty}
            </Button>
          ),
        },
      ]
    : [];
  const columns: TableColumnsType<AdminSpecialty> = wide
    ? [
        {
          title: m.colCode,
          dataIndex: 'code',
          key: 'code',
          width: 80,
          render: (code: string) => <span className="mono">{code}</span>,
        },
        { title: m.colName, dataIndex: 'name', key: 'name' },
        {
          title: m.colLevel,
          key: 'level',
          width: 90,
          render: (_, s) => ELIGIBILITY_LABELS.level[s.level],
        },
        {
          title: m.colCategory,
          key: 'category',
          width: 80,
          render: (_, s) => CATEGORY_LABELS[s.category],
        },
        { title: m.colSubjects, key: 'subjects', render: (_, s) => s.subjects.join('、') },
        {
          title: m.colExamMode,
          key: 'examMode',
          width: 100,
          render: (_, s) => EXAM_MODE_LABELS[s.examMode],
        },
        {
          title: m.colCertainty,
          key: 'certainty',
          width: 100,
          render: (_, s) => <CertaintyTag certainty={s.certainty} />,
        },
        ...editColumn,
      ]
    : [
        {
          title: m.colName,
          key: 'specialty',
          render: (_, s) => (
            <div className="cell-stack">
              <strong>{s.name}</strong>
              <span className="muted">
                <span className="mono">{s.code}</span> · {ELIGIBILITY_LABELS.level[s.level]} ·{' '}
                {CATEGORY_LABELS[s.category]} · {EXAM_MODE_LABELS[s.examMode]}
              </span>
            </div>
          ),
        },
        {
          title: m.colCertainty,
          key: 'certainty',
          width: 96,
          render: (_, s) => <CertaintyTag certainty={s.certainty} />,
        },
        ...editColumn,
      ];

  return (
    <>
      <p className="form-note">{m.certaintyHint}</p>
      <Flex className="toolbar" gap={12} wrap justify="space-between" align="center">
        <Flex gap={12} wrap className="toolbar-filters">
          <Input.Search
            className="toolbar-search"
            aria-label={m.specialtiesSearchLabel}
            placeholder={m.offeringsSearchPlaceholder}
            allowClear
            onChange={(event) => setQuery(event.target.value)}
            onSearch={setQuery}
          />
          <Select<CertaintyFilter>
            className="toolbar-select"
            aria-label={m.certaintyFilterLabel}
            value={certainty}
            onChange={setCertainty}
            options={[
              { value: 'all', label: `${m.colCertainty}：${m.certaintyAll}` },
              { value: 'sourced', label: CERTAINTY_LABELS.sourced },
              { value: 'uncertain', label: CERTAINTY_LABELS.uncertain },
            ]}
          />
        </Flex>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void specialties.refetch()}>
          {m.refresh}
        </Button>
      </Flex>
      {specialties.isError && (
        <QueryError
          error={specialties.error}
          title={m.specialtiesLoadFailed}
          onRetry={() => void specialties.refetch()}
        />
      )}
      <Table<AdminSpecialty>
        className="data-table"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={specialties.isFetching}
        locale={{ emptyText: specialties.isError ? ' ' : m.noSpecialties }}
        pagination={{
          defaultPageSize: 50,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => m.specialtiesTotal(n),
        }}
      />
      {canEdit && (
        <SpecialtyModal
          key={editing?.id ?? 'none'}
          specialty={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** The exam the specialty table belongs to: the exam of the newest cycle. */
function useCatalogExamId() {
  const cycles = useCycles();
  return { examId: cycles.data?.items[0]?.examId, cycles };
}

/**
 * 专业目录: the national specialty table with its certainty marks, and for platform admins
 * (`canImport`) the editing of one specialty and the import of a new table from a file.
 */
export function SpecialtyCatalog({ canImport }: { canImport: boolean }) {
  const { examId, cycles } = useCatalogExamId();
  if (cycles.isPending) return <Loading />;
  return (
    <div className="stack">
      {cycles.isError && (
        <QueryError
          error={cycles.error}
          title={m.cyclesLoadFailed}
          onRetry={() => void cycles.refetch()}
        />
      )}
      {canImport && examId !== undefined && (
        <SectionCard title={m.importTitle}>
          <SpecialtyImport examId={examId} />
        </SectionCard>
      )}
      {!canImport && <p className="page-intro">{m.importOnlyPlatform}</p>}
      <section aria-label={m.catalogTableLabel}>
        <SpecialtyTable examId={examId} canEdit={canImport} />
      </section>
    </div>
  );
}
