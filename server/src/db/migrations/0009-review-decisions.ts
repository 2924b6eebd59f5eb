import { sql, type Kysely } from 'kysely';

/**
 * Review decisions (审核, issue #6): each exam area's catalogue of return and failure reasons, the
 * snapshot of what a candidate submitted (so reviewers read the registration as submitted, not the
 * live basic information, and see what changed after a return), the qualification review's
 * decision (recorded at once, shown to the candidate from the publication date, R18) and the
 * supplement request (R19). Never edit once landed.
 *
 * An area's catalogue starts as core's DEFAULT_REVIEW_REASONS the first time it is read or used
 * (`insert … on conflict do nothing`, server/src/modules/review/review-reasons.repository.ts), so
 * this migration stays frozen while the defaults may improve.
 */
/** The material slot keys of core's list at the time of writing (as 0006 lists them). */
const SLOT_KEYS = JSON.stringify([
  'identity_document',
  'photo',
  'application_form',
  'education_certificate',
  'degree_certificate',
  'foreign_degree_certification',
  'practice_qualification',
  'practice_registration',
  'title_certificate',
  'residency_training_certificate',
  'labour_contract',
  'social_security_record',
  'housing_fund_record',
  'work_certificate',
  'residence_permit',
  'hk_macao_taiwan_residence_permit',
  'foreign_permanent_residence_id',
  'previous_score_report_or_ticket',
  'community_employment_proof',
  'covid_frontline_proof',
  'other',
]);

const statements = [
  // An area's reasons per stage; codes are stable (stored with each decision), labels and
  // explanations editable; a reason is never deleted, only taken out of use.
  `create table review_reasons (
     id serial primary key,
     exam_area_id integer not null references exam_areas(id),
     stage text not null check (stage in ('confirmation','qualification')),
     code text not null check (code ~ '^[a-z0-9_]{1,40}$'),
     label text not null check (length(label) between 1 and 50),
     explanation text not null check (length(explanation) between 1 and 1000),
     position integer not null check (position between 0 and 1000),
     active boolean not null default true,
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (exam_area_id, stage, code)
   )`,

  // One row per submission and resubmission, written in the submission's transaction, with the
  // timeline entry it goes with (which orders it against the returns).
  `create table registration_submissions (
     id serial primary key,
     registration_id integer not null references registrations(id),
     event_id integer not null unique references registration_events(id),
     event text not null check (event in ('submit','resubmit')),
     submitted_at timestamptz not null,
     snapshot jsonb not null check (jsonb_typeof(snapshot) = 'object')
   )`,
  `create index registration_submissions_registration_idx
     on registration_submissions (registration_id, id)`,

  // The qualification decision (recorded when taken; published by the calendar, R18) and the
  // last supplement request (kept after the candidate supplied it, for the reviewer).
  `alter table registrations
     add column review_result text check (review_result in ('qualified','disqualified')),
     add column review_reasons jsonb not null default '[]'::jsonb
       check (jsonb_typeof(review_reasons) = 'array'),
     add column review_note text check (length(review_note) between 1 and 1000),
     add column reviewed_at timestamptz,
     add column reviewed_by integer references accounts(id),
     add column supplement_slots jsonb
       check (supplement_slots is null or (jsonb_typeof(supplement_slots) = 'array'
         and jsonb_array_length(supplement_slots) between 1 and 20)),
     add column supplement_note text check (length(supplement_note) between 1 and 1000),
     add column supplement_requested_at timestamptz,
     add constraint registrations_review_decided_check
       check ((review_result is null) = (reviewed_at is null)),
     add constraint registrations_reviewed_status_check
       check (status not in ('qualified','disqualified') or review_result = status),
     add constraint registrations_supplement_check
       check ((supplement_slots is null) = (supplement_requested_at is null)
         and (supplement_note is null or supplement_slots is not null)),
     add constraint registrations_supplement_status_check
       check (status <> 'supplement_requested' or supplement_slots is not null),
     add constraint registrations_supplement_slot_keys_check
       check (supplement_slots is null
         or supplement_slots <@ '${SLOT_KEYS}'::jsonb)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The review decisions migration cannot be reverted.');
}
