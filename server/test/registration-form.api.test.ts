import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationView } from '@hqe/core';
import {
  choicesOf,
  createRegistrationReady,
  errorOf,
  expectStatus,
  getRegistration,
  startRegistration,
  VALID_INFO,
  type ReadyCandidate,
} from './support-registration';
import { markFormDownloaded } from '../src/modules/registrations/registrations.repository';
import { createTestContext, type TestContext } from './test-app';

let ctx: TestContext;
let ready: ReadyCandidate;
let draft: RegistrationView;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hqe-regform-'));
  ctx = await createTestContext();
  ready = await createRegistrationReady(ctx);
  draft = await startRegistration(ready);
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The PDF's text as poppler reads it. */
function pdfText(bytes: Buffer): string {
  const file = path.join(dir, `form-${Date.now()}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

const download = () => ready.client.get(`/api/registrations/${draft.id}/application-form.pdf`);

describe('the application form (申报表)', () => {
  it('when the data it prints is not complete, then 400 lists what to do first and nothing is recorded', async () => {
    const response = await download();
    expectStatus(response, 400);
    const error = errorOf(response);
    expect(error.message).toMatch(/^下载申报表前，请先完成以下事项：请选择报名地市。/);
    expect((error.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual([
      'area.cityId',
      'area.testSiteId',
      'specialty.specialtyCode',
      'info',
      'photo',
    ]);
    expect((await getRegistration(ready.client, draft.id)).applicationForm.downloadedAt).toBeNull();
  });

  it('when every printed step is done, then a PDF with the registration number and the candidate comes back and the download is recorded', async () => {
    const choices = await choicesOf(ready.client, draft.id);
    const city = choices.cities.find((c) => c.name === '徐汇区');
    const site = choices.testSites[1];
    if (!city || !site) throw new Error('no choices');
    let view = expectStatus(
      await ready.client.request('PUT', `/api/registrations/${draft.id}/area`, {
        body: { version: draft.version, cityId: city.id, testSiteId: site.id },
      }),
      200,
    ).json<RegistrationView>();
    view = expectStatus(
      await ready.client.request('PUT', `/api/registrations/${draft.id}/specialty`, {
        body: { version: view.version, specialtyCode: '303' },
      }),
      200,
    ).json<RegistrationView>();
    expectStatus(
      await ready.client.request('PUT', `/api/registrations/${draft.id}/info`, {
        body: { version: view.version, ...VALID_INFO, returningFileNumber: 'DA-2026-0042' },
      }),
      200,
    );
    expectStatus(await ready.client.post(`/api/registrations/${draft.id}/photo-confirmation`), 200);

    const response = await download();
    expectStatus(response, 200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`上海考区申报表-${draft.registrationNumber}.pdf`)}`,
    );
    expect(response.headers['x-form-notice']).toBeUndefined();
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(response.rawPayload);
    expect(text).toContain(draft.registrationNumber);
    expect(text).toContain('张三');
    expect(text).toContain(ready.documentNumber);
    expect(text).toContain('内科学');
    expect(text).toContain('徐汇区');
    expect(text).toContain('上海市第一人民医院');
    expect(text).toContain('DA-2026-0042');

    view = await getRegistration(ready.client, draft.id);
    expect(view.applicationForm.downloadedAt).toBe(ctx.clock.now().toISOString());
    expect(view.completeness.steps.find((s) => s.key === 'application_form')?.done).toBe(true);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select('after')
      .where('action', '=', 'registration.form_downloaded')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain(ready.documentNumber);
    // Personal data is printed on the candidate's own form, never written to the logs.
    const logs = ctx.logs.join('');
    expect(logs).not.toContain(ready.documentNumber);
    expect(logs).not.toContain('张三');
  });

  it('when the form is downloaded again, then the new time is recorded and the version stays (a download is not a change)', async () => {
    const before = await getRegistration(ready.client, draft.id);
    ctx.clock.advance(60_000);
    const response = await download();
    expectStatus(response, 200);
    const after = await getRegistration(ready.client, draft.id);
    expect(after.version).toBe(before.version);
    expect(after.applicationForm.downloadedAt).toBe(ctx.clock.now().toISOString());
  });

  it('when the registration changed while the form was printing, then the download is not recorded, so the candidate prints the current form', async () => {
    const before = await getRegistration(ready.client, draft.id);
    await ctx.db
      .updateTable('registrations')
      .set({ formDownloadedAt: null })
      .where('id', '=', draft.id)
      .execute();
    // The form printed from `before`, recorded against a newer version (another tab changed it).
    expect(await markFormDownloaded(ctx.db, draft.id, before.version - 1, ctx.clock.now())).toBe(
      false,
    );
    expect((await getRegistration(ready.client, draft.id)).applicationForm.downloadedAt).toBeNull();
    expect(await markFormDownloaded(ctx.db, draft.id, before.version, ctx.clock.now())).toBe(true);
    expect((await getRegistration(ready.client, draft.id)).applicationForm.downloadedAt).toBe(
      ctx.clock.now().toISOString(),
    );
  });
});
