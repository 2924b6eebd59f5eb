import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { NOTICE_ATTACHMENT_MAX_BYTES, type ExamNoticeView } from '@hqe/core';
import { Alert, App, Button, Popconfirm, Upload } from 'antd';
import { useState } from 'react';
import { errorMessageOf } from '../../../lib/api-client';
import { useDeleteNoticeAttachment } from '../api/delete-notice-attachment';
import { useUploadNoticeAttachment } from '../api/upload-notice-attachment';
import { examAdminMessages as m } from '../messages';
import { extensionOf, readFileAsBase64 } from '../read-file';

/** What the server accepts, by extension (it checks the content too). */
const ACCEPTED = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'];
const ACCEPT_ATTR = ACCEPTED.map((ext) => `.${ext}`).join(',');

/** A file size in KB or MB for people. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The attachments of a notice: download links, delete, and an upload checked before sending. */
export function NoticeAttachments({ notice }: { notice: ExamNoticeView }) {
  const { message } = App.useApp();
  const upload = useUploadNoticeAttachment();
  const remove = useDeleteNoticeAttachment();
  const [uploadError, setUploadError] = useState<{ title: string; text: string } | null>(null);
  const [uploadingName, setUploadingName] = useState<string | null>(null);

  const send = async (file: File) => {
    setUploadError(null);
    const name = file.name;
    const fail = (text: string) => setUploadError({ title: m.uploadFailed(name), text });
    if (!ACCEPTED.includes(extensionOf(name))) return fail(m.attachmentWrongType(name));
    if (file.size === 0) return fail(m.attachmentEmpty(name));
    if (file.size > NOTICE_ATTACHMENT_MAX_BYTES) return fail(m.attachmentTooLarge(name));
    let contentBase64: string;
    try {
      contentBase64 = await readFileAsBase64(file);
    } catch {
      return fail(m.fileReadFailed(name));
    }
    setUploadingName(name);
    upload.mutate(
      { noticeId: notice.id, fileName: name, contentBase64 },
      {
        onSuccess: () => void message.success(m.uploaded(name)),
        onError: (error) => fail(errorMessageOf(error)),
        onSettled: () => setUploadingName(null),
      },
    );
  };

  return (
    <section className="notice-attachments" aria-labelledby={`notice-${notice.id}-attachments`}>
      <h3 id={`notice-${notice.id}-attachments`} className="notice-subtitle">
        {m.attachmentsTitle}
      </h3>
      {notice.attachments.length === 0 ? (
        <p className="muted notice-empty">{m.noAttachments}</p>
      ) : (
        <ul className="attachment-list">
          {notice.attachments.map((a) => (
            <li key={a.id}>
              <PaperClipOutlined aria-hidden />
              <a href={a.downloadUrl} download={a.fileName} aria-label={m.download(a.fileName)}>
                {a.fileName}
              </a>
              <span className="muted attachment-size">{formatSize(a.sizeBytes)}</span>
              <Popconfirm
                title={m.confirmDeleteAttachment(a.fileName)}
                description={m.confirmDeleteAttachmentHint}
                okText={m.confirmDelete}
                cancelText={m.confirmCancel}
                okButtonProps={{ danger: true }}
                getPopupContainer={() => document.getElementById('main') ?? document.body}
                onConfirm={() =>
                  remove.mutate(
                    { noticeId: notice.id, attachmentId: a.id },
                    {
                      onSuccess: () => void message.success(m.attachmentDeleted(a.fileName)),
                      onError: (error) =>
                        void message.error(`${m.actionFailed}：${errorMessageOf(error)}`),
                    },
                  )
                }
              >
                <Button
                  type="link"
                  danger
                  size="small"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={m.deleteAttachmentLabel(a.fileName)}
                >
                  {m.deleteAttachment}
                </Button>
              </Popconfirm>
            </li>
          ))}
        </ul>
      )}
      {uploadError && (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          role="alert"
          title={uploadError.title}
          description={uploadError.text}
          closable={{ 'aria-label': '关闭', onClose: () => setUploadError(null) }}
        />
      )}
      <div className="attachment-upload">
        <Upload
          accept={ACCEPT_ATTR}
          showUploadList={false}
          multiple={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <Button
            icon={<UploadOutlined aria-hidden />}
            loading={upload.isPending}
            aria-label={m.uploadAttachmentFor(notice.title)}
          >
            {uploadingName ? m.uploading(uploadingName) : m.uploadAttachment}
          </Button>
        </Upload>
        <p className="form-note upload-hint">{m.uploadHint}</p>
      </div>
    </section>
  );
}
