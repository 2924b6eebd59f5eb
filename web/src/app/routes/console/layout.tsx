import { MenuOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type AccountView } from '@hqe/core';
import { Button, Drawer, Grid, Layout, Menu, Result } from 'antd';
import { useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from '../../../components/error-boundary';
import { Loading } from '../../../components/loading';
import { PageTitle } from '../../../components/page-title';
import { commonMessages } from '../../../components/messages';
import { LogoutButton, useSession } from '../../../features/auth';
import { errorMessageOf } from '../../../lib/api-client';
import { isStaff } from '../../../lib/permissions';
import { SITE } from '../../../lib/site';
import { useRouteFocus } from '../../../lib/use-route-focus';
import { appMessages } from '../../messages';
import type { ConsoleContext } from './context';
import { navItemsFor, selectedKeyOf } from './nav';

const m = appMessages.console;

function ConsoleMenu({ account, onNavigate }: { account: AccountView; onNavigate?: () => void }) {
  const { pathname } = useLocation();
  const items = navItemsFor(account);
  return (
    <nav aria-label={m.navLabel}>
      <Menu
        mode="inline"
        selectedKeys={[selectedKeyOf(pathname, items)]}
        items={items.map((item) => ({
          key: item.key,
          icon: item.icon,
          label: (
            <Link to={item.path} onClick={onNavigate}>
              {item.label}
            </Link>
          ),
        }))}
      />
    </nav>
  );
}

function ConsoleShell({ account }: { account: AccountView }) {
  const screens = Grid.useBreakpoint();
  const desktop = screens.lg === true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const mainRef = useRouteFocus<HTMLElement>();
  const roles = account.roles.map((role) => ROLE_LABELS[role]).join('、');
  const area = account.examArea?.name ?? m.allAreas;
  const context: ConsoleContext = { account };

  return (
    <Layout className="console">
      <a className="skip-link" href="#main">
        {appMessages.skipToContent}
      </a>
      <Layout.Header className="console-header">
        {!desktop && (
          <Button
            className="menu-button"
            type="text"
            icon={<MenuOutlined aria-hidden />}
            aria-label={m.openMenu}
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/console" className="console-brand">
          <span className="brand-mark" aria-hidden>
            卫
          </span>
          <span className="console-brand-text">
            {desktop && <span className="console-brand-system">{SITE.systemName}</span>}
            <span>{m.headerTitle}</span>
          </span>
        </Link>
        <div className="console-user">
          {screens.md && (
            <>
              <span className="console-user-name">
                <UserOutlined aria-hidden /> {account.displayName}
              </span>
              <span className="console-user-meta">
                {roles} · {area}
              </span>
            </>
          )}
          <LogoutButton
            ghost
            onLoggedOut={() => void navigate('/console/login', { replace: true })}
          />
        </div>
      </Layout.Header>
      <Layout hasSider={desktop}>
        {desktop && (
          <Layout.Sider width={220} theme="light" className="console-sider">
            <ConsoleMenu account={account} />
          </Layout.Sider>
        )}
        <Layout.Content className="console-main" id="main" ref={mainRef} tabIndex={-1}>
          <ErrorBoundary resetKey={pathname}>
            <Outlet context={context} />
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      {!desktop && (
        <Drawer
          title={m.menuTitle}
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={280}
          className="console-drawer"
        >
          <div className="drawer-user">
            <div>{account.displayName}</div>
            <div className="drawer-user-meta">{roles}</div>
            <div className="drawer-user-meta">{area}</div>
          </div>
          <ConsoleMenu account={account} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}

/** The staff console: requires a staff session; forces a password change when one is due. */
export function ConsoleLayout() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) {
    return (
      <main className="standalone-result">
        <Loading />
      </main>
    );
  }
  if (session.isError) {
    return (
      <main className="standalone-result">
        <PageTitle title={m.sessionLoadFailed} section="console" />
        <Result
          status="error"
          title={<h1 className="result-title">{m.sessionLoadFailed}</h1>}
          subTitle={errorMessageOf(session.error)}
          extra={
            <Button type="primary" onClick={() => void session.refetch()}>
              {commonMessages.retry}
            </Button>
          }
        />
      </main>
    );
  }
  const account = session.data.account;
  if (!isStaff(account)) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/console/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (account.mustChangePassword && location.pathname !== '/console/password') {
    return <Navigate to="/console/password" replace />;
  }
  return <ConsoleShell account={account} />;
}
