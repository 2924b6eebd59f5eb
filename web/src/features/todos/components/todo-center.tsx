import type { TodoItem } from '@hqe/core';
import { Empty } from 'antd';
import { ButtonLink } from '../../../components/button-link';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { StatusTag } from '../../../components/status-tag';
import { formatPeriodEnd } from '../../../lib/format';
import { useTodos } from '../api/todos';
import { todoMessages as m } from '../messages';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long is left until an item's deadline, in words; null when it has none. */
function remaining(deadlineAt: string | null, now: Date) {
  if (!deadlineAt) return null;
  const left = new Date(deadlineAt).getTime() - now.getTime();
  if (left <= 0) return { text: m.overdue, overdue: true, urgent: false };
  if (left < DAY) {
    return { text: m.hoursLeft(Math.max(1, Math.ceil(left / HOUR))), overdue: false, urgent: true };
  }
  const days = Math.ceil(left / DAY);
  return { text: m.daysLeft(days), overdue: false, urgent: days <= 3 };
}

function TodoEntry({ item, now }: { item: TodoItem; now: Date }) {
  const left = remaining(item.deadlineAt, now);
  const headingId = `todo-${item.id}-title`;
  const classes = ['todo-item', left?.urgent ? 'is-urgent' : '', left?.overdue ? 'is-overdue' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li className={classes} aria-labelledby={headingId}>
      <div className="todo-main">
        <StatusTag tone={left?.urgent ? 'danger' : 'info'}>{item.kindLabel}</StatusTag>
        <h2 id={headingId} className="todo-title">
          {item.title}
        </h2>
        {item.detail && <p className="todo-detail">{item.detail}</p>}
        <p className="todo-deadline">
          {item.deadlineAt ? (
            <>
              {m.deadline}：<strong>{formatPeriodEnd(item.deadlineAt)}</strong>
              {m.beijingTime}
              {left && (
                <span
                  className={`todo-remaining${left.overdue ? ' is-overdue' : ''}${left.urgent ? ' is-urgent' : ''}`}
                >
                  {left.text}
                </span>
              )}
            </>
          ) : (
            m.noDeadline
          )}
        </p>
      </div>
      <ButtonLink
        to={item.linkPath}
        type="primary"
        className="todo-action"
        aria-label={m.actLabel(item.title)}
      >
        {m.act}
      </ButtonLink>
    </li>
  );
}

/** 待办事项: the candidate's open items with their deadline (Shanghai time) and where to act. */
export function TodoCenter({ now = new Date() }: { now?: Date }) {
  const todos = useTodos();
  if (todos.isPending) return <Loading />;
  if (todos.isError) {
    return (
      <QueryError error={todos.error} title={m.loadFailed} onRetry={() => void todos.refetch()} />
    );
  }
  if (todos.data.items.length === 0) {
    return (
      <Empty
        description={
          <>
            <strong className="todo-empty-title">{m.emptyTitle}</strong>
            <br />
            {m.emptyText}
          </>
        }
      >
        <ButtonLink to="/registration">{m.goRegistration}</ButtonLink>
      </Empty>
    );
  }
  return (
    <ul className="todo-list" aria-label={m.listLabel}>
      {todos.data.items.map((item) => (
        <TodoEntry key={item.id} item={item} now={now} />
      ))}
    </ul>
  );
}
