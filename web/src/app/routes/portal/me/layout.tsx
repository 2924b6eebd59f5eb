import { Button, Result } from 'antd';
import { useEffect, useRef } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { ButtonLink } from '../../../../components/button-link';
import { Loading } from '../../../../components/loading';
import { commonMessages } from '../../../../components/messages';
import { PageTitle } from '../../../../components/page-title';
import { useSession } from '../../../../features/auth';
import { profileMessages } from '../../../../features/candidate-profile';
import { errorMessageOf } from '../../../../lib/api-client';
import { isCandidate } from '../../../../lib/permissions';
import { appMessages } from '../../../messages';
import './me.css';

const m = appMessages.portal;

/** The sections of 个人中心, in the order a candidate fills them in. */
export const ME_NAV = [
  { path: '/me', label: m.meOverview, end: true },
  { path: '/me/personal', label: m.mePersonal },
  { path: '/me/photo', label: m.mePhoto },
  { path: '/me/education', label: m.meEducation },
  { path: '/me/work', label: m.meWork },
  { path: '/me/qualifications', label: m.meQualifications },
  { path: '/me/account', label: m.meAccount },
] as const;

/**
 * The menu. On a phone it is a row that scrolls sideways: the current page's item is scrolled into
 * view, also when the page is opened directly (e.g. /me/account from a link).
 */
function MeNav() {
  const { pathname } = useLocation();
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const list = listRef.current;
    const current = list?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!list || !current) return;
    const box = list.getBoundingClientRect();
    const item = current.getBoundingClientRect();
    if (item.left < box.left || item.right > box.right) {
      list.scrollLeft += item.left - box.left - 16;
    }
  }, [pathname]);
  return (
    <nav aria-label={m.meNavLabel} className="me-nav">
      <ul ref={listRef}>
        {ME_NAV.map((item) => (
          <li key={item.path}>
            <NavLink to={item.path} end={'end' in item}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * 个人中心: the logged-in candidate's own area. A visitor is sent to the login page; staff are told
 * it is for candidates. The menu is a column beside the page on wide screens and a row of buttons
 * that scrolls sideways above it on phones.
 */
export function MeLayout() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError) {
    return (
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
        title={<h1 className="result-title">{m.me}</h1>}
        subTitle={profileMessages.notCandidate}
        extra={<ButtonLink to="/console">{m.staffConsole}</ButtonLink>}
      />
    );
  }
  return (
    <div className="me">
      <PageTitle title={m.me} />
      <MeNav />
      <div className="me-content">
        <Outlet />
      </div>
    </div>
  );
}
