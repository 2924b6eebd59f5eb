import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge } from 'antd';
import { useEffect } from 'react';
import { ButtonLink } from '../../../components/button-link';
import { TO_DOS_KEY, useTodoCount } from '../api/todos';
import { todoMessages as m } from '../messages';

/**
 * The bell in the portal header: a link to 待办事项 with the number of open items. It reads the
 * count again after every successful action on the site (a resubmission closes an item).
 */
export function TodoBell() {
  const count = useTodoCount({ enabled: true });
  const queryClient = useQueryClient();
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success') {
          void queryClient.invalidateQueries({ queryKey: TO_DOS_KEY });
        }
      }),
    [queryClient],
  );
  const n = count.data?.count ?? 0;
  return (
    <ButtonLink to="/todos" ghost className="todo-bell-button" aria-label={m.bellLabel(n)}>
      <Badge count={n} size="small" color="#cf1322" className="todo-bell" offset={[4, -2]}>
        <BellOutlined aria-hidden className="todo-bell-icon" />
      </Badge>
      <span aria-hidden>{m.bell}</span>
    </ButtonLink>
  );
}
