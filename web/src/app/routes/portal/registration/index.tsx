import { Button, Result } from 'antd';
import { Navigate, useLocation, useParams } from 'react-router';
import { ButtonLink } from '../../../../components/button-link';
import { Loading } from '../../../../components/loading';
import { commonMessages } from '../../../../components/messages';
import { NotFoundPage } from '../../../../components/result-page';
import { PageTitle } from '../../../../components/page-title';
import { useSession } from '../../../../features/auth';
import {
  isUiStepKey,
  onlineRegistrationMessages as m,
  RegistrationJourney,
} from '../../../../features/online-registration';
import { errorMessageOf } from '../../../../lib/api-client';
import { isCandidate } from '../../../../lib/permissions';
import { appMessages } from '../../../messages';

/** 网上报名 (/registration, /registration/:step): for logged-in candidates only. */
export function RegistrationPage() {
  const session = useSession();
  const location = useLocation();
  const { step } = useParams();
  const stepKey = step === undefined ? undefined : isUiStepKey(step) ? step : null;
  if (stepKey === null) return <NotFoundPage />;
  if (session.isPending) return <Loading />;
  if (session.isError) {
    return (
      <Result
        status="error"
        title={<h1 className="result-title">{m.title}</h1>}
        subTitle={errorMessageOf(session.error)}
        extra={
          <Button type="primary" onClick={() => void session.refetch()}>
            {commonMessages.retry}
          </Button>
        }
      />
    );
  }
  const account = session.data.account;
  if (!account) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!isCandidate(account)) {
    return (
      <Result
        status="info"
        title={<h1 className="result-title">{m.title}</h1>}
        subTitle={m.notCandidate}
        extra={<ButtonLink to="/console">{appMessages.portal.staffConsole}</ButtonLink>}
      />
    );
  }
  return (
    <div className="or-page">
      <PageTitle title={m.title} />
      <h1 className="page-title">{m.title}</h1>
      <RegistrationJourney step={stepKey} />
    </div>
  );
}
