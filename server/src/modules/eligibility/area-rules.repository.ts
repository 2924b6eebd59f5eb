import type { Kysely } from 'kysely';
import type { ExamAreaEligibilityRules } from '@hqe/core';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/**
 * An exam area by id; with `lock`, its row is locked until the transaction ends (FOR NO KEY
 * UPDATE: changes of one area's rules run one after another).
 */
export function findExamArea(db: Db, id: number, lock = false) {
  const query = db.selectFrom('examAreas').select(['id', 'code', 'name']).where('id', '=', id);
  return (lock ? query.forNoKeyUpdate() : query).executeTakeFirst();
}

/** The rules an area has saved, or undefined when it uses the defaults. */
export function findAreaRules(db: Db, examAreaId: number) {
  return db
    .selectFrom('examAreaSettings')
    .select([
      'nonLocalHouseholdDocuments',
      'socialSecurityEmployerMatch',
      'practiceSiteEmployerMatch',
      'hmtAndForeignDocuments',
      'updatedAt',
    ])
    .where('examAreaId', '=', examAreaId)
    .executeTakeFirst();
}

/** Saves an area's rules, replacing what it had. */
export async function saveAreaRules(
  db: Db,
  examAreaId: number,
  rules: ExamAreaEligibilityRules,
  updatedAt: Date,
): Promise<void> {
  const values = {
    nonLocalHouseholdDocuments: rules.nonLocalHouseholdDocuments,
    socialSecurityEmployerMatch: rules.socialSecurityEmployerMatch,
    practiceSiteEmployerMatch: rules.practiceSiteEmployerMatch,
    hmtAndForeignDocuments: rules.hmtAndForeignDocuments,
    updatedAt,
  };
  await db
    .insertInto('examAreaSettings')
    .values({ examAreaId, ...values })
    .onConflict((oc) => oc.column('examAreaId').doUpdateSet(values))
    .execute();
}
