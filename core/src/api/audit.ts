import { z } from 'zod';

export const auditEventViewSchema = z
  .object({
    id: z.number().int(),
    occurredAt: z.iso.datetime(),
    actorAccountId: z.number().int().nullable(),
    actorUsername: z.string().nullable(),
    examAreaId: z.number().int().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

export const auditListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
});

export const auditListSchema = z.object({
  items: z.array(auditEventViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
