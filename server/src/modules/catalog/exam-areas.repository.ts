import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, ExamAreaCitiesTable } from '../../db/schema';

type Db = Kysely<Database>;

// --- exams and exam areas ---------------------------------------------------------------------

/** Every exam, by code. */
export function listExams(db: Db) {
  return db.selectFrom('exams').select(['id', 'code', 'name']).orderBy('code').execute();
}

const areaColumns = ['id', 'code', 'name'] as const;

/**
 * An exam area by id; with `lock`, its row is locked until the transaction ends (FOR NO KEY
 * UPDATE: whole-area changes run one after another, foreign keys to the row are not blocked).
 */
export function findExamArea(db: Db, id: number, lock = false) {
  const query = db.selectFrom('examAreas').select(areaColumns).where('id', '=', id);
  return (lock ? query.forNoKeyUpdate() : query).executeTakeFirst();
}

/** The exam area with a code. */
export function findExamAreaByCode(db: Db, code: string) {
  return db.selectFrom('examAreas').select(areaColumns).where('code', '=', code).executeTakeFirst();
}

/** The exam area with a name. */
export function findExamAreaByName(db: Db, name: string) {
  return db.selectFrom('examAreas').select(areaColumns).where('name', '=', name).executeTakeFirst();
}

/** Inserts an exam area and returns it. */
export function insertExamArea(db: Db, values: { code: string; name: string; createdAt: Date }) {
  return db.insertInto('examAreas').values(values).returning(areaColumns).executeTakeFirstOrThrow();
}

/** Renames an exam area and returns it. */
export function renameExamArea(db: Db, id: number, name: string) {
  return db
    .updateTable('examAreas')
    .set({ name })
    .where('id', '=', id)
    .returning(areaColumns)
    .executeTakeFirstOrThrow();
}

// --- registration cities (报名地市) ------------------------------------------------------------

const cityColumns = ['id', 'examAreaId', 'code', 'name', 'sortOrder', 'active'] as const;

/** An area's registration cities in their order, inactive ones included. */
export function listCities(db: Db, examAreaId: number) {
  return db
    .selectFrom('examAreaCities')
    .select(cityColumns)
    .where('examAreaId', '=', examAreaId)
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
}

/** A registration city by id; with `lock`, its row is locked until the transaction ends. */
export function findCity(db: Db, id: number, lock = false) {
  const query = db.selectFrom('examAreaCities').select(cityColumns).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Inserts a registration city and returns it. */
export function insertCity(db: Db, values: Insertable<ExamAreaCitiesTable>) {
  return db
    .insertInto('examAreaCities')
    .values(values)
    .returning(cityColumns)
    .executeTakeFirstOrThrow();
}

/** Updates a registration city and returns it. */
export function updateCity(db: Db, id: number, patch: Updateable<ExamAreaCitiesTable>) {
  return db
    .updateTable('examAreaCities')
    .set(patch)
    .where('id', '=', id)
    .returning(cityColumns)
    .executeTakeFirstOrThrow();
}

/** Gives each city of an area its position in `cityIds` (1 first). */
export async function setCityOrder(db: Db, examAreaId: number, cityIds: number[]): Promise<void> {
  for (const [index, id] of cityIds.entries()) {
    await db
      .updateTable('examAreaCities')
      .set({ sortOrder: index + 1 })
      .where('id', '=', id)
      .where('examAreaId', '=', examAreaId)
      .execute();
  }
}
