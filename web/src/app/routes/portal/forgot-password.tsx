import { Card } from 'antd';
import { Link } from 'react-router';
import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import {
  candidateAccountMessages as m,
  ForgotPasswordForm,
} from '../../../features/candidate-account';

/** 找回密码: a code to the account's mobile (or verified e-mail), then a new password. */
export function ForgotPasswordPage() {
  return (
    <div className="auth-wrap">
      <PageTitle title={m.forgotTitle} />
      <Card className="auth-card">
        <h1 className="page-title">{m.forgotTitle}</h1>
        <p className="page-intro">{m.forgotIntro}</p>
        <ErrorBoundary region={m.forgotTitle}>
          <ForgotPasswordForm />
        </ErrorBoundary>
        <p className="auth-links">
          <Link to="/login">{m.goLogin}</Link>
        </p>
      </Card>
    </div>
  );
}
