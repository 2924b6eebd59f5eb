import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, ExamNoticeAttachmentsTable, ExamNoticesTable } from '../../db/schema';

type Db = Kysely<Database>;

const noticeColumns = [
  'id',
  'cycleId',
  'examAreaId',
  'title',
  'body',
  'publishedAt',
  'createdAt',
  'updatedAt',
] as const;

const attachmentColumns = [
  'id',
  'noticeId',
  'fileName',
  'storageKey',
  'contentType',
  'sizeBytes',
  'sha256',
] as const;

/** The notices of an area in a cycle, oldest first; only published ones when asked. */
export function listNotices(
  db: Db,
  cycleId: number,
  examAreaId: number,
  options: { publishedOnly: boolean },
) {
  let query = db
    .selectFrom('examNotices')
    .select(noticeColumns)
    .where('cycleId', '=', cycleId)
    .where('examAreaId', '=', examAreaId);
  if (options.publishedOnly) query = query.where('publishedAt', 'is not', null);
  return query.orderBy('id').execute();
}

/** A notice by id; with `lock`, its row is locked until the transaction ends. */
export function findNotice(db: Db, id: number, lock = false) {
  const query = db.selectFrom('examNotices').select(noticeColumns).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Inserts a notice and returns it. */
export function insertNotice(db: Db, values: Insertable<ExamNoticesTable>) {
  return db
    .insertInto('examNotices')
    .values(values)
    .returning(noticeColumns)
    .executeTakeFirstOrThrow();
}

/** Updates a notice and returns it. */
export function updateNotice(db: Db, id: number, patch: Updateable<ExamNoticesTable>) {
  return db
    .updateTable('examNotices')
    .set(patch)
    .where('id', '=', id)
    .returning(noticeColumns)
    .executeTakeFirstOrThrow();
}

/** The attachments of the given notices, in upload order. */
export function listAttachments(db: Db, noticeIds: number[]) {
  if (noticeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('examNoticeAttachments')
    .select(attachmentColumns)
    .where('noticeId', 'in', noticeIds)
    .orderBy('id')
    .execute();
}

/** One attachment of a notice. */
export function findAttachment(db: Db, noticeId: number, attachmentId: number) {
  return db
    .selectFrom('examNoticeAttachments')
    .select(attachmentColumns)
    .where('noticeId', '=', noticeId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

/** The attachment of a notice with a file name. */
export function findAttachmentByName(db: Db, noticeId: number, fileName: string) {
  return db
    .selectFrom('examNoticeAttachments')
    .select('id')
    .where('noticeId', '=', noticeId)
    .where('fileName', '=', fileName)
    .executeTakeFirst();
}

/** Inserts an attachment and returns it. */
export function insertAttachment(db: Db, values: Insertable<ExamNoticeAttachmentsTable>) {
  return db
    .insertInto('examNoticeAttachments')
    .values(values)
    .returning(attachmentColumns)
    .executeTakeFirstOrThrow();
}

/** Deletes an attachment row. */
export async function deleteAttachment(db: Db, id: number): Promise<void> {
  await db.deleteFrom('examNoticeAttachments').where('id', '=', id).execute();
}
