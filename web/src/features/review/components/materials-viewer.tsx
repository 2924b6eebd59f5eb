import {
  DownloadOutlined,
  ExportOutlined,
  FilePdfOutlined,
  LeftOutlined,
  RightOutlined,
  RotateRightOutlined,
  UndoOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
} from '@ant-design/icons';
import type { MaterialFileView, MaterialSlotKey, MaterialSlotView } from '@hqe/core';
import { Button, Flex, Tooltip } from 'antd';
import {
  useEffect,
  useId,
  useReducer,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { formatInstant } from '../../../lib/format';
import { reviewMessages as m } from '../messages';
import {
  formatBytes,
  initialViewer,
  rotatedFrame,
  viewerKey,
  viewerReducer,
  zoomPercent,
  ZOOM_STEPS,
  type ViewerAction,
  type ViewerState,
} from '../viewer';

/**
 * A PDF as a blob: address. The server forbids framing its responses (X-Frame-Options: DENY), so
 * the file is fetched with the session cookie and shown from memory; revoked when it changes.
 */
function usePdfObjectUrl(url: string | null) {
  const [state, setState] = useState<{ url: string; objectUrl: string | null; failed: boolean }>();
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    let objectUrl: string | null = null;
    fetch(url, { credentials: 'same-origin', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        objectUrl = URL.createObjectURL(await response.blob());
        setState({ url, objectUrl, failed: false });
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ url, objectUrl: null, failed: true });
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return state && state.url === url ? state : undefined;
}

function PdfView({ file, label }: { file: MaterialFileView; label: string }) {
  const pdf = usePdfObjectUrl(file.url);
  const fallback = (
    <p className="rv-pdf-fallback">
      {m.pdfFallback}{' '}
      <a href={file.url} download={file.fileName}>
        {m.download}
      </a>
    </p>
  );
  if (!pdf) return <FilePdfOutlined className="rv-pdf-icon" aria-hidden />;
  if (!pdf.objectUrl) return fallback;
  return (
    <object
      className="rv-pdf"
      data={pdf.objectUrl}
      type="application/pdf"
      aria-label={m.imageAlt(label, file.fileName)}
    >
      {fallback}
    </object>
  );
}

function ImageView({
  file,
  label,
  state,
}: {
  file: MaterialFileView;
  label: string;
  state: ViewerState;
}) {
  const [natural, setNatural] = useState<{ src: string; w: number; h: number } | null>(null);
  const size =
    natural && natural.src === file.url ? natural : { w: file.width ?? 3, h: file.height ?? 4 };
  const frame = rotatedFrame(size.w, size.h, state.rotation);
  const zoom = ZOOM_STEPS[state.zoomIndex] ?? 1;
  return (
    <div
      className="rv-image-frame"
      style={{ width: `${zoom * 100}%`, aspectRatio: frame.aspectRatio }}
    >
      <img
        src={file.url}
        alt={m.imageAlt(label, file.fileName)}
        className="rv-image"
        style={{
          width: `${frame.imageWidthPercent}%`,
          transform: `translate(-50%, -50%) rotate(${state.rotation}deg)`,
        }}
        onLoad={(e) =>
          setNatural({
            src: file.url,
            w: e.currentTarget.naturalWidth,
            h: e.currentTarget.naturalHeight,
          })
        }
      />
    </div>
  );
}

function SlotViewer({ slot }: { slot: MaterialSlotView }) {
  const files = slot.files;
  const [state, dispatchRaw] = useReducer(
    (s: ViewerState, a: ViewerAction) => viewerReducer(s, a, files.length),
    initialViewer,
  );
  const hintId = useId();
  const file = files[state.index];
  if (!file) {
    return (
      <p className="rv-empty-slot" tabIndex={-1}>
        {m.noFilesInSlot}
      </p>
    );
  }
  const isImage = file.kind === 'image';
  const dispatch = (action: ViewerAction) => dispatchRaw(action);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const action = viewerKey(event.key);
    if (!action) return;
    if (!isImage && action.type !== 'next' && action.type !== 'previous') return;
    event.preventDefault();
    dispatch(action);
  };
  const tool = (title: string, icon: ReactNode, action: ViewerAction, disabled = false) => (
    <Tooltip title={title}>
      <Button aria-label={title} icon={icon} disabled={disabled} onClick={() => dispatch(action)} />
    </Tooltip>
  );

  return (
    <div className="rv-slot-viewer">
      {files.length > 1 && (
        <ul className="rv-thumbs" aria-label={m.filesOfSlot(slot.label)}>
          {files.map((f, i) => (
            <li key={f.id}>
              <button
                type="button"
                className={`rv-thumb${i === state.index ? ' is-current' : ''}`}
                aria-label={m.thumbnail(i + 1, f.fileName)}
                aria-current={i === state.index ? 'true' : undefined}
                onClick={() => dispatch({ type: 'select', index: i })}
              >
                {f.thumbnailUrl ? (
                  <img src={f.thumbnailUrl} alt="" />
                ) : (
                  <span className="rv-thumb-pdf">
                    <FilePdfOutlined aria-hidden />
                    {m.pdfThumb}
                  </span>
                )}
                <span className="rv-thumb-n" aria-hidden>
                  {i + 1}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Flex
        className="rv-viewer-tools"
        gap={4}
        wrap
        align="center"
        role="toolbar"
        aria-label={slot.label}
      >
        {tool(
          m.previousFile,
          <LeftOutlined aria-hidden />,
          { type: 'previous' },
          state.index === 0,
        )}
        <span className="rv-viewer-count" aria-hidden>
          {state.index + 1} / {files.length}
        </span>
        {tool(
          m.nextFile,
          <RightOutlined aria-hidden />,
          { type: 'next' },
          state.index >= files.length - 1,
        )}
        {isImage && (
          <>
            <span className="rv-tool-gap" />
            {tool(
              m.zoomOut,
              <ZoomOutOutlined aria-hidden />,
              { type: 'zoomOut' },
              state.zoomIndex === 0,
            )}
            <span className="rv-viewer-zoom" aria-live="polite">
              {m.zoomLevel(zoomPercent(state))}
            </span>
            {tool(
              m.zoomIn,
              <ZoomInOutlined aria-hidden />,
              { type: 'zoomIn' },
              state.zoomIndex === ZOOM_STEPS.length - 1,
            )}
            {tool(m.rotate, <RotateRightOutlined aria-hidden />, { type: 'rotate' })}
            {tool(m.resetView, <UndoOutlined aria-hidden />, { type: 'reset' })}
          </>
        )}
        <span className="rv-tool-gap" />
        <Button
          href={file.url}
          download={file.fileName}
          icon={<DownloadOutlined aria-hidden />}
          aria-label={`${m.download}：${file.fileName}`}
        >
          {m.download}
        </Button>
        <Button
          href={file.url}
          target="_blank"
          rel="noopener"
          icon={<ExportOutlined aria-hidden />}
          aria-label={`${m.openInNewTab}：${file.fileName}`}
        />
      </Flex>
      <div
        className={`rv-stage${isImage ? '' : ' is-pdf'}`}
        tabIndex={0}
        role="group"
        aria-label={m.viewerLabel(slot.label, state.index + 1, files.length)}
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
      >
        {isImage ? (
          <ImageView file={file} label={slot.label} state={state} />
        ) : (
          <PdfView file={file} label={slot.label} />
        )}
      </div>
      <p className="rv-file-meta">
        <span className="rv-file-name">{file.fileName}</span>
        <span className="muted">
          {m.fileMeta(formatBytes(file.sizeBytes), file.pages)} · {formatInstant(file.uploadedAt)}
        </span>
      </p>
      <p id={hintId} className="form-note">
        {m.viewerHint}
      </p>
    </div>
  );
}

/**
 * The materials beside the data: the slot list, the files of the chosen slot as thumbnails, and a
 * large viewer (zoom, rotate, previous / next, PDFs inline with a download), keyboard operable.
 */
export function MaterialsViewer({
  slots,
  show,
}: {
  slots: MaterialSlotView[];
  /** A slot to open from elsewhere on the page (本次修改); `at` tells repeated requests apart. */
  show?: { key: MaterialSlotKey; at: number } | null;
}) {
  const first = slots.find((s) => s.files.length > 0) ?? slots[0];
  const [key, setKey] = useState(first?.key);
  const [shown, setShown] = useState(show?.at);
  const rootRef = useRef<HTMLDivElement>(null);
  // Opening a slot from outside: adopt it while rendering, then bring the viewer into view.
  if (show && show.at !== shown) {
    setShown(show.at);
    setKey(show.key);
  }
  useEffect(() => {
    if (shown === undefined) return;
    const stage = rootRef.current?.querySelector<HTMLElement>('.rv-stage, .rv-empty-slot');
    rootRef.current?.scrollIntoView({ block: 'start' });
    stage?.focus({ preventScroll: true });
  }, [shown]);
  const slot = slots.find((s) => s.key === key) ?? first;
  if (!slot) return <p>{m.noMaterials}</p>;
  return (
    <div className="rv-materials" ref={rootRef}>
      <ul className="rv-slot-list" aria-label={m.slotsLabel}>
        {slots.map((s) => (
          <li key={s.key}>
            <button
              type="button"
              className={`rv-slot${s.key === slot.key ? ' is-current' : ''}`}
              aria-pressed={s.key === slot.key}
              onClick={() => setKey(s.key)}
            >
              <span className="rv-slot-label">{s.label}</span>
              <span
                className={`rv-slot-meta${s.required && s.files.length === 0 ? ' is-missing' : ''}`}
              >
                {s.required ? `${m.slotRequired} · ` : ''}
                {m.slotFiles(s.files.length)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <SlotViewer key={slot.key} slot={slot} />
    </div>
  );
}
