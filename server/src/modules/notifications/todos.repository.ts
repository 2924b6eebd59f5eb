import type { TodoKind } from '@hqe/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface TodoValues {
  accountId: number;
  kind: TodoKind;
  title: string;
  detail: string | null;
  linkPath: string;
  deadlineAt: Date | null;
  dedupeKey: string;
}

/**
 * Opens an item, or refreshes the one with the same key (title, link, deadline) and opens it again
 * if it was done: a registration returned a second time reopens its "resubmit" item.
 */
export async function upsertOpen(
  db: Kysely<Database>,
  values: TodoValues,
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('todoItems')
    .values({ ...values, status: 'open', createdAt: now, updatedAt: now })
    .onConflict((oc) =>
      oc.columns(['accountId', 'dedupeKey']).doUpdateSet({
        kind: values.kind,
        title: values.title,
        detail: values.detail,
        linkPath: values.linkPath,
        deadlineAt: values.deadlineAt,
        status: 'open',
        doneAt: null,
        updatedAt: now,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks the account's open item with this key done; false when there is none open. */
export async function markDone(
  db: Kysely<Database>,
  accountId: number,
  dedupeKey: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('todoItems')
    .set({ status: 'done', doneAt: now, updatedAt: now })
    .where('accountId', '=', accountId)
    .where('dedupeKey', '=', dedupeKey)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The account's open items: nearest deadline first, those without one last, then oldest first. */
export function listOpen(db: Kysely<Database>, accountId: number, limit: number) {
  return db
    .selectFrom('todoItems')
    .select(['id', 'kind', 'title', 'detail', 'linkPath', 'deadlineAt', 'createdAt'])
    .where('accountId', '=', accountId)
    .where('status', '=', 'open')
    .orderBy((eb) => eb.case().when('deadlineAt', 'is', null).then(1).else(0).end())
    .orderBy('deadlineAt')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** How many items the account has open. */
export async function countOpen(db: Kysely<Database>, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('todoItems')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('accountId', '=', accountId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
