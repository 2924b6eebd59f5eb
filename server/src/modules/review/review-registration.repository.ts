import type { Db } from '../../db/database';

/** The display names of staff accounts, for the timeline of a registration (审核记录). */
export async function staffNames(db: Db, accountIds: readonly number[]) {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'displayName'])
    .where('id', 'in', ids)
    .where('kind', '=', 'staff')
    .execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
