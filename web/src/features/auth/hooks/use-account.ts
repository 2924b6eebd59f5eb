import type { AccountView } from '@hqe/core';
import { useSession } from '../api/get-session';

/** The logged-in account, or null for a visitor (also null while the session loads). */
export function useAccount(): AccountView | null {
  return useSession().data?.account ?? null;
}
