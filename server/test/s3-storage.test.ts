import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AwsV4Signer } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { createS3Storage, S3StorageError, type S3StorageOptions } from '../src/lib/s3-storage';
import {
  createLocalStorage,
  FileNotFoundError,
  newStorageKey,
  type FileStorage,
} from '../src/lib/storage';
import { createAccount, examAreaId } from './factories';
import { createTestContext, TestClient } from './test-app';

// --- an in-process S3 emulator ------------------------------------------------------------------

/** The part of Koa's context the test middleware uses. */
interface KoaContext {
  method: string;
  path: string;
  originalUrl: string;
  host: string;
  headers: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverInstance {
  middleware: KoaMiddleware[];
  store: { existsObject(bucket: string, key: string): Promise<boolean> };
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverInstance;
const require = createRequire(import.meta.url);
const S3rver = require('s3rver') as S3rverClass;
const s3rverAccounts = require('s3rver/lib/models/account') as {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
};

const BUCKET = 'hqe-test';
const REGION = 'us-east-1';
// A key pair added to s3rver's built-in account (its own secret is shorter than the config allows).
const ACCESS_KEY_ID = 'HQETESTKEY';
const SECRET = 'hqe-test-secret-access-key';
s3rverAccounts.DUMMY_ACCOUNT.createKeyPair(ACCESS_KEY_ID, SECRET);

const xmlError = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>test</Message></Error>`;

const header = (ctx: KoaContext, name: string): string => {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
};

/**
 * What s3rver does not do itself, done in front of it the way AWS S3 and MinIO do it:
 * - check the Signature V4 against the secret (s3rver only checks that the access key id exists);
 * - honour `If-None-Match: *` on PUT (s3rver ignores it) — or answer 501 NotImplemented to it, as
 *   a server without conditional writes does, when `conditionalWrites` is 'not-implemented'.
 * It also records each request's method and headers for the assertions.
 */
function emulation(server: S3rverInstance) {
  const state = {
    conditionalWrites: 'honoured' as 'honoured' | 'not-implemented',
    requests: [] as { method: string; path: string; headers: Record<string, string> }[],
  };
  const middleware: KoaMiddleware = async (ctx, next) => {
    const headers = Object.fromEntries(
      Object.keys(ctx.headers).map((name) => [name, header(ctx, name)]),
    );
    state.requests.push({ method: ctx.method, path: ctx.path, headers });
    const authorization =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/[^,]+, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
        headers.authorization ?? '',
      );
    if (!authorization) {
      ctx.status = 403;
      ctx.type = 'application/xml';
      ctx.body = xmlError('AccessDenied');
      return;
    }
    const [, accessKeyId, signedHeaders, signature] = authorization;
    if (accessKeyId === ACCESS_KEY_ID) {
      const signer = new AwsV4Signer({
        method: ctx.method,
        url: `http://${ctx.host}${ctx.originalUrl}`,
        headers: Object.fromEntries(
          signedHeaders!
            .split(';')
            .filter((name) => name !== 'host')
            .map((name) => [name, headers[name] ?? '']),
        ),
        accessKeyId,
        secretAccessKey: SECRET,
        service: 's3',
        region: REGION,
        datetime: headers['x-amz-date'] ?? '',
      });
      if ((await signer.signature()) !== signature) {
        ctx.status = 403;
        ctx.type = 'application/xml';
        ctx.body = xmlError('SignatureDoesNotMatch');
        return;
      }
    }
    if (ctx.method === 'PUT' && headers['if-none-match'] === '*') {
      if (state.conditionalWrites === 'not-implemented') {
        ctx.status = 501;
        ctx.type = 'application/xml';
        ctx.body = xmlError('NotImplemented');
        return;
      }
      const [, bucket, ...key] = ctx.path.split('/');
      if (await server.store.existsObject(bucket!, decodeURIComponent(key.join('/')))) {
        ctx.status = 412;
        ctx.type = 'application/xml';
        ctx.body = xmlError('PreconditionFailed');
        return;
      }
    }
    await next();
  };
  server.middleware.unshift(middleware);
  return state;
}

let s3: S3rverInstance;
let s3Directory: string;
let s3Endpoint: string;
let s3State: ReturnType<typeof emulation>;
let localDirectory: string;

beforeAll(async () => {
  s3Directory = mkdtempSync(path.join(tmpdir(), 'hqe-s3rver-'));
  localDirectory = mkdtempSync(path.join(tmpdir(), 'hqe-local-storage-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Directory,
    configureBuckets: [{ name: BUCKET }],
  });
  s3State = emulation(s3);
  const address = await s3.run();
  s3Endpoint = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await s3.close();
  rmSync(s3Directory, { recursive: true, force: true });
  rmSync(localDirectory, { recursive: true, force: true });
});

const s3Options = (overrides: Partial<S3StorageOptions> = {}): S3StorageOptions => ({
  endpoint: s3Endpoint,
  region: REGION,
  bucket: BUCKET,
  accessKeyId: ACCESS_KEY_ID,
  secretAccessKey: SECRET,
  forcePathStyle: true,
  prefix: '',
  timeoutMs: 5_000,
  retryDelayMs: 10,
  ...overrides,
});

// --- one contract, two drivers ------------------------------------------------------------------

const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
/** Every key the tests made, so a real bucket can be cleaned up afterwards. */
const made: string[] = [];
const key = (name: string) => {
  const k = newStorageKey(`contract/${name}`, new Date());
  made.push(k);
  return k;
};

function storageContract(name: string, make: () => FileStorage) {
  describe(`FileStorage contract: ${name}`, () => {
    let storage: FileStorage;
    beforeAll(() => {
      storage = make();
    });
    afterAll(async () => {
      for (const k of made) await storage.delete(k);
    });

    it('when bytes are put, then get returns exactly them (every byte value, 2 MB random)', async () => {
      const small = key('every-byte');
      const large = key('large');
      const random = randomBytes(2 * 1024 * 1024);
      await storage.put(small, everyByte);
      await storage.put(large, random);
      expect(Buffer.compare(await storage.get(small), everyByte)).toBe(0);
      const back = await storage.get(large);
      expect(back.length).toBe(random.length);
      expect(createHash('sha256').update(back).digest('hex')).toBe(
        createHash('sha256').update(random).digest('hex'),
      );
    });

    it('when an empty file is put, then get returns zero bytes', async () => {
      const empty = key('empty');
      await storage.put(empty, new Uint8Array(0));
      expect((await storage.get(empty)).length).toBe(0);
    });

    it('when a key was never put, then get throws FileNotFoundError', async () => {
      await expect(storage.get(key('missing'))).rejects.toBeInstanceOf(FileNotFoundError);
    });

    it('when a file is deleted, then get throws FileNotFoundError; deleting again is fine', async () => {
      const gone = key('deleted');
      await storage.put(gone, Buffer.from('to be removed'));
      await storage.delete(gone);
      await expect(storage.get(gone)).rejects.toBeInstanceOf(FileNotFoundError);
      await expect(storage.delete(gone)).resolves.toBeUndefined();
      await expect(storage.delete(key('never-there'))).resolves.toBeUndefined();
    });

    it('when a key is put twice, then the second put is refused and the first bytes stay', async () => {
      const once = key('once');
      await storage.put(once, Buffer.from('first'));
      await expect(storage.put(once, Buffer.from('second'))).rejects.toThrow();
      expect((await storage.get(once)).toString()).toBe('first');
    });

    it('when a key is not a server-made key, then every operation refuses it before any I/O', async () => {
      for (const bad of ['../escape', '/absolute', 'Upper/case', 'a//b', 'a/b/', 'a b', '']) {
        await expect(storage.put(bad, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
        await expect(storage.get(bad)).rejects.toThrow(/Invalid storage key/);
        await expect(storage.delete(bad)).rejects.toThrow(/Invalid storage key/);
      }
    });
  });
}

storageContract('local folder', () => createLocalStorage(localDirectory));
storageContract('S3 (s3rver)', () => createS3Storage(s3Options()));
storageContract('S3 (s3rver) under a prefix', () =>
  createS3Storage(s3Options({ prefix: 'hqe/prod/' })),
);

// The same contract against a real S3-compatible server, when one is named (see decision 0011).
const realEndpoint = process.env.S3_TEST_ENDPOINT;
if (realEndpoint) {
  storageContract(`S3 (${realEndpoint})`, () =>
    createS3Storage({
      endpoint: realEndpoint,
      region: process.env.S3_TEST_REGION ?? 'us-east-1',
      bucket: process.env.S3_TEST_BUCKET ?? '',
      accessKeyId: process.env.S3_TEST_ACCESS_KEY_ID ?? '',
      secretAccessKey: process.env.S3_TEST_SECRET_ACCESS_KEY ?? '',
      forcePathStyle: process.env.S3_TEST_FORCE_PATH_STYLE === 'true',
      prefix: 'hqe-contract-test',
    }),
  );
}

// --- S3 specifics --------------------------------------------------------------------------------

describe('S3 storage', () => {
  it('when a prefix is set, then objects live under it and another prefix does not see them', async () => {
    const withPrefix = createS3Storage(s3Options({ prefix: 'tenant-a' }));
    const other = createS3Storage(s3Options({ prefix: 'tenant-b' }));
    const k = key('prefixed');
    await withPrefix.put(k, Buffer.from('a'));
    expect(await s3.store.existsObject(BUCKET, `tenant-a/${k}`)).toBe(true);
    expect(await s3.store.existsObject(BUCKET, k)).toBe(false);
    await expect(other.get(k)).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('when bytes are put, then the request carries their MD5 and signed SHA-256, refuses overwrite and is an octet stream', async () => {
    const storage = createS3Storage(s3Options());
    const bytes = randomBytes(1000);
    const k = key('headers');
    s3State.requests.length = 0;
    await storage.put(k, bytes);
    const put = s3State.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/${BUCKET}/${k}`);
    expect(put?.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-md5': createHash('md5').update(bytes).digest('base64'),
      'x-amz-content-sha256': createHash('sha256').update(bytes).digest('hex'),
      'if-none-match': '*',
    });
    expect(put?.headers.authorization).toMatch(/SignedHeaders=[^,]*x-amz-content-sha256/);
    expect(put?.headers.authorization).not.toContain(SECRET);
  });

  it('when the secret is wrong, then every operation fails with 403 SignatureDoesNotMatch and nothing is stored', async () => {
    const storage = createS3Storage(s3Options({ secretAccessKey: 'not-the-secret' }));
    const k = key('wrong-secret');
    const failure = await storage.put(k, Buffer.from('x')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(S3StorageError);
    expect(failure).toMatchObject({ status: 403, s3Code: 'SignatureDoesNotMatch' });
    expect((failure as Error).message).not.toContain('not-the-secret');
    expect(await s3.store.existsObject(BUCKET, k)).toBe(false);
    await expect(storage.get(k)).rejects.toMatchObject({ status: 403 });
    await expect(storage.delete(k)).rejects.toMatchObject({ status: 403 });
  });

  it('when the access key id is unknown, then s3rver itself answers 403 InvalidAccessKeyId', async () => {
    const storage = createS3Storage(s3Options({ accessKeyId: 'NOBODY' }));
    await expect(storage.put(key('unknown-key'), Buffer.from('x'))).rejects.toMatchObject({
      status: 403,
      s3Code: 'InvalidAccessKeyId',
    });
  });

  it('when the server does not implement conditional writes (501), then the put is sent once more without them and stored', async () => {
    s3State.conditionalWrites = 'not-implemented';
    try {
      const storage = createS3Storage(s3Options());
      const first = key('no-conditional-1');
      s3State.requests.length = 0;
      await storage.put(first, Buffer.from('stored anyway'));
      expect(s3State.requests.map((r) => r.headers['if-none-match'] ?? null)).toEqual(['*', null]);
      expect((await storage.get(first)).toString()).toBe('stored anyway');
      // Remembered: the next put goes without the header straight away.
      s3State.requests.length = 0;
      await storage.put(key('no-conditional-2'), Buffer.from('second'));
      expect(s3State.requests).toHaveLength(1);
      expect(s3State.requests[0]?.headers['if-none-match']).toBeUndefined();
    } finally {
      s3State.conditionalWrites = 'honoured';
    }
  });

  it('when the bucket does not exist, then put fails with 404 NoSuchBucket (not FileNotFoundError for put)', async () => {
    const storage = createS3Storage(s3Options({ bucket: 'no-such-bucket' }));
    await expect(storage.put(key('nowhere'), Buffer.from('x'))).rejects.toMatchObject({
      status: 404,
      s3Code: 'NoSuchBucket',
    });
  });

  it('when the endpoint has a path or credentials, or the prefix is not a key, then creation is refused', () => {
    expect(() => createS3Storage(s3Options({ endpoint: 'http://127.0.0.1:9000/bucket' }))).toThrow(
      /bare origin/,
    );
    expect(() => createS3Storage(s3Options({ endpoint: 'http://u:p@127.0.0.1:9000' }))).toThrow(
      /bare origin/,
    );
    expect(() => createS3Storage(s3Options({ prefix: '../up' }))).toThrow(/Invalid storage key/);
  });
});

// --- timeouts and retries against a misbehaving server -------------------------------------------

describe('S3 storage against a failing server', () => {
  let server: Server;
  let endpoint: string;
  let plan: (request: IncomingMessage, response: ServerResponse) => void;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.method ?? '');
      request.resume();
      request.on('end', () => plan(request, response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const failTimes = (times: number, then: (response: ServerResponse) => void) => {
    let failures = 0;
    return (_request: IncomingMessage, response: ServerResponse) => {
      if (failures++ < times) {
        response.writeHead(503, { 'content-type': 'application/xml' });
        response.end(xmlError('SlowDown'));
      } else then(response);
    };
  };
  const storage = (overrides: Partial<S3StorageOptions> = {}) =>
    createS3Storage(s3Options({ endpoint, retries: 2, timeoutMs: 300, ...overrides }));

  it('when GET meets 503 twice, then the third attempt returns the bytes', async () => {
    seen.length = 0;
    plan = failTimes(2, (response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(everyByte);
    });
    expect(Buffer.compare(await storage().get('a/b'), everyByte)).toBe(0);
    expect(seen).toEqual(['GET', 'GET', 'GET']);
  });

  it('when GET meets 503 every time, then it gives up after 1 + retries attempts with the status', async () => {
    seen.length = 0;
    plan = failTimes(100, () => undefined);
    await expect(storage().get('a/b')).rejects.toMatchObject({
      name: 'S3StorageError',
      status: 503,
      s3Code: 'SlowDown',
    });
    expect(seen).toHaveLength(3);
  });

  it('when DELETE meets 503 once, then it is retried and succeeds', async () => {
    seen.length = 0;
    plan = failTimes(1, (response) => {
      response.writeHead(204);
      response.end();
    });
    await storage().delete('a/b');
    expect(seen).toEqual(['DELETE', 'DELETE']);
  });

  it('when PUT meets 503, then it is not retried (a lost answer must not turn into a second write)', async () => {
    seen.length = 0;
    plan = failTimes(1, (response) => {
      response.writeHead(200);
      response.end();
    });
    await expect(storage().put('a/b', Buffer.from('x'))).rejects.toMatchObject({ status: 503 });
    expect(seen).toEqual(['PUT']);
  });

  it('when the server never answers, then each attempt times out and the error has no status', async () => {
    seen.length = 0;
    plan = () => undefined; // hang
    const started = Date.now();
    await expect(storage({ retries: 1, timeoutMs: 300 }).get('a/b')).rejects.toMatchObject({
      name: 'S3StorageError',
      status: null,
    });
    // Two attempts, each waiting out its whole timeout (whether the second one's request reaches a
    // busy test process before its timeout is a matter of timing, so it is not counted here).
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(580);
    expect(elapsed).toBeLessThan(5_000);
    expect(seen[0]).toBe('GET');
  });

  it('when nothing listens on the endpoint, then the error is an S3StorageError without status', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      storage({ endpoint: `http://127.0.0.1:${port}`, retries: 1 }).get('a/b'),
    ).rejects.toMatchObject({ name: 'S3StorageError', status: null });
  });
});

// --- configuration -------------------------------------------------------------------------------

describe('storage configuration', () => {
  const s3Env = {
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: 'https://oss-cn-shanghai.aliyuncs.com',
    S3_REGION: 'oss-cn-shanghai',
    S3_BUCKET: 'hqe-materials',
    S3_ACCESS_KEY_ID: 'LTAIexample',
    S3_SECRET_ACCESS_KEY: 'very-secret-value-123',
  };

  it('when nothing is set, then files go to DATA_DIR/files', () => {
    const config = loadConfig({ DATA_DIR: '/srv/hqe' });
    expect(config.storage).toEqual({ driver: 'local', root: path.join('/srv/hqe', 'files') });
  });

  it('when the driver is s3 with its variables, then they are read with defaults for the rest', () => {
    expect(loadConfig(s3Env).storage).toEqual({
      driver: 's3',
      endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
      region: 'oss-cn-shanghai',
      bucket: 'hqe-materials',
      accessKeyId: 'LTAIexample',
      secretAccessKey: 'very-secret-value-123',
      forcePathStyle: false,
      prefix: '',
    });
    const minio = loadConfig({
      ...s3Env,
      S3_ENDPOINT: 'http://127.0.0.1:9000/',
      S3_REGION: '',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: 'hqe/prod/',
    }).storage;
    expect(minio).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      prefix: 'hqe/prod',
    });
  });

  it('when the driver is s3 without its variables, then the error names each missing one', () => {
    const error = (() => {
      try {
        loadConfig({ STORAGE_DRIVER: 's3', S3_SECRET_ACCESS_KEY: 'very-secret-value-123' });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'S3_ENDPOINT: required when STORAGE_DRIVER=s3',
      'S3_BUCKET: required when STORAGE_DRIVER=s3',
      'S3_ACCESS_KEY_ID: required when STORAGE_DRIVER=s3',
    ]);
    expect((error as Error).message).not.toContain('very-secret-value-123');
  });

  it('when a value is malformed, then the error names the variable and never echoes the value', () => {
    for (const [name, value] of [
      ['STORAGE_DRIVER', 'ftp'],
      ['S3_ENDPOINT', 'https://user:hunter2secret@s3.example.com'],
      ['S3_ENDPOINT', 'https://s3.example.com/some/path'],
      ['S3_BUCKET', 'Bad_Bucket'],
      ['S3_SECRET_ACCESS_KEY', 'short'],
      ['S3_PREFIX', '../escape'],
      ['S3_FORCE_PATH_STYLE', 'maybe'],
    ] as const) {
      const attempt = () => loadConfig({ ...s3Env, [name]: value });
      expect(attempt, name).toThrow(ConfigError);
      expect(attempt, name).toThrow(new RegExp(name));
      try {
        attempt();
      } catch (e) {
        expect((e as Error).message).not.toContain(value);
      }
    }
  });
});

// --- the application on S3 -----------------------------------------------------------------------

describe('the application with STORAGE_DRIVER=s3', () => {
  const appEnv = (secret: string) => ({
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: s3Endpoint,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: secret,
    S3_FORCE_PATH_STYLE: 'true',
    S3_PREFIX: 'app-test',
  });

  /** An area admin's new notice in the demo cycle, and a function uploading a PDF to it. */
  async function noticeOf(ctx: Awaited<ReturnType<typeof createTestContext>>) {
    const shanghai = await examAreaId(ctx.db, '31');
    const cycleId = (await ctx.db.selectFrom('cycles').select('id').executeTakeFirstOrThrow()).id;
    const account = await createAccount(ctx.db, { roles: ['area_admin'], areaCode: '31' });
    const admin = new TestClient(ctx.app);
    expect((await admin.login(account.username, account.password)).statusCode).toBe(200);
    const notice = await admin.post(`/api/admin/cycles/${cycleId}/exam-areas/${shanghai}/notices`, {
      title: '对象存储测试通知',
      body: '正文',
    });
    expect(notice.statusCode).toBe(201);
    const noticeId = notice.json<{ id: number }>().id;
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      randomBytes(64),
      Buffer.from('\n%%EOF\n'),
    ]);
    const upload = () =>
      admin.post(`/api/admin/notices/${noticeId}/attachments`, {
        fileName: '附件.pdf',
        contentBase64: pdf.toString('base64'),
      });
    const rows = () =>
      ctx.db
        .selectFrom('examNoticeAttachments')
        .select(['id', 'storageKey'])
        .where('noticeId', '=', noticeId)
        .execute();
    return { admin, noticeId, pdf, upload, rows };
  }

  it('when a notice attachment is uploaded and downloaded, then its bytes go through the bucket', async () => {
    const ctx = await createTestContext({ env: appEnv(SECRET) });
    try {
      const { admin, noticeId, pdf, upload, rows } = await noticeOf(ctx);
      const response = await upload();
      expect(response.statusCode).toBe(201);
      const [row] = await rows();
      expect(await s3.store.existsObject(BUCKET, `app-test/${row!.storageKey}`)).toBe(true);
      const download = await admin.get(`/api/admin/notices/${noticeId}/attachments/${row!.id}`);
      expect(download.statusCode).toBe(200);
      expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
      expect(ctx.logs.join('\n')).not.toContain(SECRET);
    } finally {
      await ctx.close();
    }
  });

  it('when the bucket refuses the signature, then the upload fails whole: no row, no object, no secret in the logs', async () => {
    const ctx = await createTestContext({ env: appEnv('a-wrong-secret-value') });
    try {
      const { upload, rows } = await noticeOf(ctx);
      const response = await upload();
      expect(response.statusCode).toBe(500);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('internal');
      expect(await rows()).toEqual([]);
      const logs = ctx.logs.join('\n');
      expect(logs).toContain('SignatureDoesNotMatch');
      expect(logs).not.toContain('a-wrong-secret-value');
    } finally {
      await ctx.close();
    }
  });
});
