import { Card } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { authMessages, useAccount } from '../../../features/auth';
import { CandidateLoginForm, candidateAccountMessages } from '../../../features/candidate-account';
import { isCandidate } from '../../../lib/permissions';
import { appMessages } from '../../messages';

const m = appMessages.portal;

/** Only a path inside the portal may follow login (never another site or the console). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/console')
    ? next
    : '/';
}

/** Candidate login by document or mobile number; a staff account logging in here goes to the console. */
export function CandidateLoginPage() {
  const account = useAccount();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  if (isCandidate(account)) return <Navigate to={next} replace />;
  return (
    <div className="auth-wrap">
      <PageTitle title={m.loginTitle} />
      <Card className="auth-card">
        <h1 className="page-title">{m.loginTitle}</h1>
        <p className="page-intro">{m.loginIntro}</p>
        <ErrorBoundary region={m.loginTitle}>
          <CandidateLoginForm
            onSuccess={(session) =>
              void navigate(session.account?.kind === 'staff' ? '/console' : next, {
                replace: true,
              })
            }
          />
        </ErrorBoundary>
        <p className="auth-links">
          <Link to="/forgot-password">{candidateAccountMessages.forgotPassword}</Link>
        </p>
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
