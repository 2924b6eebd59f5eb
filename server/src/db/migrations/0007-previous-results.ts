import { sql, type Kysely } from 'kysely';

/**
 * Returning candidates (历史考生, R6/R7; issue #5): last year's results of an exam area, imported by
 * its administrators, and the outcome of the automatic confirmation stored on the registration.
 * The document number is kept encrypted with a keyed lookup hash (as in `candidates`), the city,
 * test site and specialty by their codes (stable from one cycle to the next). Never edit once landed.
 */
const statements = [
  // One import of a file: who, when, which file (its hash, never its content), how many rows.
  `create table previous_result_imports (
     id serial primary key,
     exam_area_id integer not null references exam_areas(id),
     year integer not null check (year between 2000 and 2100),
     file_name text not null check (length(file_name) between 1 and 200),
     sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
     row_count integer not null check (row_count >= 1),
     imported_by integer references accounts(id),
     imported_at timestamptz not null
   )`,

  `create table previous_results (
     id serial primary key,
     exam_area_id integer not null references exam_areas(id),
     year integer not null check (year between 2000 and 2100),
     document_number_hash text not null check (document_number_hash ~ '^[0-9a-f]{64}$'),
     document_number_encrypted text not null,
     name text not null check (length(name) between 1 and 50),
     city_code text not null check (length(city_code) between 1 and 16),
     test_site_code text not null check (test_site_code ~ '^[0-9A-Za-z]{1,16}$'),
     specialty_code text not null check (specialty_code ~ '^[0-9]{3}$'),
     level text not null check (level in ('junior_assistant','junior','intermediate')),
     subject_results jsonb not null
       check (jsonb_typeof(subject_results) = 'array' and jsonb_array_length(subject_results) >= 1),
     absent boolean not null,
     disciplined boolean not null,
     import_id integer not null references previous_result_imports(id),
     imported_at timestamptz not null,
     unique (exam_area_id, year, document_number_hash, specialty_code)
   )`,
  `create index previous_results_lookup_idx
     on previous_results (document_number_hash, exam_area_id, year)`,

  // The last automatic confirmation's outcome: { attempted, passed, evaluatedAt, reasons }.
  `alter table registrations add column auto_confirmation jsonb
     check (auto_confirmation is null or jsonb_typeof(auto_confirmation) = 'object')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The previous-results migration cannot be reverted.');
}
