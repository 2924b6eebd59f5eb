import { Card } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router';
import { ErrorBoundary } from '../../../components/error-boundary';
import { PageTitle } from '../../../components/page-title';
import { useAccount } from '../../../features/auth';
import { candidateAccountMessages, SignupForm } from '../../../features/candidate-account';
import { isCandidate } from '../../../lib/permissions';
import { appMessages } from '../../messages';

const m = appMessages.portal;

/** 注册账号: what to prepare, then the sign-up form; a new candidate goes on to 个人中心. */
export function SignupPage() {
  const account = useAccount();
  const navigate = useNavigate();
  if (isCandidate(account)) return <Navigate to="/me" replace />;
  return (
    <div className="auth-wrap auth-wrap-wide">
      <PageTitle title={m.signupTitle} />
      <Card className="auth-card">
        <h1 className="page-title">{m.signupTitle}</h1>
        <p className="page-intro">{m.signupIntro}</p>
        <ol className="prepare-list">
          {m.signupItems.map((item) => (
            <li key={item.title}>
              <strong>{item.title}</strong>
              <span>{item.text}</span>
            </li>
          ))}
        </ol>
        <ErrorBoundary region={m.signupTitle}>
          <SignupForm onSuccess={() => void navigate('/me', { replace: true })} />
        </ErrorBoundary>
        <p className="auth-links">
          {candidateAccountMessages.alreadyHaveAccount}{' '}
          <Link to="/login">{candidateAccountMessages.goLogin}</Link>
        </p>
      </Card>
    </div>
  );
}
