import { DEFAULT_ERROR_MESSAGES, ERROR_CODES, type ErrorCode, type SessionView } from '@hqe/core';

/** Error codes the client can see: the API's own, plus one for a request that never got an answer. */
export type ClientErrorCode = ErrorCode | 'network_error';

const NETWORK_ERROR_MESSAGE = '无法连接到报名系统服务器，请检查网络连接后重试。';

/** A failed API call, carrying the server's stable code and its Chinese message. */
export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(init: { code: ClientErrorCode; message: string; status: number; details?: unknown }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
  }
}

/** True when `error` is an ApiError (optionally with one of the given codes). */
export function isApiError(error: unknown, ...codes: ClientErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

/** The message to show a user for any thrown value. */
export function errorMessageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return DEFAULT_ERROR_MESSAGES.internal;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'validation_failed';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

let csrfToken: string | null = null;
/** Whose session the token belongs to: undefined before the first session answer. */
let sessionAccountId: number | null | undefined;

/** Remember the CSRF token and the account of the latest session or login response. */
export function rememberSession(view: SessionView): void {
  csrfToken = view.csrfToken;
  sessionAccountId = view.account?.id ?? null;
}

const SESSION_CHANGED_MESSAGE =
  '登录状态已发生变化（可能已在其他窗口退出或切换了账号），本次操作未执行。请刷新页面后重试。';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
}

function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** The ApiError for a failed response: its error envelope, or a code from the HTTP status. */
export function toApiError(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const envelope = body.error;
    if (typeof envelope === 'object' && envelope !== null) {
      const { code, message, details } = envelope as Record<string, unknown>;
      if (isErrorCode(code)) {
        return new ApiError({
          code,
          message:
            typeof message === 'string' && message !== '' ? message : DEFAULT_ERROR_MESSAGES[code],
          status,
          details,
        });
      }
    }
  }
  const code = codeForStatus(status);
  return new ApiError({ code, message: DEFAULT_ERROR_MESSAGES[code], status });
}

/** The error of a request that never got an answer (offline, connection reset). */
export function networkError(): ApiError {
  return new ApiError({ code: 'network_error', message: NETWORK_ERROR_MESSAGE, status: 0 });
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
}

let sessionRequest: Promise<SessionView> | null = null;

/** Fetch the current session and remember its CSRF token; concurrent callers share one request. */
export function refreshSession(): Promise<SessionView> {
  sessionRequest ??= (async () => {
    try {
      const response = await send('/api/auth/session', {});
      const body = await readBody(response);
      if (!response.ok) throw toApiError(response.status, body);
      const view = body as SessionView;
      rememberSession(view);
      return view;
    } finally {
      sessionRequest = null;
    }
  })();
  return sessionRequest;
}

/**
 * The CSRF header for a state change sent outside `apiRequest` (an upload with progress events);
 * reads the session first when no token is known yet.
 */
export async function csrfHeader(): Promise<Record<string, string>> {
  if (csrfToken === null) await refreshSession();
  return csrfToken === null ? {} : { 'x-csrf-token': csrfToken };
}

/**
 * After a `csrf_failed` answer: read the session again for a fresh token, refusing (401) when the
 * session now belongs to another account than the one this page was acting as.
 */
export async function renewCsrfToken(): Promise<void> {
  const before = sessionAccountId;
  const view = await refreshSession();
  // Never replay an action under another account than the one this page was acting as.
  if (before !== undefined && (view.account?.id ?? null) !== before) {
    throw new ApiError({ code: 'unauthenticated', message: SESSION_CHANGED_MESSAGE, status: 401 });
  }
}

/**
 * Call the API: sends the CSRF header on state changes, parses the error envelope into an ApiError,
 * and on `csrf_failed` refreshes the session once and retries.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const unsafe = (options.method ?? 'GET') !== 'GET';
  if (unsafe && csrfToken === null) await refreshSession();
  let response = await send(path, options);
  let body = await readBody(response);
  if (!response.ok && unsafe) {
    const error = toApiError(response.status, body);
    if (error.code !== 'csrf_failed') throw error;
    await renewCsrfToken();
    response = await send(path, options);
    body = await readBody(response);
  }
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}

/** Shorthands for the common verbs. */
export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
};
