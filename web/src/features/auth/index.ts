// Public surface of the auth feature: sign-in, sign-out, session and password change.
export { useChangePassword } from './api/change-password';
export { useSession } from './api/get-session';
export { useLogin } from './api/login';
export { useLogout } from './api/logout';
export { ChangePasswordForm } from './components/change-password-form';
export { LoginForm } from './components/login-form';
export { LogoutButton } from './components/logout-button';
export { useAccount } from './hooks/use-account';
export { authMessages } from './messages';
