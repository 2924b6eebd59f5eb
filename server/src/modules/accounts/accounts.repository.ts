import { sql, type Kysely, type Updateable } from 'kysely';
import type { AccountsTable, Database, NewAccount } from '../../db/schema';

const accountWithArea = (db: Kysely<Database>) =>
  db
    .selectFrom('accounts as a')
    .leftJoin('examAreas as ea', 'ea.id', 'a.examAreaId')
    .selectAll('a')
    .select(['ea.code as examAreaCode', 'ea.name as examAreaName']);

export type AccountWithArea = NonNullable<
  Awaited<ReturnType<ReturnType<typeof accountWithArea>['executeTakeFirst']>>
>;

/** Finds an account with its exam area by id. */
export function findById(db: Kysely<Database>, id: number) {
  return accountWithArea(db).where('a.id', '=', id).executeTakeFirst();
}

/** Finds an account by login name, case-insensitively. */
export function findByUsername(db: Kysely<Database>, username: string) {
  return accountWithArea(db)
    .where(sql<string>`lower(a.username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

/** Inserts an account and returns its id. */
export async function insert(db: Kysely<Database>, values: NewAccount): Promise<number> {
  const row = await db
    .insertInto('accounts')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates an account's columns; stamps updated_at. */
export async function update(
  db: Kysely<Database>,
  id: number,
  patch: Updateable<AccountsTable>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ ...patch, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

/** Adds one failed login and returns the new count; atomic under concurrent attempts. */
export async function incrementFailedLogins(db: Kysely<Database>, id: number): Promise<number> {
  const row = await db
    .updateTable('accounts')
    .set((eb) => ({ failedLoginCount: eb('failedLoginCount', '+', 1) }))
    .where('id', '=', id)
    .returning('failedLoginCount')
    .executeTakeFirstOrThrow();
  return row.failedLoginCount;
}

export interface StaffFilter {
  examAreaId?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Lists staff accounts, newest first, with a total for paging. */
export async function listStaff(db: Kysely<Database>, filter: StaffFilter) {
  let query = accountWithArea(db).where('a.kind', '=', 'staff');
  if (filter.examAreaId !== undefined) query = query.where('a.examAreaId', '=', filter.examAreaId);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('a.username', 'ilike', pattern), eb('a.displayName', 'ilike', pattern)]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .orderBy('a.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}
