import { sql, type Kysely } from 'kysely';

/**
 * The review queue and its claims (审核队列与领取, issue #6): when a registration entered the queue
 * it waits in (submission or resubmission for 报名确认, confirmation or supplement for 资格审核),
 * and the reviewer holding it with the end of the lease. A claim is both columns or neither; it is
 * cleared by every status change (server/src/modules/registrations/transitions.ts). The old queue
 * index of 0006 (by submitted_at) gives way to one by (queued_at, id), the keyset of the list.
 * Search: 网报号 and name by prefix (text_pattern_ops, whatever the database's collation), the
 * document number by its keyed hash (candidates_document_number_hash_idx of 0004). Never edit once
 * landed.
 */
const statements = [
  `alter table registrations
     add column queued_at timestamptz,
     add column claimed_by integer references accounts(id),
     add column claim_expires_at timestamptz,
     add constraint registrations_claim_check
       check ((claimed_by is null) = (claim_expires_at is null))`,

  // Registrations already waiting: since their submission or their confirmation.
  `update registrations set queued_at = submitted_at where status = 'submitted'`,
  `update registrations set queued_at = coalesce(confirmed_at, submitted_at)
     where status = 'confirmed'`,

  `drop index registrations_queue_idx`,
  // The list and "next": one area, one cycle, one status, oldest first (keyset on queued_at, id).
  // account_id rides along so that counting a name search joins candidates from the index alone.
  `create index registrations_queue_idx
     on registrations (exam_area_id, cycle_id, status, queued_at, id) include (account_id)`,
  // 历史考生 and 自动确认未通过: small parts of a queue, listed and counted from their own indexes.
  `create index registrations_returning_idx
     on registrations (exam_area_id, cycle_id, status, queued_at, id)
     where auto_confirmation is not null`,
  `create index registrations_auto_failed_idx
     on registrations (exam_area_id, cycle_id, status, queued_at, id)
     where (auto_confirmation ->> 'passed') = 'false'`,
  // A reviewer's live claims ("one claim per reviewer per stage" looks them up).
  `create index registrations_claimed_by_idx
     on registrations (claimed_by, claim_expires_at) where claimed_by is not null`,
  // 网报号 by prefix (the unique index of 0006 serves equality only under a non-C collation).
  `create index registrations_number_prefix_idx
     on registrations (registration_number text_pattern_ops)`,
  // Candidate name by prefix (with the account, to join registrations from the index alone).
  `create index candidates_name_prefix_idx
     on candidates (name text_pattern_ops) include (account_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The review queue migration cannot be reverted.');
}
