import { Button, Result } from 'antd';
import { Navigate } from 'react-router';
import { ButtonLink } from '../../../components/button-link';
import { Loading } from '../../../components/loading';
import { commonMessages } from '../../../components/messages';
import { PageTitle } from '../../../components/page-title';
import { useSession } from '../../../features/auth';
import { NotificationLanguage, TodoCenter, todoMessages as m } from '../../../features/todos';
import { errorMessageOf } from '../../../lib/api-client';
import { isCandidate } from '../../../lib/permissions';
import { appMessages } from '../../messages';

/** 待办事项 (/todos): what the logged-in candidate still has to do, and by when. */
export function TodosPage() {
  const session = useSession();
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
  if (!account) return <Navigate to={`/login?next=${encodeURIComponent('/todos')}`} replace />;
  if (!isCandidate(account)) {
    return (
      <Result
        status="info"
        title={<h1 className="result-title">{m.title}</h1>}
        subTitle={appMessages.portal.todosForCandidates}
        extra={<ButtonLink to="/console">{appMessages.portal.staffConsole}</ButtonLink>}
      />
    );
  }
  return (
    <div className="todo-page">
      <PageTitle title={m.title} />
      <h1 className="page-title">{m.title}</h1>
      <p className="page-intro">{m.intro}</p>
      <TodoCenter />
      <NotificationLanguage />
    </div>
  );
}
