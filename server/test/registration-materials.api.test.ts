import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATERIAL_FILES_PER_SLOT_MAX, type RegistrationView } from '@hqe/core';
import { createCandidate } from './factories';
import {
  createRegistrationReady,
  errorOf,
  expectStatus,
  getRegistration,
  scanJpeg,
  smallPdf,
  startRegistration,
  uploadMaterial,
  type ReadyCandidate,
} from './support-registration';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
let dataDir: string;
let ready: ReadyCandidate;
let draft: RegistrationView;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hqe-materials-'));
  ctx = await createTestContext({ env: { DATA_DIR: dataDir } });
  ready = await createRegistrationReady(ctx);
  draft = await startRegistration(ready);
});
afterAll(async () => {
  await ctx.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Files under a folder of the file storage. */
function stored(folder: string): string[] {
  try {
    return readdirSync(path.join(dataDir, 'files', folder), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

const slotOf = (view: RegistrationView, key: string) => {
  const slot = view.materialSlots.find((s) => s.key === key);
  if (!slot) throw new Error(`no slot ${key}`);
  return slot;
};

describe('uploading materials (R17)', () => {
  it('when an image with camera metadata is uploaded, then a clean JPEG and a thumbnail are stored and served to the owner', async () => {
    const photo = await sharp(await scanJpeg('申报表'))
      .withExif({ IFD0: { Make: 'TestPhone', Model: 'Secret-Model' } })
      .jpeg()
      .toBuffer();
    const response = await uploadMaterial(
      ready.client,
      draft.id,
      'application_form',
      photo,
      'C:\\photos\\申报表 第1页.JPG',
    );
    expectStatus(response, 201);
    const slot = slotOf(response.json<RegistrationView>(), 'application_form');
    expect(slot).toMatchObject({ required: true, requested: true, maxFiles: 10 });
    expect(slot.files).toHaveLength(1);
    const [file] = slot.files;
    expect(file).toMatchObject({
      fileName: '申报表 第1页.jpg',
      kind: 'image',
      contentType: 'image/jpeg',
      position: 1,
      pages: null,
      width: 800,
      height: 1100,
    });
    expect(file?.thumbnailUrl).toBe(`${file?.url}/thumbnail`);

    const served = await ready.client.get(file?.url ?? '');
    expectStatus(served, 200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toBe('private, no-store');
    expect(served.headers['content-disposition']).toMatch(/^inline; /);
    const metadata = await sharp(served.rawPayload).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('Secret-Model'))).toBe(false);
    const thumbnail = await ready.client.get(file?.thumbnailUrl ?? '');
    expectStatus(thumbnail, 200);
    const thumb = await sharp(thumbnail.rawPayload).metadata();
    expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(320);
    expect(stored('registration-materials')).toHaveLength(1);
    expect(stored('registration-thumbnails')).toHaveLength(1);

    const view = await getRegistration(ready.client, draft.id);
    expect(view.completeness.missing.map((m) => m.path)).not.toContain(
      'materials.application_form',
    );
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select('after')
      .where('action', '=', 'registration.material_uploaded')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('申报表 第1页');
  });

  it('when a PDF is uploaded, then it is appended after the image, with its pages and no thumbnail', async () => {
    const response = await uploadMaterial(
      ready.client,
      draft.id,
      'application_form',
      await smallPdf(2),
      '申报表.pdf',
    );
    expectStatus(response, 201);
    const files = slotOf(response.json<RegistrationView>(), 'application_form').files;
    expect(files.map((f) => [f.position, f.kind])).toEqual([
      [1, 'image'],
      [2, 'pdf'],
    ]);
    expect(files[1]).toMatchObject({
      contentType: 'application/pdf',
      pages: 2,
      thumbnailUrl: null,
    });
    const served = await ready.client.get(files[1]?.url ?? '');
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const noThumb = await ready.client.get(`${files[1]?.url}/thumbnail`);
    expectStatus(noThumb, 404);
    expect(errorOf(noThumb).message).toContain('PDF 文件没有缩略图');
  });

  it('when a file of the wrong type is uploaded, then 422 explains it and nothing is stored', async () => {
    const before = stored('registration-materials').length;
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 1)]);
    const response = await uploadMaterial(ready.client, draft.id, 'other', zip, '合同.pdf');
    expectStatus(response, 422);
    expect(errorOf(response)).toMatchObject({
      code: 'material_rejected',
      details: { problems: [{ code: 'unsupported_type' }] },
    });
    expect(errorOf(response).message).toContain('仅支持 JPG、PNG、HEIC 图片或 PDF 文件');
    expect(stored('registration-materials')).toHaveLength(before);
    expect(slotOf(await getRegistration(ready.client, draft.id), 'other').files).toEqual([]);
  });

  it('when a slot that is not asked for is named, then 400 and nothing is stored', async () => {
    const before = stored('registration-materials').length;
    const response = await uploadMaterial(
      ready.client,
      draft.id,
      'covid_frontline_proof',
      await scanJpeg(),
    );
    expectStatus(response, 400);
    expect(errorOf(response).message).toContain(
      '当前报名无需上传“新冠肺炎疫情防控一线人员认定证明”',
    );
    const photo = await uploadMaterial(ready.client, draft.id, 'photo', await scanJpeg());
    expectStatus(photo, 400);
    const unknown = await uploadMaterial(ready.client, draft.id, 'anything', await scanJpeg());
    expectStatus(unknown, 400);
    expect(stored('registration-materials')).toHaveLength(before);
  });

  it('when the files of a slot are reordered, then they come back in the new order; an incomplete order is refused', async () => {
    const view = await getRegistration(ready.client, draft.id);
    const [image, pdf] = slotOf(view, 'application_form').files;
    if (!image || !pdf) throw new Error('two files expected');
    const partial = await ready.client.request(
      'PUT',
      `/api/registrations/${draft.id}/materials/application_form/order`,
      { body: { fileIds: [pdf.id] } },
    );
    expectStatus(partial, 400);
    expect(errorOf(partial).message).toContain('全部 2 个文件');
    const duplicate = await ready.client.request(
      'PUT',
      `/api/registrations/${draft.id}/materials/application_form/order`,
      { body: { fileIds: [pdf.id, pdf.id] } },
    );
    expectStatus(duplicate, 400);
    const reordered = await ready.client.request(
      'PUT',
      `/api/registrations/${draft.id}/materials/application_form/order`,
      { body: { fileIds: [pdf.id, image.id] } },
    );
    expectStatus(reordered, 200);
    expect(
      slotOf(reordered.json<RegistrationView>(), 'application_form').files.map((f) => [
        f.id,
        f.position,
      ]),
    ).toEqual([
      [pdf.id, 1],
      [image.id, 2],
    ]);
  });

  it('when a file is deleted, then the others close up and its bytes are removed', async () => {
    const third = expectStatus(
      await uploadMaterial(ready.client, draft.id, 'application_form', await scanJpeg('3')),
      201,
    ).json<RegistrationView>();
    const files = slotOf(third, 'application_form').files;
    expect(files.map((f) => f.position)).toEqual([1, 2, 3]);
    const before = stored('registration-materials').length;
    const first = files[0];
    if (!first) throw new Error('no file');
    const response = await ready.client.request(
      'DELETE',
      `/api/registrations/${draft.id}/materials/files/${first.id}`,
    );
    expectStatus(response, 200);
    const left = slotOf(response.json<RegistrationView>(), 'application_form').files;
    expect(left.map((f) => [f.id, f.position])).toEqual([
      [files[1]?.id, 1],
      [files[2]?.id, 2],
    ]);
    expect(stored('registration-materials')).toHaveLength(before - 1);
    expectStatus(await ready.client.get(first.url), 404);
    const again = await ready.client.request(
      'DELETE',
      `/api/registrations/${draft.id}/materials/files/${first.id}`,
    );
    expectStatus(again, 404);
  });

  it('when a slot is full, then one more file is refused with what to do', async () => {
    const pdf = await smallPdf(1);
    let count = slotOf(await getRegistration(ready.client, draft.id), 'other').files.length;
    while (count < MATERIAL_FILES_PER_SLOT_MAX) {
      expectStatus(
        await uploadMaterial(ready.client, draft.id, 'other', pdf, `p${count}.pdf`),
        201,
      );
      count += 1;
    }
    const response = await uploadMaterial(ready.client, draft.id, 'other', pdf, 'extra.pdf');
    expectStatus(response, 400);
    expect(errorOf(response).message).toContain('最多上传 10 个文件');
  });

  it("when another candidate asks for a file, then 404; the owner's files stay", async () => {
    const view = await getRegistration(ready.client, draft.id);
    const file = slotOf(view, 'application_form').files[0];
    if (!file) throw new Error('no file');
    const stranger = await createCandidate(ctx.db);
    const client = new TestClient(ctx.app);
    await client.login(stranger.username, stranger.password);
    expectStatus(await client.get(file.url), 404);
    expectStatus(await client.get(`${file.url}/thumbnail`), 404);
    expectStatus(
      await client.request('DELETE', `/api/registrations/${draft.id}/materials/files/${file.id}`),
      404,
    );
    expectStatus(await ready.client.get(file.url), 200);
  });
});
