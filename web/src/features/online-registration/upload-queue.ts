import type { UploadProgress } from './api/upload';

/*
 * The material files a candidate has chosen and not yet seen stored (R17): uploaded one after
 * another in the order chosen, each with its own progress; a failure stays on its own file, which
 * can be sent again alone while the others go on. Framework-free: the page subscribes to it.
 */

export type UploadState = 'queued' | 'uploading' | 'failed';

export interface UploadItem {
  readonly id: number;
  readonly slotKey: string;
  readonly file: File;
  readonly state: UploadState;
  readonly progress: UploadProgress;
  /** Why the last attempt failed (an ApiError, usually). */
  readonly error?: unknown;
}

/** Sends one file; rejects with an AbortError when `signal` aborts. */
export type UploadFile = (
  item: UploadItem,
  onProgress: (progress: UploadProgress) => void,
  signal: AbortSignal,
) => Promise<void>;

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

export class UploadQueue {
  private items: readonly UploadItem[] = [];
  private readonly listeners = new Set<() => void>();
  private current: { id: number; controller: AbortController } | null = null;
  private nextId = 1;

  constructor(private readonly uploadFile: UploadFile) {}

  /** The files not yet stored, in the order chosen (a new array after every change). */
  readonly getSnapshot = (): readonly UploadItem[] => this.items;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Queue files for a slot; they are sent after those already waiting. Returns their ids. */
  add(slotKey: string, files: readonly File[]): number[] {
    const added = files.map((file): UploadItem => ({
      id: this.nextId++,
      slotKey,
      file,
      state: 'queued',
      progress: { loaded: 0, total: file.size },
    }));
    if (added.length === 0) return [];
    this.set([...this.items, ...added]);
    void this.pump();
    return added.map((item) => item.id);
  }

  /** Send a failed file again, in its place in the line; the others are untouched. */
  retry(id: number): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || item.state !== 'failed') return;
    this.patch(id, {
      state: 'queued',
      error: undefined,
      progress: { loaded: 0, total: item.file.size },
    });
    void this.pump();
  }

  /** Forget a file: stops its upload when it is being sent. */
  remove(id: number): void {
    if (this.current?.id === id) this.current.controller.abort();
    this.set(this.items.filter((i) => i.id !== id));
  }

  /** Stop everything (e.g. the candidate logged out). */
  clear(): void {
    this.current?.controller.abort();
    this.set([]);
  }

  private set(items: readonly UploadItem[]): void {
    this.items = items;
    for (const listener of this.listeners) listener();
  }

  private patch(id: number, change: Partial<UploadItem>): void {
    if (!this.items.some((i) => i.id === id)) return;
    this.set(this.items.map((i) => (i.id === id ? { ...i, ...change } : i)));
  }

  private async pump(): Promise<void> {
    if (this.current) return;
    const next = this.items.find((i) => i.state === 'queued');
    if (!next) return;
    const controller = new AbortController();
    this.current = { id: next.id, controller };
    this.patch(next.id, { state: 'uploading' });
    try {
      await this.uploadFile(
        next,
        (progress) => {
          if (!controller.signal.aborted) this.patch(next.id, { progress });
        },
        controller.signal,
      );
      this.set(this.items.filter((i) => i.id !== next.id));
    } catch (error) {
      if (!(controller.signal.aborted && isAbort(error))) {
        this.patch(next.id, { state: 'failed', error });
      }
    } finally {
      this.current = null;
    }
    await this.pump();
  }
}
