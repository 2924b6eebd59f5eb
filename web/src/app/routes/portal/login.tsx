import { Card } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router';
import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { LoginForm, authMessages, useAccount } from '../../../features/auth';
import { isCandidate } from '../../../lib/permissions';
import { appMessages } from '../../messages';

const m = appMessages.portal;

/** Candidate login; a staff account that logs in here is taken to the console. */
export function CandidateLoginPage() {
  const account = useAccount();
  const navigate = useNavigate();
  if (isCandidate(account)) return <Navigate to="/" replace />;
  return (
    <div className="auth-wrap">
      <PageTitle title={m.loginTitle} />
      <Card className="auth-card">
        <h1 className="page-title">{m.loginTitle}</h1>
        <p className="page-intro">{m.loginIntro}</p>
        <ErrorBoundary region={m.loginTitle}>
          <LoginForm
            audience="candidate"
            onSuccess={(session) =>
              void navigate(session.account?.kind === 'staff' ? '/console' : '/', { replace: true })
            }
          />
        </ErrorBoundary>
        <p className="auth-links">
          {authMessages.noAccount} <Link to="/signup">{m.signup}</Link>
        </p>
        <p className="auth-links">
          <Link to="/console/login">{authMessages.staffEntry}</Link>
        </p>
      </Card>
    </div>
  );
}
