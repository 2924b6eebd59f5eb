import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CandidateProfileView,
  ProfileSectionData,
  ProfileSectionKey,
  RegistrationView,
} from '@hqe/core';
import { SECTION_PATHS, VALID_SECTIONS } from './candidate-profile-fixtures';
import {
  createRegistrationReady,
  decide,
  EDUCATION_MISMATCH,
  expectStatus,
  fillRegistration,
  getRegistration,
  reviewerOf,
  scanJpeg,
  startRegistration,
  submit,
  uploadMaterial,
  type ReadyCandidate,
} from './support-registration';
import { createTestContext, type TestContext } from './test-app';

/*
 * 个人中心 and the application form (申报表, decision 0012): the form prints 民族, 户籍, the practice
 * qualification and the title from the basic information, so a save in 个人中心 that changes one of
 * them after the form was downloaded asks for the form again — on the candidate's draft and
 * returned registrations at once, on a submitted one when it comes back to the candidate — exactly
 * as a change made on the registration does.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const MINUTE = 60_000;
const OUTDATED_MESSAGE =
  '已上传的“报名申报表（单位盖章）”是按修改前的报名信息打印的，与当前申报表不一致。请重新下载申报表，签字盖章后上传。';

/** A candidate with a draft filled in up to 提交: form downloaded, stamped form uploaded. */
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

/** Saves one section of 个人中心 on the version just read. */
async function saveSection<K extends ProfileSectionKey>(
  ready: ReadyCandidate,
  key: K,
  data: ProfileSectionData<K>,
): Promise<CandidateProfileView> {
  const { version } = (
    await ready.client.get('/api/candidate/profile')
  ).json<CandidateProfileView>();
  const response = await ready.client.request('PUT', SECTION_PATHS[key], {
    body: { version, data },
  });
  return expectStatus(response, 200).json<CandidateProfileView>();
}

/** 回族 instead of 汉族: printed on the form, no effect on eligibility. */
const otherEthnicity = { ...VALID_SECTIONS.personal, ethnicity: '03' } as const;

async function auditsOf(id: number, action: string) {
  const rows = await ctx.db
    .selectFrom('auditEvents')
    .select(['after', 'actorAccountId'])
    .where('entityType', '=', 'registration')
    .where('entityId', '=', String(id))
    .where('action', '=', action)
    .orderBy('id')
    .execute();
  return rows;
}

const formStateOf = (id: number) =>
  ctx.db
    .selectFrom('registrations')
    .select(['version', 'formDownloadedAt', 'formValidFrom'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** What a registration needing its form again looks like to the candidate. */
function expectReprint(view: RegistrationView, stampedId: number) {
  expect(view.applicationForm).toMatchObject({ downloadedAt: null, outdatedFileIds: [stampedId] });
  expect(view.completeness.missing).toEqual([
    { path: 'applicationForm', message: expect.stringContaining('请下载申报表') as string },
    { path: 'materials.application_form', message: OUTDATED_MESSAGE },
  ]);
  expect(view.readyToSubmit).toBe(false);
}

describe('a draft whose form was downloaded', () => {
  it('when 民族 is changed in 个人中心, then the form is to be downloaded again, the earlier stamped form no longer counts, and a new one lets the candidate submit', async () => {
    const { ready, view } = await filled();
    const [stamped] = stampedForms(view);
    if (!stamped) throw new Error('no stamped form');

    const profile = await saveSection(ready, 'personal', otherEthnicity);
    expect(profile.personal?.ethnicity).toBe('03');

    const changed = await getRegistration(ready.client, view.id);
    expectReprint(changed, stamped.id);
    // The same answer as a change made on the registration: the view's version moved on.
    expect(changed.version).toBe(view.version + 1);
    expect(stampedForms(changed).map((f) => f.id)).toEqual([stamped.id]);
    const [audit] = await auditsOf(view.id, 'registration.profile_changed');
    expect(audit).toEqual({
      actorAccountId: ready.accountId,
      after: { version: view.version + 1, section: 'personal', formReprint: true },
    });

    // Refused at submission, with both items named.
    const refused = expectStatus(await submit(ready.client, view.id), 400);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('validation_failed');

    // The new form, signed, stamped and uploaded: complete again.
    ctx.clock.advance(MINUTE);
    expectStatus(await ready.client.get(`/api/registrations/${view.id}/application-form.pdf`), 200);
    ctx.clock.advance(MINUTE);
    expectStatus(
      await uploadMaterial(ready.client, view.id, 'application_form', await scanJpeg('新申报表')),
      201,
    );
    const again = await getRegistration(ready.client, view.id);
    expect(again.applicationForm.outdatedFileIds).toEqual([stamped.id]);
    expect(again.readyToSubmit).toBe(true);
    expect(
      expectStatus(await submit(ready.client, view.id), 200).json<RegistrationView>().status,
    ).toBe('submitted');
  });

  it('when the title printed (its name) changes, then the same', async () => {
    const { ready, view } = await filled();
    const [stamped] = stampedForms(view);
    if (!stamped) throw new Error('no stamped form');
    await saveSection(ready, 'qualifications', {
      ...VALID_SECTIONS.qualifications,
      titles: [{ level: 'junior', track: 'doctor', obtainedOn: '2017-10-01', name: '住院医师' }],
    });
    expectReprint(await getRegistration(ready.client, view.id), stamped.id);
  });

  it('when the same values are saved again, then nothing changes: the form stays downloaded, the stamped form counts, the version stays', async () => {
    const { ready, view } = await filled();
    const before = await formStateOf(view.id);
    await saveSection(ready, 'personal', VALID_SECTIONS.personal);
    await saveSection(ready, 'qualifications', VALID_SECTIONS.qualifications);
    const after = await getRegistration(ready.client, view.id);
    expect(after.applicationForm).toMatchObject({
      downloadedAt: view.applicationForm.downloadedAt,
      outdatedFileIds: [],
    });
    expect(after.readyToSubmit).toBe(true);
    expect(await formStateOf(view.id)).toEqual(before);
    expect(await auditsOf(view.id, 'registration.profile_changed')).toEqual([]);
  });

  it('when fields the form does not print change (a certificate number, the department in 现工作单位, the work history), then nothing changes', async () => {
    const { ready, view } = await filled();
    const before = await formStateOf(view.id);
    const [practice] = VALID_SECTIONS.qualifications.practiceQualifications;
    if (!practice) throw new Error('no practice qualification');
    await saveSection(ready, 'qualifications', {
      ...VALID_SECTIONS.qualifications,
      practiceQualifications: [{ ...practice, certificateNumber: '201631110310101199999' }],
    });
    await saveSection(ready, 'currentEmployer', {
      ...VALID_SECTIONS.currentEmployer,
      department: '心内科',
    });
    await saveSection(ready, 'workHistory', [
      ...VALID_SECTIONS.workHistory.map((p) => ({ ...p, post: '主治医师' })),
    ]);
    const after = await getRegistration(ready.client, view.id);
    expect(after.applicationForm.downloadedAt).toBe(view.applicationForm.downloadedAt);
    expect(after.applicationForm.outdatedFileIds).toEqual([]);
    expect(after.readyToSubmit).toBe(true);
    expect(await formStateOf(view.id)).toEqual(before);
  });

  it("when one candidate changes a printed field, then another candidate's registration is untouched", async () => {
    const first = await filled();
    const second = await filled();
    const before = await formStateOf(second.view.id);
    await saveSection(first.ready, 'personal', otherEthnicity);
    expect((await formStateOf(first.view.id)).formDownloadedAt).toBeNull();
    expect(await formStateOf(second.view.id)).toEqual(before);
    const other = await getRegistration(second.ready.client, second.view.id);
    expect(other.applicationForm.outdatedFileIds).toEqual([]);
    expect(other.readyToSubmit).toBe(true);
  });

  it('when the form was never downloaded, then a printed change only moves the version (a form being made from the old values is not recorded as downloaded)', async () => {
    const ready = await createRegistrationReady(ctx);
    const draft = await startRegistration(ready);
    await saveSection(ready, 'personal', otherEthnicity);
    expect(await formStateOf(draft.id)).toEqual({
      version: draft.version + 1,
      formDownloadedAt: null,
      formValidFrom: null,
    });
    const [audit] = await auditsOf(draft.id, 'registration.profile_changed');
    expect(audit?.after).toEqual({ version: draft.version + 1, section: 'personal' });
  });
});

describe('a returned registration', () => {
  it('when it is returned with nothing changed, then its form still counts; when 民族 is changed afterwards, then it is to be printed again', async () => {
    const { ready, view } = await filled();
    const [stamped] = stampedForms(view);
    if (!stamped) throw new Error('no stamped form');
    expectStatus(await submit(ready.client, view.id), 200);
    await decide(ctx, {
      registrationId: view.id,
      reviewer: await reviewerOf(ctx),
      decision: 'return',
      reasons: [EDUCATION_MISMATCH],
    });
    const returned = await getRegistration(ready.client, view.id);
    expect(returned.status).toBe('returned');
    expect(returned.applicationForm).toMatchObject({
      downloadedAt: view.applicationForm.downloadedAt,
      outdatedFileIds: [],
    });

    ctx.clock.advance(MINUTE);
    await saveSection(ready, 'personal', otherEthnicity);
    const changed = await getRegistration(ready.client, view.id);
    expect(changed.status).toBe('returned');
    expectReprint(changed, stamped.id);
  });
});

describe('a submitted registration', () => {
  it('when 民族 is changed while it waits for confirmation, then it stays as submitted; returned, it asks for the form again', async () => {
    const { ready, view } = await filled();
    const [stamped] = stampedForms(view);
    if (!stamped) throw new Error('no stamped form');
    const submitted = expectStatus(
      await submit(ready.client, view.id),
      200,
    ).json<RegistrationView>();
    const before = await formStateOf(view.id);

    ctx.clock.advance(MINUTE);
    await saveSection(ready, 'personal', otherEthnicity);
    // The reviewer decides on the registration as submitted: nothing of it moved.
    expect(await formStateOf(view.id)).toEqual(before);
    const shown = await getRegistration(ready.client, view.id);
    expect(shown).toMatchObject({ status: 'submitted', version: submitted.version });
    expect(shown.applicationForm.outdatedFileIds).toEqual([]);
    const snapshot = await ctx.db
      .selectFrom('registrationSubmissions')
      .select('snapshot')
      .where('registrationId', '=', view.id)
      .executeTakeFirstOrThrow();
    expect(snapshot.snapshot).toMatchObject({ profile: { personal: { ethnicity: '01' } } });

    ctx.clock.advance(MINUTE);
    await decide(ctx, {
      registrationId: view.id,
      reviewer: await reviewerOf(ctx),
      decision: 'return',
      reasons: [EDUCATION_MISMATCH],
    });
    const returned = await getRegistration(ready.client, view.id);
    expect(returned.status).toBe('returned');
    expectReprint(returned, stamped.id);
    expect((await auditsOf(view.id, 'registration.return')).at(-1)?.after).toMatchObject({
      status: 'returned',
      formReprint: true,
    });
  });

  it('when 民族 is changed while it waits and the candidate withdraws it, then the draft asks for the form again', async () => {
    const { ready, view } = await filled();
    const [stamped] = stampedForms(view);
    if (!stamped) throw new Error('no stamped form');
    expectStatus(await submit(ready.client, view.id), 200);
    ctx.clock.advance(MINUTE);
    await saveSection(ready, 'personal', otherEthnicity);
    ctx.clock.advance(MINUTE);
    const withdrawn = expectStatus(
      await ready.client.post(`/api/registrations/${view.id}/withdraw`),
      200,
    ).json<RegistrationView>();
    expect(withdrawn.status).toBe('draft');
    expectReprint(withdrawn, stamped.id);
    expect((await auditsOf(view.id, 'registration.withdraw')).at(-1)?.after).toMatchObject({
      formReprint: true,
    });
  });

  it('when nothing printed changed, then a withdrawal keeps the form', async () => {
    const { ready, view } = await filled();
    expectStatus(await submit(ready.client, view.id), 200);
    ctx.clock.advance(MINUTE);
    await saveSection(ready, 'currentEmployer', {
      ...VALID_SECTIONS.currentEmployer,
      department: '心内科',
    });
    const withdrawn = expectStatus(
      await ready.client.post(`/api/registrations/${view.id}/withdraw`),
      200,
    ).json<RegistrationView>();
    expect(withdrawn.applicationForm).toMatchObject({
      downloadedAt: view.applicationForm.downloadedAt,
      outdatedFileIds: [],
    });
    expect(withdrawn.readyToSubmit).toBe(true);
  });
});

describe('a save racing a submission', () => {
  it('when 民族 is saved while the registration is being submitted, then either the submission wins with the values its form printed, or the save wins and the submission is refused', async () => {
    for (let round = 0; round < 4; round++) {
      const { ready, view } = await filled();
      const [saved, submitted] = await Promise.all([
        saveSection(ready, 'personal', otherEthnicity),
        submit(ready.client, view.id),
      ]);
      expect(saved.personal?.ethnicity).toBe('03');
      const after = await getRegistration(ready.client, view.id);
      if (submitted.statusCode === 200) {
        // Submitted first: as submitted, with the values the stamped form carries.
        expect(after.status).toBe('submitted');
        expect(after.applicationForm.downloadedAt).toBe(view.applicationForm.downloadedAt);
        const snapshot = await ctx.db
          .selectFrom('registrationSubmissions')
          .select('snapshot')
          .where('registrationId', '=', view.id)
          .executeTakeFirstOrThrow();
        expect(snapshot.snapshot).toMatchObject({ profile: { personal: { ethnicity: '01' } } });
      } else {
        // Saved first: the form is to be printed again, so the submission was refused.
        expectStatus(submitted, 400);
        expect(after.status).toBe('draft');
        expect(after.applicationForm.downloadedAt).toBeNull();
      }
    }
  });
});
