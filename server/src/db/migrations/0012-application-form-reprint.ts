import { sql, type Kysely } from 'kysely';

/**
 * The application form printed again (申报表, decision 0012): when what the form prints changes
 * after it was downloaded (报名地市, 考点, 专业, the printed info, the photo, the exam area), the form
 * must be downloaded again and a stamped form uploaded before then no longer counts.
 * `form_valid_from` is the first download after that change: a file of the stamped-form slot
 * uploaded before it was printed from an earlier form. Null: nothing printed has changed since the
 * form was first downloaded, and every stamped form counts (as before this migration). Never edit
 * once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table registrations add column form_valid_from timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table registrations drop column form_valid_from`.execute(db);
}
