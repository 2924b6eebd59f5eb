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

/** An account as it may travel with a request: everything but the password hash. */
export type AccountSummary = Omit<AccountWithArea, 'passwordHash'>;

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

/**
 * Locks the account row until the transaction ends and returns its login state; concurrent logins
 * of one account then decide one after another.
 */
export function lockLoginState(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('accounts')
    .select(['failedLoginCount', 'lockedUntil', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Locks an account row until the transaction ends; returns whether it exists. */
export async function lockById(db: Kysely<Database>, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Ends every session of an account (after a reset, a lock or disabling). */
export async function deleteSessions(db: Kysely<Database>, accountId: number): Promise<void> {
  await db.deleteFrom('sessions').where('accountId', '=', accountId).execute();
}

/** True when the exam area exists. */
export async function examAreaExists(db: Kysely<Database>, id: number): Promise<boolean> {
  const row = await db.selectFrom('examAreas').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Locks every active platform administrator's row and returns their ids. */
export async function lockActivePlatformAdmins(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('id')
    .where(sql<boolean>`'platform_admin' = any(roles)`)
    .where('status', '=', 'active')
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
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
