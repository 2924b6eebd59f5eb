import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files live: exam-notice attachments now, candidates' materials later. Keys are
 * opaque, chosen by the server (`newStorageKey`), never by a client. A database row names the key;
 * the bytes are written before that row's transaction and removed if it fails.
 */
export interface FileStorage {
  /** Stores new bytes under a new key; refuses to overwrite an existing file. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under a key; throws `FileNotFoundError` when there are none. */
  get(key: string): Promise<Buffer>;
  /** Removes a file; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

export class FileNotFoundError extends Error {
  constructor(key: string) {
    super(`No stored file under key ${key}`);
    this.name = 'FileNotFoundError';
  }
}

const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;

/** A fresh key under a prefix, e.g. `notice-attachments/2026/3f2a…`. */
export function newStorageKey(prefix: string, now: Date): string {
  return `${prefix}/${now.getUTCFullYear()}/${randomUUID()}`;
}

function assertKey(key: string): void {
  if (key.length > 200 || !KEY.test(key)) throw new Error(`Invalid storage key: ${key}`);
}

/**
 * Files in a local folder (`DATA_DIR/files` by default), one file per key. Writes go to a
 * temporary name first and are linked into place, so a reader never sees half a file. The
 * folder is created on first write. Serve one process, or a shared volume for several.
 */
export function createLocalStorage(root: string): FileStorage {
  const base = path.resolve(root);
  const fileOf = (key: string) => {
    assertKey(key);
    const file = path.resolve(base, key);
    if (!file.startsWith(base + path.sep)) throw new Error(`Invalid storage key: ${key}`);
    return file;
  };
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        // A hard link appears whole and fails with EEXIST rather than replace a file: keys are
        // unique, so an existing file means a caller bug.
        await link(temporary, file);
      } finally {
        await rm(temporary, { force: true });
      }
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(key);
        throw error;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
