import type { SessionView } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { refreshSession } from '../../../lib/api-client';
import { SESSION_QUERY_KEY } from '../../../lib/query-client';

/** GET /api/auth/session — who is logged in, and the CSRF token for later changes. */
export function getSession(): Promise<SessionView> {
  return refreshSession();
}

/** The current session; shared by every screen through one cache entry. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: getSession,
    staleTime: 5 * 60_000,
  });
}
