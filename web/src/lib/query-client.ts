import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

/** Query key of the current session; every feature reads the account through it. */
export const SESSION_QUERY_KEY = ['session'] as const;

/** When the server says the session ended or the password must change, re-read the session. */
function onApiError(error: unknown): void {
  if (isApiError(error, 'unauthenticated', 'password_change_required')) {
    void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
  }
}

/** The single query client of the app. */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) =>
        failureCount < 2 && isApiError(error, 'network_error', 'unavailable', 'internal'),
    },
    mutations: { retry: false },
  },
});

/** Forget everything cached for the previous user (after login or logout), except the session. */
export function clearUserData(): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
}
