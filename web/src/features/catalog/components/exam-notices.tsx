import { NotificationOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { useCatalogOverview } from '../api/get-catalog-overview';
import { catalogMessages as m } from '../messages';

/** The exam notices; for now one line per current cycle. */
export function ExamNotices() {
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
  const notices = overview.data.exams.flatMap((exam) =>
    exam.cycles.map((cycle) => ({ key: cycle.id, text: cycle.name })),
  );
  if (notices.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noNotices} />;
  }
  return (
    <ul className="notice-list">
      {notices.map((notice) => (
        <li key={notice.key}>
          <NotificationOutlined aria-hidden />
          <span>{notice.text}</span>
        </li>
      ))}
    </ul>
  );
}
