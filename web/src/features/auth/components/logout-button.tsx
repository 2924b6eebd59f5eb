import { LogoutOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { errorMessageOf } from '../../../lib/api-client';
import { useLogout } from '../api/logout';
import { authMessages as m } from '../messages';

/** Logs out, tells the user, then hands over (e.g. to navigate to a login page). */
export function LogoutButton({
  onLoggedOut,
  ...buttonProps
}: { onLoggedOut: () => void } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const { message } = App.useApp();
  const mutation = useLogout();
  return (
    <Button
      icon={<LogoutOutlined aria-hidden />}
      {...buttonProps}
      loading={mutation.isPending}
      onClick={() =>
        mutation.mutate(undefined, {
          onSuccess: () => {
            void message.success(m.loggedOut);
            onLoggedOut();
          },
          onError: (error) => void message.error(errorMessageOf(error) || m.logoutFailed),
        })
      }
    >
      {m.logout}
    </Button>
  );
}
