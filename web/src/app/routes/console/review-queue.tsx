import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { ForbiddenPage } from '../../../components/result-page';
import {
  canUseReview,
  reviewStagesFor,
  ReviewQueue,
  reviewMessages,
} from '../../../features/review';
import { useConsoleAccount } from './context';

const m = reviewMessages;

/** 审核队列 (/console/review?stage=…): reviewers work their queue; area admins read both. */
export function ReviewQueuePage() {
  const account = useConsoleAccount();
  if (!canUseReview(account)) return <ForbiddenPage />;
  const area = account.examArea?.name ?? '';
  const decides = reviewStagesFor(account).some((s) => s.canDecide);
  return (
    <>
      <PageTitle title={m.queueTitle} section="console" />
      <h1 className="page-title">{m.queueTitle}</h1>
      <p className="page-intro">{decides ? m.queueIntro(area) : m.queueIntroReadOnly(area)}</p>
      <ErrorBoundary region={m.queueTitle}>
        <ReviewQueue account={account} />
      </ErrorBoundary>
    </>
  );
}
