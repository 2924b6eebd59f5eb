import { sql, type Kysely } from 'kysely';

/**
 * The candidate's basic information (基本信息维护): one row per candidate account with each section
 * as a jsonb document validated by the core schemas (docs/decisions/0009), a version for optimistic
 * concurrency and the lock a confirmed registration sets; and the base photo (基本照片) on file.
 * Never edit once landed; add a new migration.
 */
const statements = [
  `create table candidate_profiles (
     account_id integer primary key references accounts(id),
     version integer not null default 0 check (version >= 0),
     personal jsonb check (personal is null or jsonb_typeof(personal) = 'object'),
     current_employer jsonb
       check (current_employer is null or jsonb_typeof(current_employer) = 'object'),
     education jsonb check (education is null or
       (jsonb_typeof(education) = 'array' and jsonb_array_length(education) <= 5)),
     work_history jsonb check (work_history is null or
       (jsonb_typeof(work_history) = 'array' and jsonb_array_length(work_history) <= 20)),
     qualifications jsonb
       check (qualifications is null or jsonb_typeof(qualifications) = 'object'),
     early_application_claims jsonb check (early_application_claims is null or
       (jsonb_typeof(early_application_claims) = 'array'
        and jsonb_array_length(early_application_claims) <= 10)),
     declarations jsonb check (declarations is null or jsonb_typeof(declarations) = 'object'),
     locked_at timestamptz,
     locked_reason text check (length(locked_reason) between 1 and 200),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     check ((locked_at is null) = (locked_reason is null))
   )`,

  // The current base photo: the normalised JPEG in file storage. A new upload replaces the row;
  // the previous file is removed once the replacement is committed.
  `create table candidate_photos (
     account_id integer primary key references accounts(id),
     storage_key text not null unique,
     sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
     width integer not null check (width > 0),
     height integer not null check (height > 0),
     size_bytes integer not null check (size_bytes > 0),
     uploaded_at timestamptz not null
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The candidate profiles migration cannot be reverted.');
}
