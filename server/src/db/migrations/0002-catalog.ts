import { sql, type Kysely } from 'kysely';

/**
 * The catalog an area administers: subjects and exam mode of each specialty, test sites (考点),
 * the specialties an area offers in a cycle with the fee per subject, and exam notices (考试通知)
 * with their attachments. Never edit once landed; add a new migration.
 */
const statements = [
  // Every specialty has the four subjects (科目), kept as data; 203 护理学(师) is the one paper
  // exam in 2024, the rest are 人机对话. Existing rows are backfilled by the defaults.
  `alter table specialties
     add column subjects text[] not null
       default array['基础知识','相关专业知识','专业知识','专业实践能力']::text[]
       check (cardinality(subjects) between 1 and 8 and array_position(subjects, '') is null),
     add column exam_mode text not null default 'computer'
       check (exam_mode in ('computer','paper'))`,
  `update specialties set exam_mode = 'paper' where code = '203'`,

  `create table test_sites (
     id serial primary key,
     exam_area_id integer not null references exam_areas(id),
     code text not null check (code ~ '^[0-9A-Za-z]{1,16}$'),
     name text not null check (length(name) between 1 and 100),
     address text not null default '' check (length(address) <= 200),
     active boolean not null default true,
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (exam_area_id, code)
   )`,

  // The specialties an area offers in a cycle. Rows are never deleted once registrations may
  // refer to them: an offering withdrawn is inactive. The fee is per subject, in fen (分).
  `create table area_offerings (
     id serial primary key,
     cycle_id integer not null references cycles(id),
     exam_area_id integer not null references exam_areas(id),
     specialty_id integer not null references specialties(id),
     fee_per_subject_fen integer not null check (fee_per_subject_fen >= 0),
     active boolean not null default true,
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (cycle_id, exam_area_id, specialty_id)
   )`,

  `create table exam_notices (
     id serial primary key,
     cycle_id integer not null references cycles(id),
     exam_area_id integer not null references exam_areas(id),
     title text not null check (length(title) between 1 and 200),
     body text not null check (length(body) <= 50000),
     published_at timestamptz,
     created_at timestamptz not null,
     updated_at timestamptz not null
   )`,
  // Notices are listed per cycle and area. Test sites per area, offerings per cycle and area and
  // attachments per notice are served by the indexes of their unique constraints.
  `create index exam_notices_cycle_area_idx on exam_notices (cycle_id, exam_area_id, id)`,

  `create table exam_notice_attachments (
     id serial primary key,
     notice_id integer not null references exam_notices(id),
     file_name text not null check (length(file_name) between 1 and 200),
     storage_key text not null unique,
     content_type text not null,
     size_bytes integer not null check (size_bytes > 0),
     sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
     created_at timestamptz not null,
     unique (notice_id, file_name)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The catalog migration cannot be reverted.');
}
