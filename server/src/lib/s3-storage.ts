import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsClient } from 'aws4fetch';
import { FileNotFoundError, type FileStorage } from './storage';

/**
 * Where an S3-compatible bucket is and how to sign for it. Works with AWS S3, MinIO, Aliyun OSS
 * (S3-compatible access), Tencent COS and any server speaking the S3 REST API with Signature V4
 * (see docs/decisions/0011-material-files-and-object-storage.md).
 */
export interface S3StorageOptions {
  /** e.g. `https://s3.cn-north-1.amazonaws.com.cn`, `http://127.0.0.1:9000`; no path. */
  endpoint: string;
  /** The signing region, e.g. `us-east-1` (MinIO's default), `oss-cn-shanghai`, `ap-shanghai`. */
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` (MinIO, emulators) instead of `https://bucket.endpoint/key`. */
  forcePathStyle: boolean;
  /** Prepended to every key with a slash (e.g. `hqe/prod`); '' for none. */
  prefix: string;
  /** Each attempt's limit, headers and body together; default 30 s. */
  timeoutMs?: number;
  /** Further attempts of a GET or DELETE after a network error, a timeout, a 5xx or a 429. */
  retries?: number;
  /** The first pause between attempts; it doubles each time (with jitter). */
  retryDelayMs?: number;
}

/** A request to the object store failed; carries no secrets and no object contents. */
export class S3StorageError extends Error {
  constructor(
    readonly operation: 'put' | 'get' | 'delete',
    readonly key: string,
    /** The HTTP status, or null when no answer came (network error, timeout). */
    readonly status: number | null,
    /** The S3 error code from the answer's XML body (e.g. `AccessDenied`), when there is one. */
    readonly s3Code: string | null,
    options?: { cause?: unknown },
  ) {
    const what = status === null ? 'no answer' : `HTTP ${status}${s3Code ? ` ${s3Code}` : ''}`;
    super(`Object storage ${operation} of ${key} failed: ${what}`, options);
    this.name = 'S3StorageError';
  }
}

/** Same rule as the local storage: keys are chosen by the server, lower case, slash-separated. */
const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;

function assertKey(key: string): void {
  if (key.length > 200 || !KEY.test(key)) throw new Error(`Invalid storage key: ${key}`);
}

/** Reads the `<Code>` of an S3 XML error body, at most a few kilobytes of it. */
async function s3CodeOf(response: Response): Promise<string | null> {
  try {
    const text = (await response.text()).slice(0, 4096);
    return /<Code>([A-Za-z0-9._-]{1,64})<\/Code>/.exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}

class Retryable extends Error {
  constructor(readonly failure: S3StorageError) {
    super(failure.message);
  }
}

/**
 * Files in an S3-compatible bucket, one object per key, signed with AWS Signature V4 (aws4fetch
 * over the built-in fetch). PUT sends `Content-MD5` and a signed `x-amz-content-sha256`, so a
 * body altered on the way is refused by the server, and `If-None-Match: *` so an existing object
 * is never replaced where the server honours conditional writes (AWS since 2024, MinIO); a server
 * answering 501 to it is asked again without it, once per process. PUT is not retried (a retry of
 * a write whose answer was lost would meet its own object); GET and DELETE are.
 */
export function createS3Storage(options: S3StorageOptions): FileStorage {
  const endpoint = new URL(options.endpoint);
  if (endpoint.pathname !== '/' || endpoint.search || endpoint.username || endpoint.password) {
    throw new Error('S3 endpoint must be a bare origin such as https://s3.example.com');
  }
  const prefix = options.prefix.replace(/\/+$/, '');
  if (prefix) assertKey(prefix);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    service: 's3',
    region: options.region,
    retries: 0,
  });
  let conditionalWrites = true;

  const urlOf = (key: string): string => {
    assertKey(key);
    const objectKey = prefix ? `${prefix}/${key}` : key;
    return options.forcePathStyle
      ? `${endpoint.origin}/${options.bucket}/${objectKey}`
      : `${endpoint.protocol}//${options.bucket}.${endpoint.host}/${objectKey}`;
  };

  /**
   * Runs one request (`attempt` reads the answer too, so a body cut off counts as a failure) with
   * a timeout, and again after a pause while `attempt` throws Retryable and attempts are left.
   */
  async function withRetries<T>(
    operation: 'put' | 'get' | 'delete',
    key: string,
    attempts: number,
    attempt: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await attempt(AbortSignal.timeout(timeoutMs));
      } catch (error) {
        const failure =
          error instanceof Retryable
            ? error.failure
            : error instanceof S3StorageError || error instanceof FileNotFoundError
              ? null
              : new S3StorageError(operation, key, null, null, { cause: error });
        if (!failure) throw error;
        if (n + 1 >= attempts) throw failure;
        await sleep(retryDelayMs * 2 ** n * (0.5 + Math.random() / 2));
      }
    }
  }

  const retryableStatus = (status: number) => status >= 500 || status === 429;

  /** The error for an unsuccessful answer, retryable when the server may do better next time. */
  async function failed(
    operation: 'get' | 'delete',
    key: string,
    response: Response,
  ): Promise<never> {
    const failure = new S3StorageError(operation, key, response.status, await s3CodeOf(response));
    throw retryableStatus(response.status) ? new Retryable(failure) : failure;
  }

  return {
    async put(key, bytes) {
      const url = urlOf(key);
      const body = new Uint8Array(bytes);
      const headers: Record<string, string> = {
        'content-type': 'application/octet-stream',
        'content-md5': createHash('md5').update(body).digest('base64'),
        'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
      };
      const send = (conditional: boolean) =>
        withRetries('put', key, 1, async (signal) => {
          const request = await client.sign(url, {
            method: 'PUT',
            headers: conditional ? { ...headers, 'if-none-match': '*' } : headers,
            body,
            signal,
          });
          return fetch(request);
        });
      let response = await send(conditionalWrites);
      if (response.status === 501 && conditionalWrites) {
        // The server does not implement conditional writes and stored nothing: keys are random
        // UUIDs, so writing without the guard is still safe.
        await response.body?.cancel();
        conditionalWrites = false;
        response = await send(false);
      }
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      if (response.status === 412) {
        await response.body?.cancel();
        throw new S3StorageError('put', key, 412, 'PreconditionFailed');
      }
      throw new S3StorageError('put', key, response.status, await s3CodeOf(response));
    },

    async get(key) {
      const url = urlOf(key);
      return withRetries('get', key, retries + 1, async (signal) => {
        const response = await fetch(await client.sign(url, { method: 'GET', signal }));
        if (response.status === 404) {
          await response.body?.cancel();
          throw new FileNotFoundError(key);
        }
        if (!response.ok) return failed('get', key, response);
        try {
          return Buffer.from(await response.arrayBuffer());
        } catch (error) {
          throw new Retryable(new S3StorageError('get', key, null, null, { cause: error }));
        }
      });
    },

    async delete(key) {
      const url = urlOf(key);
      await withRetries('delete', key, retries + 1, async (signal) => {
        const response = await fetch(await client.sign(url, { method: 'DELETE', signal }));
        // S3 answers 204 whether or not the object existed; some servers answer 404.
        if (response.ok || response.status === 404) {
          await response.body?.cancel();
          return;
        }
        return failed('delete', key, response);
      });
    },
  };
}
