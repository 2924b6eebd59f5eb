import { ErrorBoundary } from '../../../../components/error-boundary';
import { PageTitle } from '../../../../components/page-title';
import { SectionCard } from '../../../../components/section-card';
import {
  CandidateAccountSections,
  CandidateChangePasswordForm,
  candidateAccountMessages as m,
} from '../../../../features/candidate-account';

/** /me/account — 账号与安全: document, mobile, e-mail, notification channels, messages, password. */
export function MeAccountPage() {
  return (
    <>
      <PageTitle title={m.accountTitle} />
      <h1 className="page-title">{m.accountTitle}</h1>
      <ErrorBoundary region={m.accountTitle}>
        <CandidateAccountSections />
        <SectionCard title={m.passwordTitle} className="account-password">
          <CandidateChangePasswordForm />
        </SectionCard>
      </ErrorBoundary>
    </>
  );
}
