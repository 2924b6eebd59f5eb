import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface AuditEventInput {
  occurredAt: Date;
  actorAccountId: number | null;
  examAreaId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  requestId: string | null;
}

const toJson = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** Appends one audit event; call it with the transaction that makes the change. */
export async function insert(db: Kysely<Database>, event: AuditEventInput): Promise<void> {
  await db
    .insertInto('auditEvents')
    .values({
      occurredAt: event.occurredAt,
      actorAccountId: event.actorAccountId,
      examAreaId: event.examAreaId,
      action: event.action,
      entityType: event.entityType,
      entityId: String(event.entityId),
      before: toJson(event.before),
      after: toJson(event.after),
      requestId: event.requestId,
    })
    .execute();
}

export interface AuditFilter {
  examAreaId?: number | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  page: number;
  pageSize: number;
}

/** Lists audit events newest first, with the actor's username. */
export async function list(db: Kysely<Database>, filter: AuditFilter) {
  let query = db
    .selectFrom('auditEvents as e')
    .leftJoin('accounts as a', 'a.id', 'e.actorAccountId');
  if (filter.examAreaId !== undefined) query = query.where('e.examAreaId', '=', filter.examAreaId);
  if (filter.entityType) query = query.where('e.entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('e.entityId', '=', filter.entityId);
  if (filter.action) query = query.where('e.action', '=', filter.action);
  const [rows, count] = await Promise.all([
    query
      .select([
        'e.id',
        'e.occurredAt',
        'e.actorAccountId',
        'a.username as actorUsername',
        'e.examAreaId',
        'e.action',
        'e.entityType',
        'e.entityId',
        'e.before',
        'e.after',
        'e.requestId',
      ])
      .orderBy('e.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}
