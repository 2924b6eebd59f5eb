import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateProfileView, PhotoCheckResult, UploadPhotoResponse } from '@hqe/core';
import { lockProfile } from '../src/modules/candidate-profile';
import { createAccount } from './factories';
import { lumaAt, portrait, sidewaysPortrait, transparentPortrait } from './photo-images';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hqe-photo-'));
  ctx = await createTestContext({ env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await ctx.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function candidate() {
  const account = await createAccount(ctx.db, { roles: ['candidate'] });
  const client = new TestClient(ctx.app);
  expect((await client.login(account.username, account.password)).statusCode).toBe(200);
  return { client, id: account.id };
}

const upload = (client: TestClient, bytes: Buffer) =>
  client.post('/api/candidate/profile/photo', { contentBase64: bytes.toString('base64') });

type Body = { json: () => unknown };
const errorOf = (r: Body) =>
  (
    r.json() as {
      error: { code: string; message: string; details?: { checks?: PhotoCheckResult[] } };
    }
  ).error;
const checksOf = (r: Body) => errorOf(r).details?.checks ?? [];
const failed = (r: Body) =>
  checksOf(r)
    .filter((c) => !c.passed)
    .map((c) => c.check);

/** Files under the photo folder of the file storage. */
function storedPhotos(): string[] {
  const root = path.join(dataDir, 'files', 'candidate-photos');
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('a good photo', () => {
  it('when a JPEG portrait is uploaded, then it is stored as a clean JPEG within the box and served to its owner only, never cached', async () => {
    const { client, id } = await candidate();
    const response = await upload(client, await portrait(600, 840));
    expect(response.statusCode).toBe(201);
    const body = response.json<UploadPhotoResponse>();
    expect(body.checks.every((c) => c.passed)).toBe(true);
    expect(body.checks.map((c) => c.check)).toEqual([
      'format',
      'pixels',
      'dimensions',
      'ratio',
      'background',
      'file_size',
    ]);
    expect(body.photo).toMatchObject({ width: 480, height: 672 });
    expect(body.photo.sizeBytes).toBeGreaterThanOrEqual(20 * 1024);
    expect(body.photo.sizeBytes).toBeLessThanOrEqual(200 * 1024);

    const served = await client.get(body.photo.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toBe('private, no-store');
    const jpeg = served.rawPayload;
    expect(jpeg.length).toBe(body.photo.sizeBytes);
    const meta = await sharp(jpeg).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 672, channels: 3 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();

    const profile = (await client.get('/api/candidate/profile')).json<CandidateProfileView>();
    expect(profile.photo).toEqual(body.photo);
    expect(profile.completeness.missing).not.toContain('photo');

    const audit = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'candidate_profile.photo_uploaded')
      .where('entityId', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit.actorAccountId).toBe(id);
    expect(audit.after).toEqual({
      section: 'photo',
      width: 480,
      height: 672,
      sizeBytes: jpeg.length,
    });
    expect(JSON.stringify(audit)).not.toContain(jpeg.toString('base64').slice(0, 40));
  });

  it('when a small photo is exactly the minimum, then it is kept at its size (never enlarged) and re-encoded to reach the minimum file size', async () => {
    const { client } = await candidate();
    const response = await upload(client, await portrait(295, 413));
    expect(response.statusCode).toBe(201);
    const { photo } = response.json<UploadPhotoResponse>();
    expect(photo).toMatchObject({ width: 295, height: 413 });
    expect(photo.sizeBytes).toBeGreaterThanOrEqual(20 * 1024);
  });

  it('when a phone photo is stored sideways with EXIF orientation and GPS, then it is turned upright and every metadata block is dropped', async () => {
    const { client } = await candidate();
    const sideways = await sidewaysPortrait(600, 840);
    const input = await sharp(sideways).metadata();
    expect(input).toMatchObject({ width: 840, height: 600, orientation: 6 });
    expect(input.exif?.toString('latin1')).toContain('TestCam');

    const response = await upload(client, sideways);
    expect(response.statusCode).toBe(201);
    const { photo } = response.json<UploadPhotoResponse>();
    expect(photo).toMatchObject({ width: 480, height: 672 });
    const jpeg = (await client.get(photo.url)).rawPayload;
    const meta = await sharp(jpeg).metadata();
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    expect(jpeg.toString('latin1')).not.toContain('TestCam');
    // Upright: light background at the top, the dark shoulders at the bottom centre.
    expect(await lumaAt(jpeg, 20, 20)).toBeGreaterThan(200);
    expect(await lumaAt(jpeg, 240, 660)).toBeLessThan(80);
  });

  it('when a PNG with a transparent background is uploaded, then it is flattened onto white and stored as a JPEG', async () => {
    const { client } = await candidate();
    const png = await transparentPortrait(413, 578);
    expect((await sharp(png).metadata()).hasAlpha).toBe(true);
    const response = await upload(client, png);
    expect(response.statusCode).toBe(201);
    const { photo } = response.json<UploadPhotoResponse>();
    const jpeg = (await client.get(photo.url)).rawPayload;
    const meta = await sharp(jpeg).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', channels: 3, hasAlpha: false });
    expect(await lumaAt(jpeg, 5, 5)).toBeGreaterThan(245);
  });

  it('when an iPhone HEIC photo is uploaded, then it is decoded and stored as a JPEG', async () => {
    const { client } = await candidate();
    const heic = readFileSync(path.join(import.meta.dirname, 'fixtures', 'portrait-330x462.heic'));
    const response = await upload(client, heic);
    expect(response.statusCode).toBe(201);
    const body = response.json<UploadPhotoResponse>();
    expect(body.checks[0]).toMatchObject({ check: 'format', passed: true });
    expect(body.checks[0]!.message).toContain('HEIC');
    expect(body.photo).toMatchObject({ width: 330, height: 462 });
    const jpeg = (await client.get(body.photo.url)).rawPayload;
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
  });
});

describe('photos that fail a check', () => {
  it('when the photo is too small, then only the size check fails and the candidate is told not to enlarge it', async () => {
    const { client } = await candidate();
    const response = await upload(client, await portrait(200, 280));
    expect(response.statusCode).toBe(422);
    expect(errorOf(response).code).toBe('photo_rejected');
    expect(failed(response)).toEqual(['dimensions']);
    const check = checksOf(response).find((c) => c.check === 'dimensions');
    expect(check?.message).toContain('200×280');
    expect(check?.message).toContain('295×413');
    expect(errorOf(response).message).toContain('照片未通过检查');
  });

  it('when the photo is square or landscape, then the ratio check fails and says how to fix it', async () => {
    const { client } = await candidate();
    const square = await upload(client, await portrait(600, 600));
    expect(square.statusCode).toBe(422);
    expect(failed(square)).toEqual(['ratio']);
    expect(checksOf(square).find((c) => c.check === 'ratio')?.message).toContain('1.00');

    const landscape = await upload(client, await portrait(840, 600));
    expect(failed(landscape)).toEqual(['ratio']);
    expect(checksOf(landscape).find((c) => c.check === 'ratio')?.message).toContain('横向');
  });

  it('when the background is dark, then the background check fails and asks for a light plain background', async () => {
    const { client } = await candidate();
    const response = await upload(client, await portrait(600, 840, { background: 90 }));
    expect(response.statusCode).toBe(422);
    expect(failed(response)).toEqual(['background']);
    const message = checksOf(response).find((c) => c.check === 'background')?.message ?? '';
    expect(message).toContain('偏暗');
    expect(message).toContain('请使用白色或浅色纯色背景重新拍摄');
  });

  it('when the background is light but busy, then the background check fails as not plain', async () => {
    const { client } = await candidate();
    const response = await upload(client, await portrait(600, 840, { stripes: true }));
    expect(response.statusCode).toBe(422);
    expect(failed(response)).toEqual(['background']);
    expect(checksOf(response).find((c) => c.check === 'background')?.message).toContain('不是纯色');
  });

  it('when several checks fail, then each is reported on its own', async () => {
    const { client } = await candidate();
    const response = await upload(client, await portrait(250, 250, { background: 60 }));
    expect(response.statusCode).toBe(422);
    expect(failed(response)).toEqual(['dimensions', 'ratio', 'background']);
    expect(errorOf(response).message).toContain('3 项未通过');
  });

  it('when a text file is renamed to .jpg, then it is refused as not an image (415)', async () => {
    const { client } = await candidate();
    const response = await upload(client, Buffer.from('这不是照片，只是改了扩展名的文本文件。\n'));
    expect(response.statusCode).toBe(415);
    expect(errorOf(response).code).toBe('unsupported_media_type');
    expect(failed(response)).toEqual(['format']);
    expect(errorOf(response).message).toContain('JPG、PNG 或 HEIC');
  });

  it('when a JPEG is cut short, then it is refused as damaged (415)', async () => {
    const { client } = await candidate();
    const whole = await portrait(600, 840);
    const response = await upload(client, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(response.statusCode).toBe(415);
    expect(errorOf(response).message).toContain('损坏');
  });

  it('when an image has more pixels than the limit, then it is refused from its header before decoding', async () => {
    const { client } = await candidate();
    // 8000 × 6000 = 48 MP > 40 MP; a flat PNG keeps the upload small.
    const huge = await sharp({
      create: { width: 6000, height: 8000, channels: 3, background: '#ffffff' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const started = Date.now();
    const response = await upload(client, huge);
    expect(response.statusCode).toBe(422);
    expect(errorOf(response).code).toBe('photo_rejected');
    expect(checksOf(response).map((c) => c.check)).toEqual(['format', 'pixels']);
    expect(failed(response)).toEqual(['pixels']);
    expect(checksOf(response)[1]!.message).toContain('48.0 百万像素');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('when a JPEG has more pixels than the limit, then the pixel check fails (it is not called damaged)', async () => {
    const { client } = await candidate();
    // 9000 × 9000 = 81 MP > 40 MP (PHOTO_MAX_INPUT_PIXELS); a flat JPEG is about 0.5 MB.
    const huge = await sharp({
      create: { width: 9000, height: 9000, channels: 3, background: '#ffffff' },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    const response = await upload(client, huge);
    expect(response.statusCode).toBe(422);
    expect(errorOf(response).code).toBe('photo_rejected');
    expect(errorOf(response).message).not.toContain('损坏');
    expect(checksOf(response)).toEqual([
      expect.objectContaining({ check: 'format', passed: true }),
      expect.objectContaining({ check: 'pixels', passed: false }),
    ]);
    expect(checksOf(response)[1]!.message).toContain('81.0 百万像素');
    expect(checksOf(response)[1]!.message).toContain('上限 40.0 百万像素');
  });
});

describe('replacing the photo', () => {
  it('when a new photo is saved, then the previous file is removed; when an upload fails, then the previous photo stays', async () => {
    const { client } = await candidate();
    const before = storedPhotos().length;
    const first = (await upload(client, await portrait(600, 840))).json<UploadPhotoResponse>();
    const firstJpeg = (await client.get(first.photo.url)).rawPayload;
    expect(storedPhotos()).toHaveLength(before + 1);

    const rejected = await upload(client, await portrait(600, 840, { background: 60 }));
    expect(rejected.statusCode).toBe(422);
    const still = await client.get('/api/candidate/profile/photo');
    expect(Buffer.compare(still.rawPayload, firstJpeg)).toBe(0);
    expect(storedPhotos()).toHaveLength(before + 1);

    const second = await upload(client, await portrait(500, 700));
    expect(second.statusCode).toBe(201);
    const { photo } = second.json<UploadPhotoResponse>();
    expect(photo.url).not.toBe(first.photo.url);
    expect(photo).toMatchObject({ width: 480, height: 672 });
    expect(storedPhotos()).toHaveLength(before + 1);
    const now = (await client.get('/api/candidate/profile/photo')).rawPayload;
    expect(Buffer.compare(now, firstJpeg)).not.toBe(0);
  });

  it('when the profile is locked by a confirmed registration, then a new photo is refused and the old one stays', async () => {
    const { client, id } = await candidate();
    const first = (await upload(client, await portrait(600, 840))).json<UploadPhotoResponse>();
    await lockProfile(ctx.db, id, '2027年度报名已确认', ctx.clock.now());
    const files = storedPhotos().length;
    const response = await upload(client, await portrait(500, 700));
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe('profile_locked');
    expect(errorOf(response).message).toContain('2027年度报名已确认');
    expect(storedPhotos()).toHaveLength(files);
    const profile = (await client.get('/api/candidate/profile')).json<CandidateProfileView>();
    expect(profile.photo).toEqual(first.photo);
  });
});

describe('limits and access', () => {
  it('when the file is above the configured size, then it is refused with 413 and the limit', async () => {
    const small = await createTestContext({
      env: { DATA_DIR: dataDir, PHOTO_MAX_INPUT_BYTES: String(200 * 1024) },
    });
    try {
      const account = await createAccount(small.db, { roles: ['candidate'] });
      const client = new TestClient(small.app);
      await client.login(account.username, account.password);
      const big = await portrait(1600, 2240, { noise: 30 });
      expect(big.length).toBeGreaterThan(200 * 1024);
      const response = await upload(client, big.subarray(0, 250 * 1024));
      expect(response.statusCode).toBe(413);
      expect(errorOf(response).code).toBe('payload_too_large');
    } finally {
      await small.close();
    }
  });

  it('when an area asks for larger files (the national tool wants over 45 KB) and a photo has too little detail even at full quality, then the size check fails', async () => {
    const strict = await createTestContext({
      env: { DATA_DIR: dataDir, PHOTO_OUTPUT_MIN_KB: '45' },
    });
    try {
      const account = await createAccount(strict.db, { roles: ['candidate'] });
      const client = new TestClient(strict.app);
      await client.login(account.username, account.password);
      const flat = await upload(client, await portrait(300, 420, { noise: 0 }));
      expect(flat.statusCode).toBe(422);
      expect(failed(flat)).toEqual(['file_size']);
      const message = checksOf(flat).find((c) => c.check === 'file_size')?.message ?? '';
      expect(message).toContain('45–200 KB');
      expect(message).toContain('不要使用截图或压缩过的照片');
      expect((await client.get('/api/candidate/profile/photo')).statusCode).toBe(404);

      const detailed = await upload(client, await portrait(600, 840, { noise: 8 }));
      expect(detailed.statusCode).toBe(201);
      expect(detailed.json<UploadPhotoResponse>().photo.sizeBytes).toBeGreaterThanOrEqual(
        45 * 1024,
      );
    } finally {
      await strict.close();
    }
  });

  it('when a visitor or a staff member calls the photo routes, then they are refused', async () => {
    const visitor = await new TestClient(ctx.app).start();
    expect((await visitor.get('/api/candidate/profile/photo')).statusCode).toBe(401);
    expect((await upload(visitor, await portrait(600, 840))).statusCode).toBe(401);

    const staff = await createAccount(ctx.db, { roles: ['area_admin'], areaCode: '31' });
    const client = new TestClient(ctx.app);
    await client.login(staff.username, staff.password);
    expect((await client.get('/api/candidate/profile/photo')).statusCode).toBe(403);
    expect((await upload(client, await portrait(600, 840))).statusCode).toBe(403);
  });

  it('when a candidate has no photo, then GET answers 404 with what to do', async () => {
    const { client } = await candidate();
    const response = await client.get('/api/candidate/profile/photo');
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).message).toContain('尚未上传基本照片');
  });

  it('when photos are uploaded, then no log line carries the picture', async () => {
    const { client } = await candidate();
    const bytes = await portrait(600, 840);
    await upload(client, bytes);
    const sample = bytes.toString('base64').slice(100, 160);
    expect(ctx.logs.join('\n')).not.toContain(sample);
  });
});
