import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationView } from '@hqe/core';
import { portrait } from './photo-images';
import {
  choicesOf,
  createRegistrationReady,
  errorOf,
  expectStatus,
  fillRegistration,
  getRegistration,
  scanJpeg,
  startRegistration,
  submit,
  uploadMaterial,
  VALID_INFO,
  type ReadyCandidate,
} from './support-registration';
import { createTestContext, type TestContext } from './test-app';

/*
 * The application form printed again (申报表, decision 0012): a change of anything the form prints
 * after it was downloaded — 报名地市, 考点, 专业, the printed info, the photo (and the exam area, see
 * registration-change-area) — makes the form to be downloaded again, and a stamped form uploaded
 * before that next download no longer counts: it was printed from the earlier form.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const MINUTE = 60_000;

/** A candidate with a registration filled in up to 提交: form downloaded, stamped form uploaded. */
async function filled(): Promise<{ ready: ReadyCandidate; view: RegistrationView }> {
  const ready = await createRegistrationReady(ctx);
  const view = await fillRegistration(ready, await startRegistration(ready));
  expect(view.readyToSubmit).toBe(true);
  // Every later step happens a minute after the one before (the manual clock stands still).
  ctx.clock.advance(MINUTE);
  return { ready, view };
}

const stampedForms = (view: RegistrationView) =>
  view.materialSlots.find((s) => s.key === 'application_form')?.files ?? [];

const download = (ready: ReadyCandidate, id: number) =>
  ready.client.get(`/api/registrations/${id}/application-form.pdf`);

const putArea = (ready: ReadyCandidate, view: RegistrationView, cityId: number, siteId: number) =>
  ready.client.request('PUT', `/api/registrations/${view.id}/area`, {
    body: { version: view.version, cityId, testSiteId: siteId },
  });

const putInfo = (ready: ReadyCandidate, view: RegistrationView, change: Record<string, unknown>) =>
  ready.client.request('PUT', `/api/registrations/${view.id}/info`, {
    body: { version: view.version, ...VALID_INFO, ...change },
  });

async function lastAudit(id: number, action: string) {
  const rows = await ctx.db
    .selectFrom('auditEvents')
    .select(['after'])
    .where('entityId', '=', String(id))
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .limit(1)
    .execute();
  return rows[0]?.after as Record<string, unknown> | undefined;
}

describe('a change of what the application form prints, after it was downloaded', () => {
  it('when the city changes, then the form is to be downloaded again, the stamped form no longer counts and submission names both', async () => {
    const { ready, view } = await filled();
    const [stamped] = stampedForms(view);
    if (!stamped) throw new Error('no stamped form');
    const choices = await choicesOf(ready.client, view.id);
    const other = choices.cities.find((c) => c.id !== view.city?.id);
    if (!other || !view.testSite) throw new Error('no other city');

    const changed = expectStatus(
      await putArea(ready, view, other.id, view.testSite.id),
      200,
    ).json<RegistrationView>();
    expect(changed.city?.id).toBe(other.id);
    expect(changed.applicationForm).toMatchObject({
      downloadedAt: null,
      outdatedFileIds: [stamped.id],
    });
    // The file stays where it was (the reviewer may read the old data on it), but it does not count.
    expect(stampedForms(changed).map((f) => f.id)).toEqual([stamped.id]);
    expect(changed.completeness.missing).toEqual([
      { path: 'applicationForm', message: expect.stringContaining('请下载申报表') as string },
      {
        path: 'materials.application_form',
        message:
          '已上传的“报名申报表（单位盖章）”是按修改前的报名信息打印的，与当前申报表不一致。请重新下载申报表，签字盖章后上传。',
      },
    ]);
    expect(changed.readyToSubmit).toBe(false);
    expect(await lastAudit(view.id, 'registration.area_chosen')).toMatchObject({
      cityId: other.id,
      formReprint: true,
    });

    const refused = await submit(ready.client, view.id);
    expectStatus(refused, 400);
    expect(errorOf(refused)).toMatchObject({ code: 'validation_failed' });
    expect(
      (errorOf(refused).details as { issues: { path: string }[] }).issues.map((i) => i.path),
    ).toEqual(['applicationForm', 'materials.application_form']);
    expect((await getRegistration(ready.client, view.id)).status).toBe('draft');
  });

  it('when the test site changes, then the same; a stamped form uploaded before the form is downloaded again stays outdated, one uploaded after counts', async () => {
    const { ready, view } = await filled();
    const [stamped] = stampedForms(view);
    const choices = await choicesOf(ready.client, view.id);
    const site = choices.testSites.find((s) => s.id !== view.testSite?.id);
    if (!stamped || !site || !view.city) throw new Error('no other test site');
    let current = expectStatus(
      await putArea(ready, view, view.city.id, site.id),
      200,
    ).json<RegistrationView>();
    expect(current.applicationForm).toMatchObject({
      downloadedAt: null,
      outdatedFileIds: [stamped.id],
    });

    // The old print, scanned again and uploaded before the new form was even downloaded.
    ctx.clock.advance(MINUTE);
    current = expectStatus(
      await uploadMaterial(ready.client, view.id, 'application_form', await scanJpeg('旧申报表')),
      201,
    ).json<RegistrationView>();
    const early = stampedForms(current).at(-1);
    ctx.clock.advance(MINUTE);
    expectStatus(await download(ready, view.id), 200);
    current = await getRegistration(ready.client, view.id);
    expect(current.applicationForm.downloadedAt).toBe(ctx.clock.now().toISOString());
    expect(current.applicationForm.outdatedFileIds).toEqual([stamped.id, early?.id]);
    expect(current.completeness.missing.map((m) => m.path)).toEqual(['materials.application_form']);

    // The new form, signed and stamped.
    ctx.clock.advance(MINUTE);
    current = expectStatus(
      await uploadMaterial(ready.client, view.id, 'application_form', await scanJpeg('新申报表')),
      201,
    ).json<RegistrationView>();
    expect(current.completeness.missing).toEqual([]);
    expect(current.readyToSubmit).toBe(true);
    expect(current.applicationForm.outdatedFileIds).toEqual([stamped.id, early?.id]);

    // Downloading the same form again later changes nothing about the stamped form.
    ctx.clock.advance(MINUTE);
    expectStatus(await download(ready, view.id), 200);
    current = await getRegistration(ready.client, view.id);
    expect(current.applicationForm.outdatedFileIds).toEqual([stamped.id, early?.id]);
    expect(current.readyToSubmit).toBe(true);

    // An outdated file may be deleted; the registration is then submitted.
    current = expectStatus(
      await ready.client.request(
        'DELETE',
        `/api/registrations/${view.id}/materials/files/${stamped.id}`,
      ),
      200,
    ).json<RegistrationView>();
    expect(current.applicationForm.outdatedFileIds).toEqual([early?.id]);
    expect(
      expectStatus(await submit(ready.client, view.id), 200).json<RegistrationView>(),
    ).toMatchObject({
      status: 'submitted',
    });
  });

  it('when the specialty, the printed info or the photo changes, then each asks for the form again', async () => {
    const { ready, view } = await filled();
    const [stamped] = stampedForms(view);
    const choices = await choicesOf(ready.client, view.id);
    const other = choices.specialties.find((s) => s.code !== view.specialty?.code);
    if (!stamped || !other) throw new Error('no other specialty');

    /** Downloads the current form again, so the next change starts from a downloaded form. */
    const reprinted = async () => {
      ctx.clock.advance(MINUTE);
      expectStatus(await download(ready, view.id), 200);
      ctx.clock.advance(MINUTE);
      const now = await getRegistration(ready.client, view.id);
      expect(now.applicationForm.downloadedAt).not.toBeNull();
      return now;
    };
    const expectReprint = (changed: RegistrationView) => {
      expect(changed.applicationForm.downloadedAt).toBeNull();
      expect(changed.applicationForm.outdatedFileIds).toEqual([stamped.id]);
    };

    let current = expectStatus(
      await ready.client.request('PUT', `/api/registrations/${view.id}/specialty`, {
        body: { version: view.version, specialtyCode: other.code },
      }),
      200,
    ).json<RegistrationView>();
    expectReprint(current);
    expect(await lastAudit(view.id, 'registration.specialty_chosen')).toMatchObject({
      formReprint: true,
    });

    current = await reprinted();
    current = expectStatus(
      await ready.client.request('PUT', `/api/registrations/${view.id}/specialty`, {
        body: { version: current.version, specialtyCode: view.specialty?.code },
      }),
      200,
    ).json<RegistrationView>();
    expectReprint(current);

    current = await reprinted();
    current = expectStatus(
      await putInfo(ready, current, { department: '心内科' }),
      200,
    ).json<RegistrationView>();
    expectReprint(current);
    expect(await lastAudit(view.id, 'registration.info_saved')).toMatchObject({
      changedFields: ['department'],
      formReprint: true,
    });

    await reprinted();
    const newPhoto = await ready.client.post('/api/candidate/profile/photo', {
      contentBase64: (await portrait(330, 462)).toString('base64'),
    });
    expectStatus(newPhoto, 201);
    current = expectStatus(
      await ready.client.post(`/api/registrations/${view.id}/photo-confirmation`),
      200,
    ).json<RegistrationView>();
    expectReprint(current);
    expect(await lastAudit(view.id, 'registration.photo_confirmed')).toMatchObject({
      formReprint: true,
    });
  });

  it('when nothing printed changes (the same city and site saved again, the same photo confirmed again, only the post changed), then the form stays downloaded and the stamped form counts', async () => {
    const { ready, view } = await filled();
    if (!view.city || !view.testSite) throw new Error('no city');
    const downloadedAt = view.applicationForm.downloadedAt;

    let current = expectStatus(
      await putArea(ready, view, view.city.id, view.testSite.id),
      200,
    ).json<RegistrationView>();
    current = expectStatus(
      await putInfo(ready, current, { post: '主治医师' }),
      200,
    ).json<RegistrationView>();
    expect(current.info?.post).toBe('主治医师');
    current = expectStatus(
      await ready.client.post(`/api/registrations/${view.id}/photo-confirmation`),
      200,
    ).json<RegistrationView>();

    expect(current.version).toBeGreaterThan(view.version);
    expect(current.applicationForm).toMatchObject({ downloadedAt, outdatedFileIds: [] });
    expect(current.readyToSubmit).toBe(true);
    expect(await lastAudit(view.id, 'registration.info_saved')).not.toHaveProperty('formReprint');
  });

  it('when the data changes before the form was ever downloaded, then nothing is outdated: there was no form yet', async () => {
    const ready = await createRegistrationReady(ctx);
    const draft = await startRegistration(ready);
    const choices = await choicesOf(ready.client, draft.id);
    const [first, second] = choices.cities;
    const [site] = choices.testSites;
    if (!first || !second || !site) throw new Error('no choices');
    let current = expectStatus(
      await putArea(ready, draft, first.id, site.id),
      200,
    ).json<RegistrationView>();
    ctx.clock.advance(MINUTE);
    current = expectStatus(
      await putArea(ready, current, second.id, site.id),
      200,
    ).json<RegistrationView>();
    expect(current.applicationForm).toMatchObject({ downloadedAt: null, outdatedFileIds: [] });
    expect(await lastAudit(draft.id, 'registration.area_chosen')).not.toHaveProperty('formReprint');
  });
});
