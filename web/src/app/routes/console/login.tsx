import { Alert, Card } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ButtonLink } from '../../../components/button-link';
import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { LoginForm, authMessages, useAccount } from '../../../features/auth';
import { isCandidate, isStaff } from '../../../lib/permissions';
import { SITE } from '../../../lib/site';
import { appMessages } from '../../messages';

const m = appMessages.console;

/** Only in-console paths are accepted as the place to return to after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/console') && !next.startsWith('//') ? next : '/console';
}

/** Staff login. A candidate account gets a clear message that this console is for staff. */
export function StaffLoginPage() {
  const account = useAccount();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [candidateRejected, setCandidateRejected] = useState(false);
  const next = safeNext(params.get('next'));

  if (isStaff(account)) return <Navigate to={next} replace />;

  return (
    <div className="auth-page">
      <PageTitle title={m.loginTitle} section="console" />
      <a className="skip-link" href="#main">
        {appMessages.skipToContent}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/console/login" className="brand">
            <span className="brand-mark" aria-hidden>
              卫
            </span>
            <span className="brand-text">
              <span className="brand-system">{SITE.systemName}</span>
              <span className="brand-sub">{SITE.consoleName}</span>
            </span>
          </Link>
        </div>
      </header>
      <main id="main" className="auth-main">
        <Card className="auth-card">
          <h1 className="page-title">{m.loginTitle}</h1>
          <p className="page-intro">{m.loginIntro}</p>
          {(candidateRejected || isCandidate(account)) && (
            <Alert
              className="form-alert"
              type="warning"
              showIcon
              title={authMessages.candidateAccountOnConsoleTitle}
              description={
                <>
                  <p>
                    {candidateRejected
                      ? authMessages.candidateAccountOnConsole
                      : m.loggedInAsCandidate}
                  </p>
                  <ButtonLink to="/" size="small">
                    {authMessages.goToPortal}
                  </ButtonLink>
                </>
              }
            />
          )}
          <ErrorBoundary region={m.loginTitle}>
            <LoginForm
              audience="staff"
              onSuccess={(session) => {
                if (session.account?.kind === 'staff') {
                  void navigate(next, { replace: true });
                } else {
                  setCandidateRejected(true);
                }
              }}
            />
          </ErrorBoundary>
          <p className="auth-links">
            <Link to="/">{m.candidateEntry}</Link>
          </p>
        </Card>
      </main>
    </div>
  );
}
