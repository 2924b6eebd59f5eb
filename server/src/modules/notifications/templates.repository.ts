import type { NotificationLocale } from '@hqe/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** An exam area (id, name), optionally locked; undefined when it does not exist. */
export function findExamArea(db: Kysely<Database>, id: number, lock = false) {
  const query = db.selectFrom('examAreas').select(['id', 'name']).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The area's own template texts, with who changed each last. */
export function listOverrides(db: Kysely<Database>, examAreaId: number) {
  return db
    .selectFrom('notificationTemplates as t')
    .leftJoin('accounts as a', 'a.id', 't.updatedBy')
    .select([
      't.templateKey',
      't.locale',
      't.subject',
      't.body',
      't.sms',
      't.updatedAt',
      'a.username as updatedByUsername',
    ])
    .where('t.examAreaId', '=', examAreaId)
    .execute();
}

/** The area's text of one template in one language, if it has its own. */
export function findOverride(
  db: Kysely<Database>,
  examAreaId: number,
  templateKey: string,
  locale: NotificationLocale,
) {
  return db
    .selectFrom('notificationTemplates')
    .select(['subject', 'body', 'sms'])
    .where('examAreaId', '=', examAreaId)
    .where('templateKey', '=', templateKey)
    .where('locale', '=', locale)
    .executeTakeFirst();
}

/** Saves the area's text of a template (insert or replace). */
export async function upsertOverride(
  db: Kysely<Database>,
  values: {
    examAreaId: number;
    templateKey: string;
    locale: NotificationLocale;
    subject: string;
    body: string;
    sms: string | null;
    updatedBy: number;
    updatedAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('notificationTemplates')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['examAreaId', 'templateKey', 'locale']).doUpdateSet({
        subject: values.subject,
        body: values.body,
        sms: values.sms,
        updatedBy: values.updatedBy,
        updatedAt: values.updatedAt,
      }),
    )
    .execute();
}

/** Removes the area's text of a template (the default applies again); false when there was none. */
export async function deleteOverride(
  db: Kysely<Database>,
  examAreaId: number,
  templateKey: string,
  locale: NotificationLocale,
): Promise<boolean> {
  const result = await db
    .deleteFrom('notificationTemplates')
    .where('examAreaId', '=', examAreaId)
    .where('templateKey', '=', templateKey)
    .where('locale', '=', locale)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
