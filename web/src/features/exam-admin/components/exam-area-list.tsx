import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { ExamAreaRef } from '../../../lib/types';
import { examAdminMessages as m } from '../messages';
import { ExamAreaModal } from './exam-area-modal';

/** 考区 (platform admins): every exam area; add one, rename one. */
export function ExamAreaList({ areas, pending }: { areas: ExamAreaRef[]; pending: boolean }) {
  const [editing, setEditing] = useState<ExamAreaRef | null>(null);
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<ExamAreaRef> = [
    {
      title: m.colCode,
      dataIndex: 'code',
      key: 'code',
      width: 96,
      render: (code: string) => <span className="mono">{code}</span>,
    },
    { title: m.colName, dataIndex: 'name', key: 'name' },
    {
      title: m.colActions,
      key: 'actions',
      width: 140,
      render: (_, area) => (
        <Button
          type="link"
          icon={<EditOutlined aria-hidden />}
          aria-label={m.renameExamAreaLabel(area.name)}
          onClick={() => setEditing(area)}
        >
          {m.renameExamArea}
        </Button>
      ),
    },
  ];
  return (
    <>
      <p className="form-note">{m.examAreasHint}</p>
      <Flex className="toolbar" gap={8} wrap justify="flex-end">
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setCreating(true)}
        >
          {m.createExamArea}
        </Button>
      </Flex>
      <section aria-label={m.examAreasTableLabel}>
        <Table<ExamAreaRef>
          className="data-table"
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={areas}
          loading={pending}
          locale={{ emptyText: m.noExamAreas }}
          pagination={{
            pageSize: 50,
            hideOnSinglePage: true,
            showTotal: (n) => m.examAreasTotal(n),
          }}
        />
      </section>
      <ExamAreaModal
        key={editing ? `edit-${editing.id}` : 'create'}
        open={creating || editing !== null}
        area={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
