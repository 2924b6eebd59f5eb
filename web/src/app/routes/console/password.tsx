import { Alert, App, Card } from 'antd';
import { useNavigate } from 'react-router';
import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { ChangePasswordForm, authMessages } from '../../../features/auth';
import { appMessages } from '../../messages';
import { useConsoleAccount } from './context';

const m = appMessages.console;

/** 修改密码; when the password must change, explains why and then goes to the dashboard. */
export function PasswordPage() {
  const account = useConsoleAccount();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <>
      <PageTitle title={m.passwordTitle} section="console" />
      <h1 className="page-title">{m.passwordTitle}</h1>
      {account.mustChangePassword && (
        <Alert
          className="form-alert page-alert"
          type="warning"
          showIcon
          title={authMessages.mustChangeTitle}
          description={authMessages.mustChangeHint}
        />
      )}
      <Card className="form-card">
        <ErrorBoundary region={m.passwordTitle}>
          <ChangePasswordForm
            account={account}
            onSuccess={() => {
              void message.success(m.passwordDone);
              void navigate('/console', { replace: true });
            }}
          />
        </ErrorBoundary>
      </Card>
    </>
  );
}
