import { sql, type Kysely } from 'kysely';

/**
 * Notifications (issue #7, docs/decisions/0013-notifications.md): the transactional outbox of
 * messages to candidates and their delivery attempts, the exam areas' template overrides, the
 * to-do centre (待办事项) and the candidate's message language. Messages are written in the
 * transaction of the change they tell of; a worker claims due ones with FOR UPDATE SKIP LOCKED.
 * A message's text is kept encrypted (it may name reasons, numbers, amounts): the in-app copy lives
 * in `notifications`, the outbox row only points at it. Never edit once landed.
 */
const statements = [
  `create table notification_messages (
     id bigserial primary key,
     account_id integer not null references accounts(id),
     exam_area_id integer references exam_areas(id),
     template_key text not null check (template_key ~ '^[a-z][a-z_]{0,59}$'),
     locale text not null check (locale in ('zh-CN','en')),
     channel text not null check (channel in ('in_app','email','sms','wechat')),
     recipient_masked text check (char_length(recipient_masked) <= 100),
     -- AES-256-GCM of {"subject","body","sms"} (field-crypto, column notification_messages.content);
     -- null for in-app messages, whose text is the notifications row.
     content_encrypted text,
     notification_id bigint references notifications(id),
     status text not null default 'queued'
       check (status in ('queued','sending','sent','failed','dead')),
     attempts integer not null default 0 check (attempts >= 0),
     max_attempts integer not null check (max_attempts >= 1),
     next_attempt_at timestamptz,
     locked_by text,
     locked_at timestamptz,
     last_error text check (char_length(last_error) <= 500),
     dedupe_key text not null check (char_length(dedupe_key) between 1 and 300),
     created_at timestamptz not null,
     sent_at timestamptz,
     unique (dedupe_key),
     check ((channel = 'in_app') = (content_encrypted is null)),
     check ((status = 'sending') = (locked_by is not null)),
     check ((locked_by is null) = (locked_at is null)),
     check (status <> 'sent' or sent_at is not null),
     check (status not in ('queued','failed') or next_attempt_at is not null)
   )`,
  // The worker's claim: due messages, oldest first.
  `create index notification_messages_due_idx on notification_messages (next_attempt_at, id)
     where status in ('queued','failed')`,
  // Stale claims (a worker that stopped mid-delivery).
  `create index notification_messages_sending_idx on notification_messages (locked_at)
     where status = 'sending'`,
  // The admin view: an area's messages, newest first; one candidate's.
  `create index notification_messages_area_idx on notification_messages (exam_area_id, id desc)`,
  `create index notification_messages_account_idx on notification_messages (account_id, id desc)`,

  `create table notification_delivery_attempts (
     id bigserial primary key,
     message_id bigint not null references notification_messages(id),
     attempt_no integer not null check (attempt_no >= 1),
     worker_id text,
     started_at timestamptz not null,
     finished_at timestamptz,
     ok boolean,
     error text check (char_length(error) <= 500),
     unique (message_id, attempt_no),
     check ((finished_at is null) = (ok is null))
   )`,

  `create table notification_templates (
     id bigserial primary key,
     exam_area_id integer not null references exam_areas(id),
     template_key text not null check (template_key ~ '^[a-z][a-z_]{0,59}$'),
     locale text not null check (locale in ('zh-CN','en')),
     subject text not null check (char_length(subject) between 1 and 200),
     body text not null check (char_length(body) between 1 and 4000),
     sms text check (char_length(sms) between 1 and 300),
     updated_by integer references accounts(id),
     updated_at timestamptz not null,
     unique (exam_area_id, template_key, locale)
   )`,

  `create table todo_items (
     id bigserial primary key,
     account_id integer not null references accounts(id),
     kind text not null check (kind in ('resubmit','supplement','payment','admission_ticket',
       'registration','profile')),
     title text not null check (char_length(title) between 1 and 200),
     detail text check (char_length(detail) <= 1000),
     link_path text not null
       check (char_length(link_path) <= 300 and link_path ~ '^/' and link_path !~ '^//'),
     deadline_at timestamptz,
     status text not null default 'open' check (status in ('open','done')),
     dedupe_key text not null check (char_length(dedupe_key) between 1 and 200),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     done_at timestamptz,
     unique (account_id, dedupe_key),
     check ((status = 'done') = (done_at is not null))
   )`,
  `create index todo_items_open_idx on todo_items (account_id, deadline_at, id)
     where status = 'open'`,

  `alter table candidates add column notification_locale text not null default 'zh-CN'
     check (notification_locale in ('zh-CN','en'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The notification outbox migration cannot be reverted.');
}
