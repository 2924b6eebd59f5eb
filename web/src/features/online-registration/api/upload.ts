import { csrfHeader, networkError, renewCsrfToken, toApiError } from '../../../lib/api-client';

/*
 * A JSON request sent with XMLHttpRequest, for the one thing fetch cannot do: report how much of
 * the body has been sent (R17: 上传进度). It keeps the API client's rules: the CSRF header on the
 * state change, the error envelope parsed into an ApiError, one retry after `csrf_failed` (never
 * under another account), `network_error` when no answer came, and an AbortError on abort.
 */

/** Bytes of the request body sent so far. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Whole percent of a progress (0–100); 0 while the size is unknown. */
export function percentOf(progress: UploadProgress): number {
  if (progress.total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((progress.loaded / progress.total) * 100)));
}

/** The part of XMLHttpRequest used here (a test passes a fake). */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: string): void;
  abort(): void;
  withCredentials: boolean;
  readonly upload: { onprogress: ((event: ProgressEvent) => void) | null };
  onload: ((event: ProgressEvent) => void) | null;
  onerror: ((event: ProgressEvent) => void) | null;
  onabort: ((event: ProgressEvent) => void) | null;
  ontimeout: ((event: ProgressEvent) => void) | null;
  readonly status: number;
  readonly responseText: string;
  getResponseHeader(name: string): string | null;
}

export interface ProgressRequest {
  method?: 'POST' | 'PUT';
  /** Sent as JSON. */
  body: unknown;
  /** Called as the body goes out; starts again from 0 when the request is sent a second time. */
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Makes the request object; XMLHttpRequest by default. */
  createXhr?: () => XhrLike;
}

interface Answer {
  status: number;
  body: unknown;
}

const abortError = () => new DOMException('上传已取消。', 'AbortError');

function readJson(xhr: XhrLike): unknown {
  if (xhr.status === 204) return undefined;
  if (!(xhr.getResponseHeader('content-type') ?? '').includes('json')) return undefined;
  try {
    return JSON.parse(xhr.responseText) as unknown;
  } catch {
    return undefined;
  }
}

function attempt(
  path: string,
  method: string,
  payload: string,
  headers: Record<string, string>,
  request: ProgressRequest,
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const { signal, onProgress } = request;
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const xhr = (request.createXhr ?? (() => new XMLHttpRequest()))();
    const onSignal = () => xhr.abort();
    const settle = (done: () => void) => {
      signal?.removeEventListener('abort', onSignal);
      done();
    };
    xhr.open(method, path);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => settle(() => resolve({ status: xhr.status, body: readJson(xhr) }));
    xhr.onerror = () => settle(() => reject(networkError()));
    xhr.ontimeout = () => settle(() => reject(networkError()));
    xhr.onabort = () => settle(() => reject(abortError()));
    signal?.addEventListener('abort', onSignal, { once: true });
    xhr.send(payload);
  });
}

const ok = (status: number) => status >= 200 && status < 300;

/**
 * Send `body` as JSON to `path` with upload progress events; resolves with the parsed answer,
 * rejects with an ApiError (the server's code and Chinese message) or an AbortError.
 */
export async function sendWithProgress<T>(path: string, request: ProgressRequest): Promise<T> {
  const method = request.method ?? 'POST';
  const payload = JSON.stringify(request.body);
  const send = async () =>
    attempt(
      path,
      method,
      payload,
      {
        ...(await csrfHeader()),
        accept: 'application/json',
        'content-type': 'application/json',
      },
      request,
    );
  let answer = await send();
  if (!ok(answer.status)) {
    const error = toApiError(answer.status, answer.body);
    if (error.code !== 'csrf_failed') throw error;
    await renewCsrfToken();
    answer = await send();
  }
  if (!ok(answer.status)) throw toApiError(answer.status, answer.body);
  return answer.body as T;
}
