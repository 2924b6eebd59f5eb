import './candidate-account.css';
// Public surface of the candidate account: sign-up, login, password reset, 账号与安全.
export { CandidateAccountSections } from './components/account-sections';
export { CandidateLoginForm } from './components/candidate-login-form';
export { CandidateChangePasswordForm } from './components/change-password-form';
export { ForgotPasswordForm } from './components/forgot-password-form';
export { SignupForm } from './components/signup-form';
export { useCandidateAccount } from './api/account';
export { candidateAccountMessages } from './messages';
