import { Alert, Card } from 'antd';
import { ButtonLink } from '../../../components/button-link';
import { PageTitle } from '../../../components/page-title';
import { appMessages } from '../../messages';

const m = appMessages.portal;

/** The sign-up entry: what to prepare. The sign-up itself opens before registration starts. */
export function SignupPage() {
  return (
    <div className="auth-wrap auth-wrap-wide">
      <PageTitle title={m.signupTitle} />
      <Card className="auth-card">
        <h1 className="page-title">{m.signupTitle}</h1>
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={m.signupClosedTitle}
          description={m.signupClosedText}
        />
        <p className="page-intro">{m.signupIntro}</p>
        <ol className="prepare-list">
          {m.signupItems.map((item) => (
            <li key={item.title}>
              <strong>{item.title}</strong>
              <span>{item.text}</span>
            </li>
          ))}
        </ol>
        <div className="hero-actions">
          <ButtonLink to="/login" type="primary">
            {m.login}
          </ButtonLink>
          <ButtonLink to="/">{m.backHome}</ButtonLink>
        </div>
      </Card>
    </div>
  );
}
