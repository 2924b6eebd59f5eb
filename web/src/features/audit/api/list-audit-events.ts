import type { auditEventViewSchema } from '@hqe/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Paged } from '../../../lib/types';

/** One audit event: who did what to which entity, with the before and after state. */
export type AuditEvent = (typeof auditEventViewSchema)['_output'];

export interface AuditListParams {
  page: number;
  pageSize: number;
  entityType?: string | undefined;
  action?: string | undefined;
}

/** GET /api/audit-events — one page of the audit log the actor may read. */
export function listAuditEvents(
  params: AuditListParams,
  signal?: AbortSignal,
): Promise<Paged<AuditEvent>> {
  return api.get<Paged<AuditEvent>>('/api/audit-events', { ...params }, signal);
}

/** A page of audit events; keeps the previous page on screen while the next loads. */
export function useAuditEvents(params: AuditListParams) {
  return useQuery({
    queryKey: ['audit', 'events', params],
    queryFn: ({ signal }) => listAuditEvents(params, signal),
    placeholderData: keepPreviousData,
  });
}
