import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateProfileView, RegistrationView, ReviewRegistration } from '@hqe/core';
import { loadConfig } from '../src/config';
import { createFieldCrypto, maskDocumentNumber, maskMobile } from '../src/lib/field-crypto';
import { SECTION_PATHS, VALID_SECTIONS } from './candidate-profile-fixtures';
import { createAccount } from './factories';
import {
  choicesOf,
  createOtherArea,
  createRegistrationReady,
  demoCycleId,
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
import { insertQueuedRegistration, loggedInStaff } from './support-review-queue';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * The registration as the reviewer sees it (审核详情, issue #6): identity masked, the registration
 * and basic information as submitted (not as edited later), the eligibility lines stored at
 * submission, the materials through staff URLs scoped to the area, what changed after a return,
 * the actions the caller may take, the claim and the timeline with staff names.
 */

let ctx: TestContext;
let cycleId: number;
type Staff = Awaited<ReturnType<typeof loggedInStaff>>[number];
let wang: Staff;
let li: Staff;
let zhao: Staff;
let admin: Staff;
let outsider: Staff;
let ready: ReadyCandidate;
let submitted: RegistrationView;

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  await createOtherArea(ctx, cycleId);
  [wang, li] = (await loggedInStaff(ctx, 2, {
    roles: ['confirmation_reviewer'],
    displayName: (i) => ['王审核', '李审核'][i] ?? '审核员',
  })) as [Staff, Staff];
  [zhao] = (await loggedInStaff(ctx, 1, { roles: ['qualification_reviewer'] })) as [Staff];
  [admin] = (await loggedInStaff(ctx, 1, { roles: ['area_admin'] })) as [Staff];
  [outsider] = (await loggedInStaff(ctx, 1, {
    roles: ['confirmation_reviewer', 'area_admin'],
    areaCode: '32',
  })) as [Staff];
  ready = await createRegistrationReady(ctx);
  const filled = await fillRegistration(ready, await startRegistration(ready));
  submitted = expectStatus(await submit(ready.client, filled.id), 200).json<RegistrationView>();
}, 120_000);
afterAll(() => ctx.close());

const detailResponse = (client: TestClient, id = submitted.id) =>
  client.get(`/api/review/registrations/${id}`);
const detail = async (client: TestClient, id = submitted.id) =>
  expectStatus(await detailResponse(client, id), 200).json<ReviewRegistration>();

/** The candidate's mobile number, decrypted as the test environment's key allows. */
async function mobileOf(accountId: number): Promise<string> {
  const key = loadConfig({ NODE_ENV: 'test' }).dataEncryptionKey;
  if (!key) throw new Error('no test key');
  const row = await ctx.db
    .selectFrom('candidates')
    .select('mobileEncrypted')
    .where('accountId', '=', accountId)
    .executeTakeFirstOrThrow();
  return createFieldCrypto(key).decrypt(row.mobileEncrypted, 'candidates.mobile');
}

describe('the reviewer’s view of a submitted registration', () => {
  it('when a confirmation reviewer opens it, then the candidate, the choices, the info, the basic information, eligibility and materials are there', async () => {
    const view = await detail(wang.client);
    expect(view).toMatchObject({
      id: submitted.id,
      registrationNumber: submitted.registrationNumber,
      version: submitted.version,
      status: 'submitted',
      statusLabel: '待确认',
      cycle: { id: cycleId },
      examArea: { code: '31' },
      candidate: {
        name: '张三',
        documentTypeLabel: '居民身份证',
        documentNumberMasked: maskDocumentNumber(ready.documentNumber),
      },
      city: { code: submitted.city?.code, name: submitted.city?.name },
      testSite: { code: submitted.testSite?.code, name: submitted.testSite?.name },
      specialty: { code: '303', levelLabel: '中级' },
      autoConfirmation: null,
      changesSinceReturn: [],
      lastReturn: null,
      qualificationDecision: null,
      supplement: null,
      actions: ['confirm', 'return'],
      claim: null,
      submittedAt: submitted.submittedAt,
    });
    expect(view.candidate.gender).toMatch(/^(male|female)$/);
    expect(view.candidate.birthDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(view.specialty?.subjects.length).toBeGreaterThan(0);
    expect(view.info).toEqual(
      expect.arrayContaining([
        { label: '工作单位', value: VALID_INFO.employer },
        { label: '科室', value: VALID_INFO.department },
        { label: '从事本专业工作年限', value: `${VALID_INFO.yearsInSpecialty} 年` },
        { label: '提前报考', value: '不申请提前报考' },
      ]),
    );
    expect(view.info.find((r) => r.label === '报考所用学历')?.value).toContain('复旦大学');
    expect(view.profile.map((s) => s.title)).toEqual([
      '个人信息',
      '现工作单位',
      '学历学位',
      '工作经历',
      '执业资格与职称',
      '提前申报情况',
      '诚信声明',
    ]);
    const section = (title: string) => view.profile.find((s) => s.title === title)?.rows ?? [];
    expect(section('个人信息')).toContainEqual({ label: '户籍', value: '非本市户籍' });
    expect(section('现工作单位')).toContainEqual({ label: '科室', value: '内科' });
    expect(section('学历学位')).toContainEqual({ label: '学历1 · 毕业院校', value: '复旦大学' });
    expect(section('执业资格与职称')).toContainEqual({
      label: '执业资格1 · 类别',
      value: '执业医师资格',
    });
    expect(section('诚信声明')).toContainEqual({ label: '已退休', value: '否' });

    expect(view.eligibility?.eligible).toBe(true);
    expect(view.eligibility?.lines.length).toBeGreaterThan(0);
    expect(view.timeline.map((e) => [e.event, e.actorName])).toEqual([
      ['create', null],
      ['submit', null],
    ]);

    const withFiles = view.materialSlots.filter((s) => s.files.length > 0);
    expect(withFiles.length).toBeGreaterThan(0);
    for (const slot of withFiles) {
      for (const file of slot.files) {
        expect(file.url).toBe(`/api/review/registrations/${submitted.id}/files/${file.id}`);
        expect(file.thumbnailUrl).toBe(`${file.url}?thumbnail=1`);
      }
    }
  });

  it('when the full document number or mobile is looked for in the response, then neither is there', async () => {
    const response = await detailResponse(wang.client);
    const mobile = await mobileOf(ready.accountId);
    expect(response.body).not.toContain(ready.documentNumber);
    expect(response.body).not.toContain(mobile);
    expect(response.json<ReviewRegistration>().candidate.mobileMasked).toBe(maskMobile(mobile));
  });

  it('when the reviewer opens a file, its thumbnail and the photo, then they come privately and uncached', async () => {
    const view = await detail(wang.client);
    const file = view.materialSlots.flatMap((s) => s.files)[0];
    if (!file || !view.photoUrl) throw new Error('no file or photo');
    const full = await wang.client.get(file.url);
    expectStatus(full, 200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect(full.headers['cache-control']).toBe('private, no-store');
    expect(String(full.headers['content-disposition'])).toMatch(/^inline/);
    expect(full.rawPayload.length).toBe(file.sizeBytes);
    const thumb = await wang.client.get(file.thumbnailUrl ?? '');
    expectStatus(thumb, 200);
    expect(thumb.headers['cache-control']).toBe('private, no-store');
    expect(thumb.rawPayload.length).toBeLessThan(full.rawPayload.length);
    const photo = await admin.client.get(view.photoUrl);
    expectStatus(photo, 200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['cache-control']).toBe('private, no-store');
    expect(photo.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
  });

  it('when other staff of the area open it, then the actions follow their roles and the claim', async () => {
    expect((await detail(admin.client)).actions).toEqual([]);
    expect((await detail(zhao.client)).actions).toEqual([]);
    expectStatus(await li.client.post(`/api/review/claims/${submitted.id}`), 200);
    const mine = await detail(li.client);
    expect(mine.claim).toMatchObject({ reviewerName: '李审核', mine: true });
    expect(mine.actions).toEqual(['confirm', 'return']);
    const others = await detail(wang.client);
    expect(others.claim).toMatchObject({ reviewerName: '李审核', mine: false });
    expect(others.actions).toEqual([]);
    expectStatus(await li.client.request('DELETE', `/api/review/claims/${submitted.id}`), 200);
  });
});

describe('the basic information as submitted', () => {
  it('when the candidate edits the basic information after submitting, then the reviewer still reads what was submitted', async () => {
    const { version } = (
      await ready.client.get('/api/candidate/profile')
    ).json<CandidateProfileView>();
    const saved = await ready.client.request('PUT', SECTION_PATHS.currentEmployer, {
      body: {
        version,
        data: { ...VALID_SECTIONS.currentEmployer, department: '心内科' },
      },
    });
    expectStatus(saved, 200);
    const view = await detail(wang.client);
    const employer = view.profile.find((s) => s.title === '现工作单位')?.rows ?? [];
    expect(employer).toContainEqual({ label: '科室', value: '内科' });
    expect(employer).not.toContainEqual({ label: '科室', value: '心内科' });
  });
});

describe('what changed since the last return (本次修改)', () => {
  it('when the candidate fixes a returned registration and resubmits, then the reviewer sees each change beside the return reasons', async () => {
    expectStatus(
      await wang.client.post(`/api/review/registrations/${submitted.id}/confirmation`, {
        version: (await getRegistration(ready.client, submitted.id)).version,
        decision: 'return',
        reasonCodes: ['form_not_signed', 'wrong_city'],
        note: '申报表未盖章；报名地市与单位所在区不一致',
      }),
      200,
    );
    let view = await getRegistration(ready.client, submitted.id);
    const choices = await choicesOf(ready.client, submitted.id);
    const otherCity = choices.cities.find((c) => c.id !== view.city?.id);
    if (!otherCity || !view.testSite) throw new Error('no other city');
    view = expectStatus(
      await ready.client.request('PUT', `/api/registrations/${submitted.id}/area`, {
        body: { version: view.version, cityId: otherCity.id, testSiteId: view.testSite.id },
      }),
      200,
    ).json<RegistrationView>();
    view = expectStatus(
      await ready.client.request('PUT', `/api/registrations/${submitted.id}/info`, {
        body: { ...VALID_INFO, version: view.version, department: '心血管内科' },
      }),
      200,
    ).json<RegistrationView>();
    const oldForm = view.materialSlots.find((s) => s.key === 'application_form')?.files[0];
    if (!oldForm) throw new Error('no form file');
    // The form prints the city and the department: it is downloaded again, signed and stamped.
    expectStatus(
      await ready.client.get(`/api/registrations/${submitted.id}/application-form.pdf`),
      200,
    );
    expectStatus(
      await uploadMaterial(
        ready.client,
        submitted.id,
        'application_form',
        await scanJpeg('盖章申报表'),
        '盖章申报表.jpg',
      ),
      201,
    );
    expectStatus(
      await ready.client.request(
        'DELETE',
        `/api/registrations/${submitted.id}/materials/files/${oldForm.id}`,
      ),
      200,
    );
    expectStatus(await submit(ready.client, submitted.id), 200);

    const reviewer = await detail(wang.client);
    expect(reviewer.status).toBe('submitted');
    expect(reviewer.lastReturn).toMatchObject({
      reasons: [{ code: 'form_not_signed' }, { code: 'wrong_city' }],
      note: '申报表未盖章；报名地市与单位所在区不一致',
    });
    const changes = Object.fromEntries(reviewer.changesSinceReturn.map((c) => [c.field, c]));
    expect(changes.city).toEqual({
      field: 'city',
      label: '报名地市',
      before: submitted.city?.name,
      after: otherCity.name,
    });
    expect(changes['info.department']).toEqual({
      field: 'info.department',
      label: '科室',
      before: '内科',
      after: '心血管内科',
    });
    expect(changes['materials.application_form']).toMatchObject({
      before: oldForm.fileName,
      after: '盖章申报表.jpg',
    });
    expect(changes['materials.application_form']?.label).toContain('新增 1 个文件，删除 1 个文件');
    // The basic information edited while submitted went in with the resubmission.
    expect(changes['profile.currentEmployer.department']).toMatchObject({
      label: '现工作单位 · 科室',
      before: '内科',
      after: '心内科',
    });
    // Nothing unchanged is listed.
    expect(changes.testSite).toBeUndefined();
    expect(changes['info.employer']).toBeUndefined();
    expect(changes.photo).toBeUndefined();
    expect(reviewer.city?.name).toBe(otherCity.name);
    expect(reviewer.timeline.map((e) => e.event)).toEqual([
      'create',
      'submit',
      'return',
      'resubmit',
    ]);
    expect(reviewer.timeline[2]?.actorName).toBe('王审核');

    const stored = await ctx.db
      .selectFrom('registrationSubmissions')
      .select('event')
      .where('registrationId', '=', submitted.id)
      .orderBy('id')
      .execute();
    expect(stored.map((s) => s.event)).toEqual(['submit', 'resubmit']);
  });
});

describe('staff access is limited to the area', () => {
  it('when a reviewer of another area asks for the registration, a file, a thumbnail or the photo, then each is not found', async () => {
    const view = await detail(wang.client);
    const file = view.materialSlots.flatMap((s) => s.files)[0];
    if (!file || !view.photoUrl) throw new Error('no file or photo');
    for (const url of [
      `/api/review/registrations/${submitted.id}`,
      file.url,
      file.thumbnailUrl ?? '',
      view.photoUrl,
    ]) {
      const response = await outsider.client.get(url);
      expectStatus(response, 404);
      expect(errorOf(response).code).toBe('not_found');
    }
    const missing = await outsider.client.get('/api/review/registrations/2000000000');
    expect(errorOf(missing).message).toBe(
      errorOf(await outsider.client.get(`/api/review/registrations/${submitted.id}`)).message,
    );
  });

  it('when a file of another registration is asked for under this one, then it is not found', async () => {
    const other = await createRegistrationReady(ctx);
    const filled = await fillRegistration(other, await startRegistration(other));
    const foreign = filled.materialSlots.flatMap((s) => s.files)[0];
    const response = await wang.client.get(
      `/api/review/registrations/${submitted.id}/files/${foreign?.id}`,
    );
    expectStatus(response, 404);
  });

  it('when the candidate, a visitor or a platform administrator uses the staff routes, then they are refused', async () => {
    const view = await detail(wang.client);
    const file = view.materialSlots.flatMap((s) => s.files)[0];
    expectStatus(await ready.client.get(`/api/review/registrations/${submitted.id}`), 403);
    expectStatus(await ready.client.get(file?.url ?? ''), 403);
    expectStatus(await new TestClient(ctx.app).get(file?.url ?? ''), 401);
    const platform = await createAccount(ctx.db, { roles: ['platform_admin'] });
    const client = new TestClient(ctx.app);
    await client.login(platform.username, platform.password);
    const refused = await client.get(`/api/review/registrations/${submitted.id}`);
    expectStatus(refused, 403);
    expect(errorOf(refused).message).toContain('考区');
  });

  it('when a query parameter is not understood, then 400', async () => {
    const view = await detail(wang.client);
    const file = view.materialSlots.flatMap((s) => s.files)[0];
    expectStatus(await wang.client.get(`${file?.url}?thumbnail=yes`), 400);
    expectStatus(await wang.client.get(`${file?.url}?download=1`), 400);
  });
});

describe('a registration submitted before submissions were stored', () => {
  it('when it has no stored submission, then the view shows its live data', async () => {
    const r = await insertQueuedRegistration(ctx, { cycleId });
    const view = await detail(wang.client, r.id);
    expect(view).toMatchObject({
      status: 'submitted',
      info: [],
      city: null,
      specialty: null,
      eligibility: null,
      photoUrl: null,
      changesSinceReturn: [],
    });
    expect(view.profile[0]?.rows).toEqual([{ label: '状态', value: '未填写' }]);
  });
});
