import { sql, type Kysely } from 'kysely';

/**
 * Candidate accounts (#4): the candidate's identity document and contacts, verification codes,
 * the development outbox and in-app notifications. Document numbers, mobile numbers and e-mail
 * addresses are stored encrypted (AES-256-GCM, `*_encrypted`) with a keyed hash (HMAC-SHA-256,
 * `*_hash`) for lookup; see server/src/lib/field-crypto.ts. Never edit once landed.
 */
const statements = [
  `create table candidates (
     account_id integer primary key references accounts(id),
     document_type text not null check (document_type in ('resident_id','hmt_residence_permit',
       'hk_macao_pass','taiwan_pass','foreign_permanent_residence_id','passport')),
     document_number_encrypted text not null,
     document_number_hash text not null check (document_number_hash ~ '^[0-9a-f]{64}$'),
     name text not null check (char_length(name) between 1 and 50),
     gender text check (gender in ('male','female')),
     birth_date date,
     mobile_encrypted text not null,
     mobile_hash text not null check (mobile_hash ~ '^[0-9a-f]{64}$'),
     mobile_verified_at timestamptz not null,
     email_encrypted text,
     email_hash text check (email_hash ~ '^[0-9a-f]{64}$'),
     email_verified_at timestamptz,
     notification_channels text[] not null default array['in_app']::text[]
       check (notification_channels <@ array['in_app','email']::text[]
         and 'in_app' = any(notification_channels)),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (document_type, document_number_hash),
     check ((email_encrypted is null) = (email_hash is null)),
     check (email_verified_at is null or email_hash is not null)
   )`,
  // Login by document number does not know the type: look the number up across types.
  `create index candidates_document_number_hash_idx on candidates (document_number_hash)`,
  `create unique index candidates_mobile_hash_key on candidates (mobile_hash)`,
  `create index candidates_email_hash_idx on candidates (email_hash) where email_hash is not null`,

  `create table verification_codes (
     id bigserial primary key,
     purpose text not null check (purpose in ('signup','password_reset','change_mobile',
       'bind_email')),
     channel text not null check (channel in ('sms','email')),
     destination_hash text not null check (destination_hash ~ '^[0-9a-f]{64}$'),
     account_id integer references accounts(id),
     code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
     expires_at timestamptz not null,
     attempts integer not null default 0 check (attempts >= 0),
     consumed_at timestamptz,
     requester_ip_hash text,
     created_at timestamptz not null,
     check (expires_at > created_at)
   )`,
  `create index verification_codes_destination_idx
     on verification_codes (destination_hash, created_at desc)`,
  `create index verification_codes_ip_idx
     on verification_codes (requester_ip_hash, created_at desc)
     where requester_ip_hash is not null`,
  `create index verification_codes_expires_idx on verification_codes (expires_at)`,

  // The development outbox: what the outbox delivery "sent". Recipient and body are encrypted like
  // every other personal field; only the developer API (never in production) decrypts them.
  `create table outbound_messages (
     id bigserial primary key,
     channel text not null check (channel in ('sms','email')),
     recipient_hash text not null check (recipient_hash ~ '^[0-9a-f]{64}$'),
     recipient_encrypted text not null,
     subject text not null,
     body_encrypted text not null,
     created_at timestamptz not null
   )`,
  `create index outbound_messages_recipient_idx on outbound_messages (recipient_hash, id desc)`,
  `create index outbound_messages_created_idx on outbound_messages (created_at)`,

  // In-app notifications (站内消息): the always-on notification channel.
  `create table notifications (
     id bigserial primary key,
     account_id integer not null references accounts(id),
     title text not null check (char_length(title) between 1 and 200),
     body text not null check (char_length(body) <= 4000),
     created_at timestamptz not null,
     read_at timestamptz
   )`,
  `create index notifications_account_idx on notifications (account_id, id desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The candidate-accounts migration cannot be reverted.');
}
