import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ExamNoticeView } from '@hqe/core';
import { App, Button, Card, Empty, Flex, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { StatusTag } from '../../../components/status-tag';
import { errorMessageOf } from '../../../lib/api-client';
import { formatInstant } from '../../../lib/format';
import { useNotices } from '../api/list-notices';
import { usePublishNotice } from '../api/publish-notice';
import { useUnpublishNotice } from '../api/unpublish-notice';
import { examAdminMessages as m } from '../messages';
import type { CycleArea } from './admin-scope';
import { NoticeAttachments } from './notice-attachments';
import { NoticeFormModal } from './notice-form-modal';

const BODY_PREVIEW = 600;

function NoticeCard({
  notice,
  onEdit,
}: {
  notice: ExamNoticeView;
  onEdit: (notice: ExamNoticeView) => void;
}) {
  const { message } = App.useApp();
  const publish = usePublishNotice();
  const unpublish = useUnpublishNotice();
  const published = notice.status === 'published';
  const fail = (error: unknown) =>
    void message.error(`${m.actionFailed}：${errorMessageOf(error)}`);
  const body =
    notice.body.length > BODY_PREVIEW ? `${notice.body.slice(0, BODY_PREVIEW)}…` : notice.body;
  const headingId = `notice-${notice.id}-title`;

  return (
    <Card className="notice-card" role="article" aria-labelledby={headingId}>
      <Flex className="notice-head" gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center" className="notice-title-row">
          <h2 id={headingId} className="notice-title">
            {notice.title}
          </h2>
          {published ? (
            <StatusTag tone="success">{m.noticeStatusPublished}</StatusTag>
          ) : (
            <StatusTag tone="warning">{m.noticeStatusDraft}</StatusTag>
          )}
        </Flex>
        <Space wrap role="group" aria-label={m.noticeActionsLabel(notice.title)}>
          <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(notice)}>
            {m.edit}
          </Button>
          <Popconfirm
            title={published ? m.confirmUnpublish(notice.title) : m.confirmPublish(notice.title)}
            description={published ? m.confirmUnpublishHint : m.confirmPublishHint}
            okText={published ? m.unpublish : m.publish}
            cancelText={m.confirmCancel}
            okButtonProps={{ danger: published }}
            getPopupContainer={() => document.getElementById('main') ?? document.body}
            onConfirm={() =>
              published
                ? unpublish.mutate(notice.id, {
                    onSuccess: () => void message.success(m.unpublished(notice.title)),
                    onError: fail,
                  })
                : publish.mutate(notice.id, {
                    onSuccess: () => void message.success(m.published(notice.title)),
                    onError: fail,
                  })
            }
          >
            <Button
              type={published ? 'default' : 'primary'}
              danger={published}
              loading={publish.isPending || unpublish.isPending}
            >
              {published ? m.unpublish : m.publish}
            </Button>
          </Popconfirm>
        </Space>
      </Flex>
      <p className="notice-meta">
        {published && notice.publishedAt
          ? m.publishedAt(formatInstant(notice.publishedAt))
          : m.draftHint}
        <span className="notice-meta-sep" aria-hidden>
          ·
        </span>
        {m.updatedAt(formatInstant(notice.updatedAt))}
      </p>
      <div className="notice-body">{body === '' ? m.emptyBody : body}</div>
      <NoticeAttachments notice={notice} />
    </Card>
  );
}

/** 考试通知: the notices of an area in a cycle, drafts and published, with their attachments. */
export function NoticeBoard({ scope }: { scope: CycleArea }) {
  const notices = useNotices({ cycleId: scope.cycle.id, examAreaId: scope.area.id });
  const [editing, setEditing] = useState<ExamNoticeView | null>(null);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <Flex className="toolbar" gap={8} wrap justify="flex-end">
        <Button
          icon={<ReloadOutlined aria-hidden />}
          onClick={() => void notices.refetch()}
          loading={notices.isFetching && !notices.isPending}
        >
          {m.refresh}
        </Button>
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setCreating(true)}
        >
          {m.createNotice}
        </Button>
      </Flex>
      {notices.isPending ? (
        <Loading />
      ) : notices.isError ? (
        <QueryError
          error={notices.error}
          title={m.noticesLoadFailed}
          onRetry={() => void notices.refetch()}
        />
      ) : notices.data.items.length === 0 ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noNotices} />
        </Card>
      ) : (
        <div className="stack">
          {notices.data.items.map((notice) => (
            <NoticeCard key={notice.id} notice={notice} onEdit={setEditing} />
          ))}
        </div>
      )}
      <NoticeFormModal
        key={editing ? `edit-${editing.id}` : 'create'}
        open={creating || editing !== null}
        notice={editing}
        scope={scope}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
