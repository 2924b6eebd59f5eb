import { sql, type Kysely } from 'kysely';

/**
 * The outbox's retention (docs/decisions/0013-notifications.md, "Retention"): the purge job deletes
 * sent messages and dead letters once they are old, oldest first, a bounded batch per statement.
 * These partial indexes let each batch read its oldest rows straight off an index instead of
 * scanning a table of millions. The sent index leaves out the in-app row of a published review
 * result: the purge keeps it (it is the review results job's record that the candidate was told),
 * so it must not sit at the head of the index for every batch to step over. The predicate is the
 * purge's own (`retention.repository.ts`), word for word, so the planner can prove it. Never edit
 * once landed.
 */
const statements = [
  `create index notification_messages_sent_purge_idx on notification_messages (sent_at, id)
     where status = 'sent'
       and not (channel = 'in_app' and template_key = 'review_result_published')`,
  `create index notification_messages_dead_purge_idx on notification_messages (created_at, id)
     where status = 'dead'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index notification_messages_dead_purge_idx`.execute(db);
  await sql`drop index notification_messages_sent_purge_idx`.execute(db);
}
