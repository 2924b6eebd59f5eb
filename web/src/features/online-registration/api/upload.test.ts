import type { SessionView } from '@hqe/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, rememberSession } from '../../../lib/api-client';
import { percentOf, sendWithProgress, type UploadProgress, type XhrLike } from './upload';

/** A scripted XMLHttpRequest: records what was sent; the test plays the network's part. */
class FakeXhr implements XhrLike {
  static made: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  sent: string | null = null;
  aborted = false;
  withCredentials = false;
  readonly upload: XhrLike['upload'] = { onprogress: null };
  onload: XhrLike['onload'] = null;
  onerror: XhrLike['onerror'] = null;
  onabort: XhrLike['onabort'] = null;
  ontimeout: XhrLike['ontimeout'] = null;
  status = 0;
  responseText = '';
  private responseHeaders: Record<string, string> = {};

  constructor() {
    FakeXhr.made.push(this);
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: string) {
    this.sent = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.({} as ProgressEvent);
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }

  progress(loaded: number, total: number, lengthComputable = true) {
    this.upload.onprogress?.({ lengthComputable, loaded, total } as ProgressEvent);
  }
  answer(status: number, body?: unknown, contentType = 'application/json; charset=utf-8') {
    this.status = status;
    this.responseHeaders = body === undefined ? {} : { 'content-type': contentType };
    this.responseText = body === undefined ? '' : JSON.stringify(body);
    this.onload?.({} as ProgressEvent);
  }
  fail() {
    this.onerror?.({} as ProgressEvent);
  }
}

const createXhr = () => new FakeXhr();
/** The request the helper has just opened (it opens one after reading the CSRF token). */
async function opened(index = 0): Promise<FakeXhr> {
  return vi.waitFor(() => {
    const xhr = FakeXhr.made[index];
    if (!xhr) throw new Error(`request ${index} not opened yet`);
    return xhr;
  });
}

const session = (csrfToken: string, accountId: number | null) =>
  ({ csrfToken, account: accountId === null ? null : { id: accountId } }) as unknown as SessionView;

const view = { id: 7, status: 'draft' };
const envelope = (code: string, message: string, details?: unknown) => ({
  error: { code, message, details },
});

beforeEach(() => {
  FakeXhr.made = [];
  rememberSession(session('token-1', 41));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sendWithProgress', () => {
  it('posts the body as JSON with the CSRF header, reports progress and resolves with the answer', async () => {
    const progress: UploadProgress[] = [];
    const done = sendWithProgress<typeof view>('/api/registrations/7/materials/other', {
      body: { fileName: '成绩单.jpg', contentBase64: 'AAAA' },
      onProgress: (p) => progress.push(p),
      createXhr,
    });
    const xhr = await opened();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/registrations/7/materials/other');
    expect(xhr.headers).toMatchObject({
      'x-csrf-token': 'token-1',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(JSON.parse(xhr.sent ?? 'null')).toEqual({
      fileName: '成绩单.jpg',
      contentBase64: 'AAAA',
    });

    xhr.progress(0, 0, false); // size not known yet: not reported
    xhr.progress(512, 2048);
    xhr.progress(2048, 2048);
    xhr.answer(201, view);
    await expect(done).resolves.toEqual(view);
    expect(progress).toEqual([
      { loaded: 512, total: 2048 },
      { loaded: 2048, total: 2048 },
    ]);
    expect(progress.map(percentOf)).toEqual([25, 100]);
  });

  it('turns the error envelope into an ApiError with the code, message and details', async () => {
    const done = sendWithProgress('/api/x', { body: {}, createXhr });
    const problems = [
      { code: 'type', message: '仅支持 JPG、PNG、HEIC 图片或 PDF 文件' },
      { code: 'empty', message: '文件是空的' },
    ];
    (await opened()).answer(422, envelope('material_rejected', '材料文件未通过检查', { problems }));
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'material_rejected',
      status: 422,
      message: '材料文件未通过检查',
      details: { problems },
    });
  });

  it('names an answer without an envelope by its status, with the default Chinese message', async () => {
    const done = sendWithProgress('/api/x', { body: {}, createXhr });
    (await opened()).answer(413, '<html>too large</html>', 'text/html');
    await expect(done).rejects.toMatchObject({
      code: 'payload_too_large',
      status: 413,
      message: '提交的内容过大，请缩小后重试。',
    });
  });

  it('reports a request that got no answer as network_error', async () => {
    const done = sendWithProgress('/api/x', { body: {}, createXhr });
    (await opened()).fail();
    await expect(done).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });

  it('aborts the request when the signal aborts, rejecting with an AbortError', async () => {
    const controller = new AbortController();
    const progress: UploadProgress[] = [];
    const done = sendWithProgress('/api/x', {
      body: {},
      signal: controller.signal,
      onProgress: (p) => progress.push(p),
      createXhr,
    });
    const xhr = await opened();
    xhr.progress(10, 100);
    controller.abort();
    expect(xhr.aborted).toBe(true);
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([{ loaded: 10, total: 100 }]);
  });

  it('does not send at all when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      sendWithProgress('/api/x', { body: {}, signal: controller.signal, createXhr }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeXhr.made).toHaveLength(0);
  });

  it('after csrf_failed reads the session again and sends once more with the new token', async () => {
    const fetchMock = vi.fn(async () =>
      Promise.resolve(
        new Response(JSON.stringify(session('token-2', 41)), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const done = sendWithProgress<typeof view>('/api/x', { body: { a: 1 }, createXhr });
    (await opened(0)).answer(403, envelope('csrf_failed', '页面已过期'));
    const second = await opened(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(second.headers['x-csrf-token']).toBe('token-2');
    expect(second.sent).toBe(JSON.stringify({ a: 1 }));
    second.answer(201, view);
    await expect(done).resolves.toEqual(view);
  });

  it('never sends again under another account after csrf_failed', async () => {
    vi.stubGlobal('fetch', async () =>
      Promise.resolve(
        new Response(JSON.stringify(session('token-3', 99)), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
      ),
    );
    const done = sendWithProgress('/api/x', { body: {}, createXhr });
    (await opened(0)).answer(403, envelope('csrf_failed', '页面已过期'));
    await expect(done).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
    expect(FakeXhr.made).toHaveLength(1);
  });
});

describe('percentOf', () => {
  it('is a whole percent between 0 and 100, and 0 while the size is unknown', () => {
    expect(percentOf({ loaded: 0, total: 0 })).toBe(0);
    expect(percentOf({ loaded: 1, total: 3 })).toBe(33);
    expect(percentOf({ loaded: 999, total: 1000 })).toBe(99);
    expect(percentOf({ loaded: 1200, total: 1000 })).toBe(100);
  });
});
