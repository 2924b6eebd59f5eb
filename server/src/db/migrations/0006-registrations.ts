import { sql, type Kysely } from 'kysely';

/**
 * Online registration (网上报名, issue #5; docs/decisions/0012-registrations.md): one registration
 * per candidate per exam cycle, its timeline, its material files, and the per-area-and-cycle
 * counter of registration numbers (网报号). Statuses, events and slot keys are the lists of
 * core/src/domain (registration-lifecycle.ts, eligibility/result.ts) at the time of writing; a
 * later list change comes with a migration that replaces the check. Never edit once landed.
 */
const STATUSES = `'draft','submitted','returned','confirmed','supplement_requested','qualified',
  'disqualified','paid','abandoned'`;
const EVENTS = `'create','submit','resubmit','withdraw','change_area','confirm','auto_confirm',
  'return','lapse','request_supplement','supply','pass_review','fail_review','pay','payment_lapse'`;
const SLOT_KEYS = `'identity_document','photo','application_form','education_certificate',
  'degree_certificate','foreign_degree_certification','practice_qualification',
  'practice_registration','title_certificate','residency_training_certificate','labour_contract',
  'social_security_record','housing_fund_record','work_certificate','residence_permit',
  'hk_macao_taiwan_residence_permit','foreign_permanent_residence_id',
  'previous_score_report_or_ticket','community_employment_proof','covid_frontline_proof','other'`;

const statements = [
  // The last sequence number given per area and cycle; allocated under the row lock of
  // `update … set last_sequence = last_sequence + 1 returning`, the row created on demand.
  `create table registration_number_counters (
     exam_area_id integer not null references exam_areas(id),
     cycle_id integer not null references cycles(id),
     last_sequence integer not null default 0 check (last_sequence between 0 and 99999999),
     primary key (exam_area_id, cycle_id)
   )`,

  `create table registrations (
     id serial primary key,
     account_id integer not null references accounts(id),
     cycle_id integer not null references cycles(id),
     exam_area_id integer not null references exam_areas(id),
     registration_number text not null unique check (registration_number ~ '^[0-9]{14}$'),
     status text not null default 'draft' check (status in (${STATUSES})),
     version integer not null default 1 check (version >= 1),
     city_id integer references exam_area_cities(id),
     test_site_id integer references test_sites(id),
     area_offering_id integer references area_offerings(id),
     employer text check (length(employer) between 1 and 100),
     department text check (length(department) between 1 and 50),
     post text check (length(post) between 1 and 50),
     years_in_specialty integer check (years_in_specialty between 0 and 70),
     education_index integer check (education_index between 0 and 9),
     education_snapshot jsonb
       check (education_snapshot is null or jsonb_typeof(education_snapshot) = 'object'),
     early_application_claim text
       check (early_application_claim in ('none','community','covid_front_line','covid_award')),
     returning_file_number text check (returning_file_number ~ '^[0-9A-Z-]{4,30}$'),
     info_saved_at timestamptz,
     photo_storage_key text unique,
     photo_sha256 text check (photo_sha256 ~ '^[0-9a-f]{64}$'),
     photo_confirmed_at timestamptz,
     form_downloaded_at timestamptz,
     submitted_at timestamptz,
     confirmed_at timestamptz,
     return_reasons jsonb not null default '[]'::jsonb
       check (jsonb_typeof(return_reasons) = 'array'),
     return_note text check (length(return_note) between 1 and 1000),
     eligibility_snapshot jsonb
       check (eligibility_snapshot is null or jsonb_typeof(eligibility_snapshot) = 'object'),
     last_submit_key text check (length(last_submit_key) between 8 and 100),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (account_id, cycle_id),
     check ((photo_storage_key is null) = (photo_confirmed_at is null)),
     check ((photo_storage_key is null) = (photo_sha256 is null)),
     check ((info_saved_at is null) = (employer is null)),
     check ((employer is null) = (education_snapshot is null))
   )`,
  // The review queue of an area (issue #6): by cycle and status, oldest submission first.
  `create index registrations_queue_idx
     on registrations (exam_area_id, cycle_id, status, submitted_at)`,
  // The deadline job looks for returned registrations.
  `create index registrations_status_idx on registrations (status, cycle_id, exam_area_id)`,

  // The timeline: every status change (and the creation), with who made it and why.
  `create table registration_events (
     id serial primary key,
     registration_id integer not null references registrations(id),
     event text not null check (event in (${EVENTS})),
     from_status text check (from_status in (${STATUSES})),
     to_status text not null check (to_status in (${STATUSES})),
     actor_account_id integer references accounts(id),
     actor_kind text not null
       check (actor_kind in ('candidate','confirmation_reviewer','qualification_reviewer','system')),
     reasons jsonb not null default '[]'::jsonb check (jsonb_typeof(reasons) = 'array'),
     note text check (length(note) between 1 and 1000),
     occurred_at timestamptz not null
   )`,
  `create index registration_events_registration_idx
     on registration_events (registration_id, occurred_at, id)`,

  // Material files (R17): ordered files per slot, the bytes in file storage.
  `create table registration_material_files (
     id serial primary key,
     registration_id integer not null references registrations(id),
     slot_key text not null check (slot_key in (${SLOT_KEYS})),
     position integer not null check (position >= 1),
     storage_key text not null unique,
     thumbnail_key text unique,
     content_type text not null check (content_type in ('image/jpeg','application/pdf')),
     kind text not null check (kind in ('image','pdf')),
     size_bytes integer not null check (size_bytes > 0),
     sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
     pages integer check (pages > 0),
     width integer check (width > 0),
     height integer check (height > 0),
     original_name text not null check (length(original_name) between 1 and 200),
     uploaded_at timestamptz not null,
     unique (registration_id, slot_key, position),
     check ((kind = 'image') = (content_type = 'image/jpeg')),
     check (kind = 'image' or thumbnail_key is null)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The registrations migration cannot be reverted.');
}
