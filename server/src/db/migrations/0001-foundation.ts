import { sql, type Kysely } from 'kysely';

/**
 * The foundation: exam areas, exams, cycles and their calendar, specialties, accounts, sessions,
 * the append-only audit log and the jobs queue. Never edit once landed; add a new migration.
 */
const statements = [
  `create table exam_areas (
     id serial primary key,
     code text not null unique check (code ~ '^[0-9]{2}$'),
     name text not null,
     created_at timestamptz not null default now()
   )`,
  `create table exam_area_cities (
     id serial primary key,
     exam_area_id integer not null references exam_areas(id),
     code text not null,
     name text not null,
     sort_order integer not null default 0,
     unique (exam_area_id, code)
   )`,
  `create table exams (
     id serial primary key,
     code text not null unique,
     name text not null,
     created_at timestamptz not null default now()
   )`,
  `create table cycles (
     id serial primary key,
     exam_id integer not null references exams(id),
     year integer not null check (year between 2000 and 2100),
     name text not null,
     work_years_cutoff date not null,
     created_at timestamptz not null default now(),
     unique (exam_id, year)
   )`,
  `create table cycle_phases (
     id serial primary key,
     cycle_id integer not null references cycles(id),
     exam_area_id integer not null references exam_areas(id),
     kind text not null check (kind in ('registration','confirmation','resubmission',
       'qualification_review','results_publication','payment','admission_ticket','exam')),
     starts_at timestamptz not null,
     ends_at timestamptz not null,
     check (ends_at > starts_at),
     unique (cycle_id, exam_area_id, kind)
   )`,
  `create table specialties (
     id serial primary key,
     exam_id integer not null references exams(id),
     code text not null check (code ~ '^[0-9]{3}$'),
     name text not null,
     level text not null check (level in ('junior_assistant','junior','intermediate')),
     category text not null check (category in ('doctor','nursing','pharmacy','technician','other')),
     certainty text not null check (certainty in ('sourced','uncertain')),
     unique (exam_id, code)
   )`,
  `create table accounts (
     id serial primary key,
     kind text not null check (kind in ('candidate','staff')),
     username text not null,
     display_name text not null,
     password_hash text not null,
     roles text[] not null check (cardinality(roles) > 0 and roles <@ array['candidate',
       'confirmation_reviewer','qualification_reviewer','area_admin','platform_admin']::text[]),
     exam_area_id integer references exam_areas(id),
     status text not null default 'active' check (status in ('active','disabled')),
     failed_login_count integer not null default 0,
     locked_until timestamptz,
     must_change_password boolean not null default false,
     password_changed_at timestamptz,
     last_login_at timestamptz,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     check ((kind = 'candidate') = (roles = array['candidate']::text[]))
   )`,
  `create unique index accounts_username_key on accounts (lower(username))`,
  `create index accounts_exam_area_idx on accounts (exam_area_id) where kind = 'staff'`,
  `create table sessions (
     id text primary key,
     account_id integer not null references accounts(id) on delete cascade,
     csrf_token text not null,
     created_at timestamptz not null,
     last_seen_at timestamptz not null,
     expires_at timestamptz not null,
     user_agent text
   )`,
  `create index sessions_account_idx on sessions (account_id)`,
  `create index sessions_expires_idx on sessions (expires_at)`,
  `create table audit_events (
     id bigserial primary key,
     occurred_at timestamptz not null,
     actor_account_id integer references accounts(id),
     exam_area_id integer references exam_areas(id),
     action text not null,
     entity_type text not null,
     entity_id text not null,
     before jsonb,
     after jsonb,
     request_id text
   )`,
  `create index audit_events_entity_idx on audit_events (entity_type, entity_id, id desc)`,
  `create index audit_events_area_idx on audit_events (exam_area_id, id desc)`,
  `create function audit_events_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'audit_events is append-only' using errcode = 'P0001';
   end $$`,
  `create trigger audit_events_no_update before update or delete on audit_events
     for each row execute function audit_events_append_only()`,
  `create table jobs (
     id bigserial primary key,
     kind text not null,
     payload jsonb not null default '{}'::jsonb,
     status text not null default 'pending' check (status in ('pending','running','done','failed')),
     run_at timestamptz not null,
     attempts integer not null default 0,
     max_attempts integer not null default 5 check (max_attempts > 0),
     last_error text,
     locked_at timestamptz,
     locked_by text,
     unique_key text,
     created_at timestamptz not null default now(),
     finished_at timestamptz
   )`,
  `create index jobs_due_idx on jobs (run_at) where status = 'pending'`,
  `create index jobs_running_idx on jobs (locked_at) where status = 'running'`,
  `create unique index jobs_unique_key_live on jobs (unique_key)
     where unique_key is not null and status in ('pending','running')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted.');
}
