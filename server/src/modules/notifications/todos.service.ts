import {
  TO_DO_KIND_LABELS,
  TO_DO_LINK_PATTERN,
  type TodoCount,
  type TodoKind,
  type TodoList,
} from '@hqe/core';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import * as todosRepository from './todos.repository';

/** A to-do item a module opens for a candidate. */
export interface OpenTodoInput {
  accountId: number;
  kind: TodoKind;
  /**
   * Names the task, e.g. `resubmit:<registrationId>`: opening it again refreshes the one item, and
   * `closeTodo` with the same key closes it.
   */
  key: string;
  /** What to do, in a few words (报名被退回，请修改后重新提交). */
  title: string;
  detail?: string | null;
  /** The portal page where the candidate acts, e.g. /registration. */
  linkPath: string;
  /** The exclusive end of the period to act in. */
  deadlineAt?: Date | null;
}

/** Most open items listed; a candidate has a handful at a time. */
const LIST_LIMIT = 100;

/**
 * The to-do centre (待办事项, R11): items other modules open and close in the transactions of
 * their own changes, and the candidate's list of open ones.
 */
export function createTodoService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Opens (or refreshes and reopens) an item, in the caller's transaction. Returns its id. */
    async openTodo(trx: Kysely<Database>, input: OpenTodoInput): Promise<number> {
      if (!TO_DO_LINK_PATTERN.test(input.linkPath)) {
        throw new Error(`openTodo: not a portal path: ${input.linkPath}`);
      }
      return todosRepository.upsertOpen(
        trx,
        {
          accountId: input.accountId,
          kind: input.kind,
          title: input.title.trim().slice(0, 200),
          detail: input.detail?.trim().slice(0, 1000) || null,
          linkPath: input.linkPath,
          deadlineAt: input.deadlineAt ?? null,
          dedupeKey: input.key,
        },
        clock.now(),
      );
    },

    /** Closes the account's open item with this key, in the caller's transaction; false if none. */
    closeTodo(trx: Kysely<Database>, accountId: number, key: string): Promise<boolean> {
      return todosRepository.markDone(trx, accountId, key, clock.now());
    },

    /** The candidate's open items, nearest deadline first. */
    async list(accountId: number): Promise<TodoList> {
      const [rows, count] = await Promise.all([
        todosRepository.listOpen(db, accountId, LIST_LIMIT),
        todosRepository.countOpen(db, accountId),
      ]);
      return {
        count,
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          kindLabel: TO_DO_KIND_LABELS[row.kind],
          title: row.title,
          detail: row.detail,
          linkPath: row.linkPath,
          deadlineAt: row.deadlineAt?.toISOString() ?? null,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },

    /** How many items the candidate has open (the bell's badge). */
    async count(accountId: number): Promise<TodoCount> {
      return { count: await todosRepository.countOpen(db, accountId) };
    },
  };
}
export type TodoService = ReturnType<typeof createTodoService>;
