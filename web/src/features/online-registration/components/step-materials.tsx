import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  FilePdfOutlined,
  LoadingOutlined,
  ReloadOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { MaterialSlotView, RegistrationView } from '@hqe/core';
import { Alert, Button, Popconfirm, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { StatusTag } from '../../../components/status-tag';
import { apiRequest, errorMessageOf } from '../../../lib/api-client';
import { registrationKeys, useDeleteMaterial, useReorderMaterials } from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';
import { formatSize, readFileAsBase64 } from '../read-file';
import { MutationError } from './mutation-error';

const ACCEPT = '.jpg,.jpeg,.png,.heic,.heif,.pdf,image/jpeg,image/png,image/heic,application/pdf';

interface PendingUpload {
  localId: number;
  slotKey: string;
  file: File;
  state: 'uploading' | 'failed';
  error?: string;
}

let nextLocalId = 1;

/** Uploads in flight or failed, kept per file so one failure never loses the others. */
function useUploads(view: RegistrationView) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const patch = (localId: number, change: Partial<PendingUpload> | null) =>
    setPending((list) =>
      change === null
        ? list.filter((p) => p.localId !== localId)
        : list.map((p) => (p.localId === localId ? { ...p, ...change } : p)),
    );
  const send = async (item: PendingUpload) => {
    patch(item.localId, { state: 'uploading', error: undefined });
    try {
      const contentBase64 = await readFileAsBase64(item.file);
      await apiRequest<RegistrationView>(
        `/api/registrations/${view.id}/materials/${item.slotKey}`,
        { method: 'POST', body: { fileName: item.file.name, contentBase64 } },
      );
      patch(item.localId, null);
    } catch (error) {
      patch(item.localId, { state: 'failed', error: errorMessageOf(error) });
    } finally {
      await queryClient.invalidateQueries({ queryKey: registrationKeys.lookup(view.cycle.id) });
    }
  };
  const add = (slotKey: string, file: File) => {
    const item: PendingUpload = { localId: nextLocalId++, slotKey, file, state: 'uploading' };
    setPending((list) => [...list, item]);
    void send(item);
  };
  return {
    pending,
    add,
    retry: (item: PendingUpload) => void send(item),
    remove: (id: number) => patch(id, null),
  };
}

function SlotCard({
  view,
  slot,
  uploads,
}: {
  view: RegistrationView;
  slot: MaterialSlotView;
  uploads: ReturnType<typeof useUploads>;
}) {
  const remove = useDeleteMaterial(view.cycle.id, view.id);
  const reorder = useReorderMaterials(view.cycle.id, view.id);
  const mine = uploads.pending.filter((p) => p.slotKey === slot.key);
  const headingId = `or-slot-${slot.key}`;
  const full = slot.files.length + mine.length >= slot.maxFiles;
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
        <StatusTag tone={!slot.requested ? 'neutral' : slot.required ? 'info' : 'neutral'}>
          {!slot.requested ? m.notRequested : slot.required ? m.requiredSlot : m.optionalSlot}
        </StatusTag>
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
              {view.canEdit && (
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
        {mine.map((p) => (
          <li key={p.localId} className={`or-file is-${p.state}`}>
            <span className="or-file-thumb" aria-hidden>
              {p.state === 'uploading' ? <LoadingOutlined /> : <UploadOutlined />}
            </span>
            <div className="or-file-body" role={p.state === 'failed' ? 'alert' : 'status'}>
              <span>
                {p.state === 'uploading' ? m.uploading(p.file.name) : m.uploadFailed(p.file.name)}
              </span>
              {p.error && <span className="or-error-text">{p.error}</span>}
              {p.state === 'failed' && (
                <div className="or-file-actions">
                  <Button
                    size="small"
                    icon={<ReloadOutlined aria-hidden />}
                    onClick={() => uploads.retry(p)}
                  >
                    {m.retry}
                  </Button>
                  <Button size="small" onClick={() => uploads.remove(p.localId)}>
                    {m.dismiss}
                  </Button>
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
      <MutationError error={remove.error ?? reorder.error} />
      {view.canEdit && (
        <>
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            disabled={full}
            beforeUpload={(file) => {
              uploads.add(slot.key, file);
              return false;
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
        </>
      )}
    </li>
  );
}

/** 上传材料: one card per slot the registration asks for. */
export function MaterialsStep({ view }: { view: RegistrationView }) {
  const uploads = useUploads(view);
  return (
    <div>
      <p>{m.materialsIntro}</p>
      {view.materialSlots.length === 0 && <Alert type="info" showIcon title={m.noFiles} />}
      <ul className="or-slots">
        {view.materialSlots.map((slot) => (
          <SlotCard key={slot.key} view={view} slot={slot} uploads={uploads} />
        ))}
      </ul>
    </div>
  );
}
