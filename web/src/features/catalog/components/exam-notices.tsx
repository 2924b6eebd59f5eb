import { FileOutlined, NotificationOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { formatInstant } from '../../../lib/format';
import { useCatalogOverview } from '../api/get-catalog-overview';
import { usePublishedNotices } from '../api/get-published-notices';
import { catalogMessages as m } from '../messages';

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The published notices of one area in one cycle, each with its text and attachments (R1). */
function CycleNotices({
  cycleId,
  cycleName,
  examAreaId,
}: {
  cycleId: number;
  cycleName: string;
  examAreaId: number;
}) {
  const notices = usePublishedNotices(cycleId, examAreaId);
  if (notices.isPending) return <Loading />;
  if (notices.isError) {
    return (
      <QueryError
        error={notices.error}
        title={m.noticesLoadFailed}
        onRetry={() => void notices.refetch()}
      />
    );
  }
  if (notices.data.items.length === 0) {
    return <p className="muted">{m.noNoticesForCycle(cycleName)}</p>;
  }
  return (
    <ul className="notice-list">
      {notices.data.items.map((notice) => (
        <li key={notice.id} className="notice-item">
          <details>
            <summary>
              <NotificationOutlined aria-hidden /> <span>{notice.title}</span>{' '}
              <span className="muted">{m.publishedAt(formatInstant(notice.publishedAt))}</span>
            </summary>
            <div className="notice-body">{notice.body}</div>
            {notice.attachments.length > 0 && (
              <ul className="notice-attachments" aria-label={m.attachmentsOf(notice.title)}>
                {notice.attachments.map((file) => (
                  <li key={file.id}>
                    <FileOutlined aria-hidden />{' '}
                    <a href={file.downloadUrl} download={file.fileName}>
                      {m.download(file.fileName)}
                    </a>{' '}
                    <span className="muted">（{fileSize(file.sizeBytes)}）</span>
                  </li>
                ))}
              </ul>
            )}
          </details>
        </li>
      ))}
    </ul>
  );
}

/** The exam notices (考试通知) of the current cycles for the area, readable before login. */
export function ExamNotices({ preferredAreaCode }: { preferredAreaCode: string }) {
  const overview = useCatalogOverview();
  if (overview.isPending) return <Loading />;
  if (overview.isError) {
    return (
      <QueryError
        error={overview.error}
        title={m.noticesLoadFailed}
        onRetry={() => void overview.refetch()}
      />
    );
  }
  const cycles = overview.data.exams.flatMap((exam) =>
    exam.cycles.flatMap((cycle) => {
      const area = cycle.areas.find((a) => a.code === preferredAreaCode) ?? cycle.areas[0];
      return area ? [{ cycleId: cycle.id, cycleName: cycle.name, examAreaId: area.id }] : [];
    }),
  );
  if (cycles.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noNotices} />;
  }
  return (
    <div className="notices">
      {cycles.map((c) => (
        <section key={c.cycleId} aria-label={c.cycleName}>
          <h3 className="notices-cycle">{c.cycleName}</h3>
          <CycleNotices cycleId={c.cycleId} cycleName={c.cycleName} examAreaId={c.examAreaId} />
        </section>
      ))}
    </div>
  );
}
