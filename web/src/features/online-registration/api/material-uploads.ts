import type { RegistrationLookup, RegistrationView } from '@hqe/core';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { isApiError } from '../../../lib/api-client';
import { SESSION_QUERY_KEY } from '../../../lib/query-client';
import { UploadQueue, type UploadItem } from '../upload-queue';
import { registrationKeys, uploadMaterialFile } from './registrations';

/*
 * One upload line per registration, kept outside the page: a candidate who goes to another step
 * while files are being sent finds them still going (or failed, with 重试) on coming back.
 */
const queues = new Map<number, UploadQueue>();

function queueFor(view: RegistrationView, queryClient: QueryClient): UploadQueue {
  let queue = queues.get(view.id);
  if (!queue) {
    const registrationId = view.id;
    const lookupKey = registrationKeys.lookup(view.cycle.id);
    queue = new UploadQueue(async (item, onProgress, signal) => {
      try {
        const updated = await uploadMaterialFile({
          registrationId,
          slotKey: item.slotKey,
          file: item.file,
          onProgress,
          signal,
        });
        // The answer is the whole registration: the new file shows at once, with its thumbnail.
        queryClient.setQueryData<RegistrationLookup>(lookupKey, { registration: updated });
      } catch (error) {
        if (isApiError(error, 'version_conflict', 'conflict', 'not_found', 'invalid_transition')) {
          void queryClient.invalidateQueries({ queryKey: lookupKey });
        }
        if (isApiError(error, 'unauthenticated', 'password_change_required')) {
          void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
        }
        throw error;
      }
    });
    queues.set(registrationId, queue);
  }
  return queue;
}

/** The registration's files waiting, being sent or failed, and what can be done with them. */
export function useMaterialUploads(view: RegistrationView) {
  const queue = queueFor(view, useQueryClient());
  const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const busy = items.some((i) => i.state !== 'failed');
  // Leaving the site (closing the tab, reloading) while files are still being sent asks first.
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);
  return {
    items,
    add: (slotKey: string, files: readonly File[]) => queue.add(slotKey, files),
    retry: (item: UploadItem) => queue.retry(item.id),
    remove: (item: UploadItem) => queue.remove(item.id),
  };
}

export type MaterialUploads = ReturnType<typeof useMaterialUploads>;
