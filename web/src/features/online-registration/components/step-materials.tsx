import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  ExclamationCircleOutlined,
  FilePdfOutlined,
  LoadingOutlined,
  ReloadOutlined,
  StopOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { MaterialSlotView, RegistrationView } from '@hqe/core';
import { Alert, Button, Popconfirm, Progress, Upload } from 'antd';
import { useState } from 'react';
import { StatusTag } from '../../../components/status-tag';
import { errorMessageOf, isApiError } from '../../../lib/api-client';
import { useMaterialUploads, type MaterialUploads } from '../api/material-uploads';
import { useDeleteMaterial, useReorderMaterials } from '../api/registrations';
import { percentOf } from '../api/upload';
import { onlineRegistrationMessages as m } from '../messages';
import { canRemoveFile, canUploadTo, isAddedForSupplement } from '../qualification-review';
import { formatSize } from '../read-file';
import type { UploadItem } from '../upload-queue';
import { MutationError } from './mutation-error';
import { SupplySection } from './supply-section';

const ACCEPT = '.jpg,.jpeg,.png,.heic,.heif,.pdf,image/jpeg,image/png,image/heic,application/pdf';

/** Refusals of the file itself: sending the same file again cannot help, another file can. */
const FILE_REFUSED = [
  'material_rejected',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
  'invalid_transition',
  'phase_closed',
  'not_found',
  'forbidden',
] as const;

/** What went wrong with a file: the API's message and problems, or that it could not be read. */
function describeFailure(error: unknown): { message: string; problems: string[]; retry: boolean } {
  if (!isApiError(error)) return { message: m.fileUnreadable, problems: [], retry: true };
  const details = error.details as { problems?: { message?: unknown }[] } | undefined;
  const problems = Array.isArray(details?.problems)
    ? details.problems.flatMap((p) => (typeof p.message === 'string' ? [p.message] : []))
    : [];
  return {
    message: errorMessageOf(error),
    problems: problems.length > 1 ? problems : [],
    retry: !isApiError(error, ...FILE_REFUSED),
  };
}

/** A chosen file not stored yet: waiting, being sent (with its percentage), or failed. */
function PendingFile({ item, uploads }: { item: UploadItem; uploads: MaterialUploads }) {
  const name = item.file.name;
  const percent = percentOf(item.progress);
  const failure = item.state === 'failed' ? describeFailure(item.error) : null;
  const text =
    item.state === 'queued'
      ? m.queued(name)
      : item.state === 'uploading'
        ? percent >= 100
          ? m.checking(name)
          : m.uploading(name)
        : m.uploadFailed(name);
  return (
    <li className={`or-file is-${item.state}`}>
      <span className="or-file-thumb" aria-hidden>
        {item.state === 'failed' ? (
          <ExclamationCircleOutlined />
        ) : item.state === 'uploading' ? (
          <LoadingOutlined />
        ) : (
          <UploadOutlined />
        )}
      </span>
      <div className="or-file-body">
        {!failure && (
          <>
            <span role="status" className="or-file-name">
              {text}
            </span>
            <span className="or-muted">{formatSize(item.file.size)}</span>
            <Progress
              className="or-progress"
              percent={percent}
              size="small"
              status={item.state === 'uploading' ? 'active' : 'normal'}
              aria-label={m.progressLabel(name)}
              aria-valuetext={`${percent}%`}
            />
          </>
        )}
        {failure && (
          <div role="alert" className="or-file-error">
            <span className="or-file-name">{text}</span>
            <span className="or-error-text">{failure.message}</span>
            {failure.problems.length > 0 && (
              <ul className="or-error-text">
                {failure.problems.map((p, index) => (
                  <li key={`${index}-${p}`}>{p}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="or-file-actions">
          {failure?.retry && (
            <Button
              size="small"
              icon={<ReloadOutlined aria-hidden />}
              aria-label={`${m.retry}：${name}`}
              onClick={() => uploads.retry(item)}
            >
              {m.retry}
            </Button>
          )}
          <Button
            size="small"
            icon={failure ? <DeleteOutlined aria-hidden /> : <StopOutlined aria-hidden />}
            aria-label={`${failure ? m.dismiss : m.cancelUpload}：${name}`}
            onClick={() => uploads.remove(item)}
          >
            {failure ? m.dismiss : m.cancelUpload}
          </Button>
        </div>
      </div>
    </li>
  );
}

function SlotCard({
  view,
  slot,
  uploads,
}: {
  view: RegistrationView;
  slot: MaterialSlotView;
  uploads: MaterialUploads;
}) {
  const remove = useDeleteMaterial(view.cycle.id, view.id);
  const reorder = useReorderMaterials(view.cycle.id, view.id);
  const mine = uploads.items.filter((p) => p.slotKey === slot.key);
  const [skipped, setSkipped] = useState<string[]>([]);
  const headingId = `or-slot-${slot.key}`;
  const editable = canUploadTo(view, slot.key);
  const supplement = view.supplement;
  const named = supplement?.slots.includes(slot.key) ?? false;
  const outdated = new Set(view.applicationForm.outdatedFileIds);
  const room = slot.maxFiles - slot.files.length - mine.length;
  const full = room <= 0;
  /** Several files chosen at once go into the line in the order chosen, as far as there is room. */
  const choose = (files: File[]) => {
    uploads.add(slot.key, files.slice(0, Math.max(0, room)));
    setSkipped(files.slice(Math.max(0, room)).map((f) => f.name));
  };
  const move = (index: number, delta: number) => {
    const ids = slot.files.map((f) => f.id);
    const [id] = ids.splice(index, 1);
    if (id === undefined) return;
    ids.splice(index + delta, 0, id);
    reorder.mutate({ slotKey: slot.key, fileIds: ids });
  };
  return (
    <li className="or-slot" aria-labelledby={headingId}>
      <div className="or-slot-head">
        <h3 id={headingId} className="or-slot-title">
          {slot.label}
        </h3>
        {named ? (
          <StatusTag tone="warning">{m.supplementSlotTag}</StatusTag>
        ) : supplement ? (
          <StatusTag tone="neutral">{m.notInSupplement}</StatusTag>
        ) : (
          <StatusTag tone={!slot.requested ? 'neutral' : slot.required ? 'info' : 'neutral'}>
            {!slot.requested ? m.notRequested : slot.required ? m.requiredSlot : m.optionalSlot}
          </StatusTag>
        )}
      </div>
      <p className="or-muted">{slot.reason}</p>
      {slot.files.length === 0 && mine.length === 0 && <p className="or-muted">{m.noFiles}</p>}
      <ol className="or-files">
        {slot.files.map((f, index) => (
          <li key={f.id} className="or-file">
            <a href={f.url} target="_blank" rel="noreferrer" className="or-file-thumb">
              {f.thumbnailUrl ? (
                <img src={f.thumbnailUrl} alt={m.thumbnailAlt(f.fileName)} />
              ) : (
                <FilePdfOutlined aria-hidden />
              )}
            </a>
            <div className="or-file-body">
              <a href={f.url} target="_blank" rel="noreferrer" className="or-file-name">
                {m.page(index + 1)} · {f.fileName}
              </a>
              <span className="or-muted">
                {m.fileMeta(f.kind === 'pdf' ? 'PDF' : '图片', formatSize(f.sizeBytes))}
              </span>
              {supplement && named && isAddedForSupplement(f, supplement) && (
                <span>
                  <StatusTag tone="success">{m.addedTag}</StatusTag>
                </span>
              )}
              {outdated.has(f.id) && (
                <span className="or-file-outdated">
                  <StatusTag tone="warning">{m.outdatedTag}</StatusTag> {m.outdatedFile}
                </span>
              )}
              {/* During a supplement, files already reviewed stay as they are (R19). */}
              {editable && canRemoveFile(view, slot.key, f) && (
                <div className="or-file-actions">
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined aria-hidden />}
                    disabled={index === 0 || reorder.isPending}
                    aria-label={`${m.moveUp}：${f.fileName}`}
                    onClick={() => move(index, -1)}
                  >
                    {m.moveUp}
                  </Button>
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined aria-hidden />}
                    disabled={index === slot.files.length - 1 || reorder.isPending}
                    aria-label={`${m.moveDown}：${f.fileName}`}
                    onClick={() => move(index, 1)}
                  >
                    {m.moveDown}
                  </Button>
                  <Popconfirm
                    title={m.deleteConfirm(f.fileName)}
                    okText={m.deleteFile}
                    cancelText={m.cancel}
                    onConfirm={() => remove.mutate(f.id)}
                  >
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={`${m.deleteFile}：${f.fileName}`}
                    >
                      {m.deleteFile}
                    </Button>
                  </Popconfirm>
                </div>
              )}
            </div>
          </li>
        ))}
        {mine.map((item) => (
          <PendingFile key={item.id} item={item} uploads={uploads} />
        ))}
      </ol>
      <MutationError error={remove.error ?? reorder.error} />
      {editable && (
        <>
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            disabled={full}
            beforeUpload={(file, list) => {
              // Called once per chosen file with the whole choice: take the choice once.
              if (file === list[0]) choose(list);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button
              icon={<UploadOutlined aria-hidden />}
              disabled={full}
              aria-label={`${m.upload}：${slot.label}`}
            >
              {m.upload}
            </Button>
          </Upload>
          {full && <p className="or-muted">{m.slotFull(slot.maxFiles)}</p>}
          {skipped.length > 0 && (
            <Alert
              className="form-alert"
              type="warning"
              showIcon
              role="alert"
              title={m.notAdded(slot.maxFiles, skipped.join('、'))}
              closable={{ 'aria-label': m.close, onClose: () => setSkipped([]) }}
            />
          )}
        </>
      )}
    </li>
  );
}

/**
 * 上传材料: one card per slot the registration asks for. During a supplement request (R19) only the
 * named slots take files, shown first, and 提交补充材料 follows them.
 */
export function MaterialsStep({ view }: { view: RegistrationView }) {
  const uploads = useMaterialUploads(view);
  const named = view.supplement?.slots ?? [];
  const slots = named.length
    ? [
        ...view.materialSlots.filter((s) => named.includes(s.key)),
        ...view.materialSlots.filter((s) => !named.includes(s.key)),
      ]
    : view.materialSlots;
  return (
    <div>
      {view.supplement && (
        <Alert className="form-alert" type="warning" showIcon title={m.supplementIntro} />
      )}
      <p>{m.materialsIntro}</p>
      {view.materialSlots.length === 0 && <Alert type="info" showIcon title={m.noFiles} />}
      <ul className="or-slots">
        {slots.map((slot) => (
          <SlotCard key={slot.key} view={view} slot={slot} uploads={uploads} />
        ))}
      </ul>
      <SupplySection view={view} />
    </div>
  );
}
