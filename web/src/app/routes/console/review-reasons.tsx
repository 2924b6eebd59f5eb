import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { ForbiddenPage } from '../../../components/result-page';
import { canManageReviewReasons, ReasonSettings, reviewMessages } from '../../../features/review';
import { useConsoleAccount } from './context';

const m = reviewMessages;

/** 退回原因设置 (/console/review-reasons): the area administrator's reason catalogue. */
export function ReviewReasonsPage() {
  const account = useConsoleAccount();
  if (!canManageReviewReasons(account)) return <ForbiddenPage />;
  return (
    <>
      <PageTitle title={m.reasonsTitle} section="console" />
      <h1 className="page-title">{m.reasonsTitle}</h1>
      <p className="page-intro">{m.reasonsIntro(account.examArea?.name ?? '')}</p>
      <ErrorBoundary region={m.reasonsTitle}>
        <ReasonSettings />
      </ErrorBoundary>
    </>
  );
}
