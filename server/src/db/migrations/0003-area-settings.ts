import { sql, type Kysely } from 'kysely';

/**
 * What an exam area administers about itself: its registration cities (报名地市) can be taken out
 * of use (never deleted: registrations refer to them), and its own eligibility rules (P1, P2) are
 * data. Never edit once landed; add a new migration.
 */
const statements = [
  `alter table exam_areas
     add constraint exam_areas_name_length check (length(name) between 1 and 50)`,

  `alter table exam_area_cities
     add column active boolean not null default true,
     add constraint exam_area_cities_name_length check (length(name) between 1 and 50)`,

  // One row per area that has saved its own rules; an area without one uses the platform
  // defaults (server/src/modules/eligibility/area-rules.ts). The reference data seeds Shanghai's.
  `create table exam_area_settings (
     exam_area_id integer primary key references exam_areas(id),
     non_local_household_documents boolean not null,
     social_security_employer_match boolean not null,
     practice_site_employer_match boolean not null,
     hmt_and_foreign_documents boolean not null,
     updated_at timestamptz not null
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The area-settings migration cannot be reverted.');
}
