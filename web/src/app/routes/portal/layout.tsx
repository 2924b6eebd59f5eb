import { UserOutlined } from '@ant-design/icons';
import { Skeleton } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ButtonLink } from '../../../components/button-link';
import { ErrorBoundary } from '../../../components/error-boundary';
import { LogoutButton, useSession } from '../../../features/auth';
import { TodoBell } from '../../../features/todos';
import { isCandidate, isStaff } from '../../../lib/permissions';
import { SITE } from '../../../lib/site';
import { useRouteFocus } from '../../../lib/use-route-focus';
import { appMessages } from '../../messages';

const m = appMessages.portal;

function AccountArea() {
  const session = useSession();
  const navigate = useNavigate();
  if (session.isPending) {
    return <Skeleton.Button active size="small" aria-hidden className="header-skeleton" />;
  }
  const account = session.data?.account ?? null;
  if (!account) {
    return (
      <div className="header-actions">
        <ButtonLink to="/login" ghost>
          {m.login}
        </ButtonLink>
        <ButtonLink to="/signup" className="header-primary">
          {m.signup}
        </ButtonLink>
      </div>
    );
  }
  return (
    <div className="header-actions">
      <span className="header-user">
        <UserOutlined aria-hidden /> {account.displayName}
      </span>
      {isStaff(account) && (
        <ButtonLink to="/console" ghost>
          {m.staffConsole}
        </ButtonLink>
      )}
      {isCandidate(account) && <TodoBell />}
      {isCandidate(account) && (
        <ButtonLink to="/registration" ghost>
          {m.onlineRegistration}
        </ButtonLink>
      )}
      {isCandidate(account) && (
        <ButtonLink to="/me" ghost>
          {m.me}
        </ButtonLink>
      )}
      <LogoutButton ghost onLoggedOut={() => void navigate('/')} />
    </div>
  );
}

/** The candidate portal: header with the system name and area, the page, and a footer. */
export function PortalLayout() {
  const { pathname } = useLocation();
  const mainRef = useRouteFocus<HTMLElement>();
  return (
    <div className="portal">
      <a className="skip-link" href="#main">
        {appMessages.skipToContent}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden>
              卫
            </span>
            <span className="brand-text">
              <span className="brand-system">{SITE.systemName}</span>
              <span className="brand-sub">
                {SITE.portalName}
                <span className="brand-area">{SITE.areaName}</span>
              </span>
            </span>
          </Link>
          <nav aria-label="用户菜单">
            <AccountArea />
          </nav>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="portal-main">
        <div className="container">
          <ErrorBoundary resetKey={pathname}>
            <Outlet />
          </ErrorBoundary>
        </div>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{m.footer}</p>
          <p>{m.footerHint}</p>
        </div>
      </footer>
    </div>
  );
}
