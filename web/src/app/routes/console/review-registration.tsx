import { useParams } from 'react-router';
import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { ForbiddenPage, NotFoundPage } from '../../../components/result-page';
import { canUseReview, ReviewRegistrationScreen, reviewMessages } from '../../../features/review';
import { useConsoleAccount } from './context';

const m = reviewMessages;

/** 审核报名 (/console/review/:id): one registration with its materials and the decision. */
export function ReviewRegistrationPage() {
  const account = useConsoleAccount();
  const { id } = useParams();
  const registrationId = /^[1-9]\d{0,9}$/.test(id ?? '') ? Number(id) : null;
  if (!canUseReview(account)) return <ForbiddenPage />;
  if (registrationId === null) {
    return <NotFoundPage section="console" homePath="/console/review" homeLabel={m.backToQueue} />;
  }
  return (
    <>
      <PageTitle title={m.decisionTitle} section="console" />
      <h1 className="page-title">{m.decisionTitle}</h1>
      <ErrorBoundary region={m.decisionTitle} resetKey={registrationId}>
        <ReviewRegistrationScreen key={registrationId} id={registrationId} account={account} />
      </ErrorBoundary>
    </>
  );
}
