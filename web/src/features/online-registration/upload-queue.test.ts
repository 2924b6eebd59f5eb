import { describe, expect, it, vi } from 'vitest';
import type { UploadProgress } from './api/upload';
import { UploadQueue, type UploadItem } from './upload-queue';

/** One send the test settles by hand. */
interface Call {
  item: UploadItem;
  onProgress: (progress: UploadProgress) => void;
  signal: AbortSignal;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function harness() {
  const calls: Call[] = [];
  const queue = new UploadQueue(
    (item, onProgress, signal) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ item, onProgress, signal, resolve, reject });
        signal.addEventListener('abort', () =>
          reject(new DOMException('上传已取消。', 'AbortError')),
        );
      }),
  );
  const states = () => queue.getSnapshot().map((i) => `${i.file.name}:${i.state}`);
  /** Let the queue move on after a send settled. */
  const settle = () => vi.waitFor(() => Promise.resolve());
  return { queue, calls, states, settle };
}

/** The element at `index`, failing the test when there is none. */
function nth<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no element ${index}`);
  return value;
}

const file = (name: string, size = 100) => new File([new Uint8Array(size)], name);

describe('UploadQueue', () => {
  it('sends files chosen together one after another, in the order chosen', async () => {
    const { queue, calls, states } = harness();
    queue.add('identity_document', [file('正面.jpg'), file('反面.jpg')]);
    queue.add('other', [file('其他.pdf')]);
    expect(calls.map((c) => c.item.file.name)).toEqual(['正面.jpg']);
    expect(states()).toEqual(['正面.jpg:uploading', '反面.jpg:queued', '其他.pdf:queued']);

    nth(calls, 0).resolve();
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(nth(calls, 1).item.file.name).toBe('反面.jpg');
    expect(states()).toEqual(['反面.jpg:uploading', '其他.pdf:queued']);

    nth(calls, 1).resolve();
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    expect(nth(calls, 2).item.slotKey).toBe('other');
    nth(calls, 2).resolve();
    await vi.waitFor(() => expect(states()).toEqual([]));
  });

  it('keeps each file’s progress, and notifies subscribers with a new snapshot each time', () => {
    const { queue, calls } = harness();
    const listener = vi.fn();
    const unsubscribe = queue.subscribe(listener);
    queue.add('other', [file('a.jpg', 4000)]);
    const before = queue.getSnapshot();
    expect(nth(before, 0).progress).toEqual({ loaded: 0, total: 4000 });
    nth(calls, 0).onProgress({ loaded: 1000, total: 5400 });
    const after = queue.getSnapshot();
    expect(after).not.toBe(before);
    expect(nth(after, 0).progress).toEqual({ loaded: 1000, total: 5400 });
    expect(listener).toHaveBeenCalled();
    unsubscribe();
    listener.mockClear();
    nth(calls, 0).onProgress({ loaded: 2000, total: 5400 });
    expect(listener).not.toHaveBeenCalled();
  });

  it('a failed file keeps its error while the others go on; 重试 sends only that file again', async () => {
    const { queue, calls, states } = harness();
    const first = nth(queue.add('other', [file('1.jpg'), file('2.jpg'), file('3.jpg')]), 0);
    const refusal = new Error('network');
    nth(calls, 0).onProgress({ loaded: 50, total: 100 });
    nth(calls, 0).reject(refusal);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(states()).toEqual(['1.jpg:failed', '2.jpg:uploading', '3.jpg:queued']);
    expect(nth(queue.getSnapshot(), 0).error).toBe(refusal);

    nth(calls, 1).resolve();
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    queue.retry(first);
    // Still one at a time: the retried file waits for the one being sent.
    expect(states()).toEqual(['1.jpg:queued', '3.jpg:uploading']);
    nth(calls, 2).resolve();
    await vi.waitFor(() => expect(calls).toHaveLength(4));
    expect(nth(calls, 3).item.file.name).toBe('1.jpg');
    expect(queue.getSnapshot()[0]).toMatchObject({
      state: 'uploading',
      error: undefined,
      progress: { loaded: 0, total: 100 },
    });
    nth(calls, 3).resolve();
    await vi.waitFor(() => expect(states()).toEqual([]));
    expect(calls.map((c) => c.item.file.name)).toEqual(['1.jpg', '2.jpg', '3.jpg', '1.jpg']);
  });

  it('retry of a file that has not failed does nothing', () => {
    const { queue, calls } = harness();
    queue.retry(nth(queue.add('other', [file('a.jpg')]), 0));
    queue.retry(12345);
    expect(calls).toHaveLength(1);
  });

  it('removing the file being sent aborts it and moves on to the next; no failure is shown', async () => {
    const { queue, calls, states } = harness();
    queue.remove(nth(queue.add('other', [file('a.jpg'), file('b.jpg')]), 0));
    expect(nth(calls, 0).signal.aborted).toBe(true);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(states()).toEqual(['b.jpg:uploading']);
  });

  it('removing a waiting or failed file never sends it', async () => {
    const { queue, calls, states } = harness();
    queue.remove(nth(queue.add('other', [file('a.jpg'), file('b.jpg'), file('c.jpg')]), 1));
    nth(calls, 0).resolve();
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(nth(calls, 1).item.file.name).toBe('c.jpg');
    nth(calls, 1).reject(new Error('x'));
    await vi.waitFor(() => expect(states()).toEqual(['c.jpg:failed']));
    queue.remove(nth(queue.getSnapshot(), 0).id);
    expect(states()).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('clear stops the file being sent and forgets the rest', async () => {
    const { queue, calls, states, settle } = harness();
    queue.add('other', [file('a.jpg'), file('b.jpg')]);
    queue.clear();
    expect(nth(calls, 0).signal.aborted).toBe(true);
    expect(states()).toEqual([]);
    await settle();
    expect(calls).toHaveLength(1);
  });

  it('adding no files changes nothing', () => {
    const { queue } = harness();
    const listener = vi.fn();
    queue.subscribe(listener);
    expect(queue.add('other', [])).toEqual([]);
    expect(listener).not.toHaveBeenCalled();
  });
});
