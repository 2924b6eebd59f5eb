import type { z } from 'zod';
import type { auditListQuerySchema } from '@hqe/core';
import { ROLES } from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import { forbidden } from '../../lib/errors';
import * as auditRepository from './audit.repository';

/** Creates the audit log reader. Writing happens through `recordAuditEvent` inside each change. */
export function createAuditService({ db }: { db: Db }) {
  return {
    /** Lists audit events: all for a platform admin, the own area's for an area admin. */
    async listEvents(actor: Actor, query: z.infer<typeof auditListQuerySchema>) {
      let examAreaId: number | undefined;
      if (!actor.roles.includes(ROLES.platform_admin)) {
        if (!actor.roles.includes(ROLES.area_admin) || actor.examAreaId === null) throw forbidden();
        examAreaId = actor.examAreaId;
      }
      const { rows, total } = await auditRepository.list(db, { ...query, examAreaId });
      return {
        items: rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
