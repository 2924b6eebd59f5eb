import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AutoConfirmationReasonCode,
  CandidateProfileView,
  PreviousResultsImportReport,
  RegistrationView,
} from '@hqe/core';
import { createAccount, examAreaId } from './factories';
import {
  choicesOf,
  createRegistrationReady,
  expectStatus,
  fillRegistration,
  getRegistration,
  scanJpeg,
  startRegistration,
  submit,
  uploadMaterial,
  type ReadyCandidate,
} from './support-registration';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * 历史考生自动确认 (R6, R7): at submission a returning candidate whose registration matches last
 * year's record is confirmed by the system; otherwise the registration waits for manual
 * confirmation and names each condition not met.
 */

const SLOT = 'previous_score_report_or_ticket';

let ctx: TestContext;
let admin: TestClient;
let shanghai: number;
let previousYear: number;
/** A second test site of the area, for a record whose test site differs. */
let otherSite: string;

interface RecordOptions {
  name?: string;
  city?: 'same' | 'other';
  site?: 'same' | 'other';
  code?: string;
  level?: string;
  scores?: [string, string, string, string];
  absent?: string;
  disciplined?: string;
}

/** Imports last year's record of the candidate, shaped after the draft's first city and site. */
async function importRecord(ready: ReadyCandidate, draftId: number, options: RecordOptions = {}) {
  const choices = await choicesOf(ready.client, draftId);
  const [first, second] = choices.cities;
  const [site] = choices.testSites;
  if (!first || !second || !site) throw new Error('the area needs two cities and a test site');
  const row = [
    ready.documentNumber,
    options.name ?? '张三',
    (options.city ?? 'same') === 'same' ? first.code : second.code,
    (options.site ?? 'same') === 'same' ? site.code : otherSite,
    options.code ?? '303',
    options.level ?? '中级',
    ...(options.scores ?? ['75', '58', '66', '52']),
    options.absent ?? '否',
    options.disciplined ?? '否',
  ].join(',');
  const csv = `证件号码,姓名,报名地市,考点,专业代码,级别,科目1,科目2,科目3,科目4,缺考,违纪\r\n${row}`;
  const report = expectStatus(
    await admin.post(`/api/admin/exam-areas/${shanghai}/previous-results/import`, {
      year: previousYear,
      fileName: 'last-year.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    }),
    200,
  ).json<PreviousResultsImportReport>();
  expect(report.errors).toEqual([]);
  expect(report.applied).toBe(true);
}

/**
 * A candidate with a complete registration; with `record`, last year's result is imported first;
 * with `upload`, last year's report is uploaded. Returns the submission's response.
 */
async function submitted(record: RecordOptions | null, upload = true) {
  const ready = await createRegistrationReady(ctx);
  const draft = await startRegistration(ready);
  if (record) await importRecord(ready, draft.id, record);
  const filled = await fillRegistration(ready, draft);
  if (record && upload) {
    expectStatus(
      await uploadMaterial(ready.client, filled.id, SLOT, await scanJpeg('准考证')),
      201,
    );
  }
  const response = await submit(ready.client, filled.id);
  return { ready, filled, response };
}

const profileOf = async (client: TestClient) =>
  expectStatus(await client.get('/api/candidate/profile'), 200).json<CandidateProfileView>();

beforeAll(async () => {
  ctx = await createTestContext();
  shanghai = await examAreaId(ctx.db, '31');
  const account = await createAccount(ctx.db, { roles: ['area_admin'], areaCode: '31' });
  admin = new TestClient(ctx.app);
  expect((await admin.login(account.username, account.password)).statusCode).toBe(200);
  const ready = await createRegistrationReady(ctx);
  const cycle = await ctx.db
    .selectFrom('cycles')
    .select('year')
    .where('id', '=', ready.cycleId)
    .executeTakeFirstOrThrow();
  previousYear = cycle.year - 1;
  otherSite = 'T99';
  const now = new Date();
  await ctx.db
    .insertInto('testSites')
    .values({
      examAreaId: shanghai,
      code: otherSite,
      name: '测试第二考点',
      address: '',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
});
afterAll(() => ctx.close());

describe('a returning candidate meeting every condition', () => {
  it('when submitting, then the system confirms at once, the timeline shows it and the basic information is locked', async () => {
    const { ready, filled, response } = await submitted({});
    const view = expectStatus(response, 200).json<RegistrationView>();
    expect(view.status).toBe('confirmed');
    expect(view.confirmedAt).not.toBeNull();
    expect(view.autoConfirmation).toMatchObject({
      attempted: true,
      passed: true,
      previousYear,
      reasons: [],
    });
    const [submit, auto] = view.timeline.slice(-2);
    expect(submit).toMatchObject({
      event: 'submit',
      toStatus: 'submitted',
      actorKind: 'candidate',
    });
    expect(auto).toMatchObject({
      event: 'auto_confirm',
      fromStatus: 'submitted',
      toStatus: 'confirmed',
      actorKind: 'system',
    });
    expect(auto?.note).toContain(String(previousYear));

    // The registration as read again, and the basic information now locked.
    const again = await getRegistration(ready.client, filled.id);
    expect(again.status).toBe('confirmed');
    expect(again.actions).not.toContain('withdraw');
    const profile = await profileOf(ready.client);
    expect(profile.locked?.reason).toContain(filled.registrationNumber);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['actorAccountId', 'after'])
      .where('action', '=', 'registration.auto_confirm')
      .where('entityId', '=', String(filled.id))
      .executeTakeFirstOrThrow();
    expect(audit.actorAccountId).toBeNull();
  });

  it('before submitting, then the slot for last year’s report is offered, optional, with what it is for', async () => {
    const ready = await createRegistrationReady(ctx);
    const draft = await startRegistration(ready);
    expect(draft.materialSlots.map((s) => s.key)).not.toContain(SLOT);
    await importRecord(ready, draft.id);
    const view = await fillRegistration(ready, draft);
    const slot = view.materialSlots.find((s) => s.key === SLOT);
    expect(slot).toMatchObject({ requested: true, required: false });
    expect(slot?.reason).toContain('自动确认');
    expect(view.autoConfirmation).toBeNull();
  });
});

describe('a returning candidate failing a condition', () => {
  const cases: [string, RecordOptions, boolean, AutoConfirmationReasonCode, string][] = [
    ['the city differs', { city: 'other' }, true, 'city_changed', '报名地市与上一年度不一致'],
    [
      'the specialty differs',
      { code: '304' },
      true,
      'specialty_changed',
      '报考专业与上一年度不一致',
    ],
    ['the test site differs', { site: 'other' }, true, 'test_site_changed', '考点与上一年度不一致'],
    ['the name differs', { name: '张叁' }, true, 'name_changed', '姓名与上一年度'],
    ['they were absent', { absent: '是' }, true, 'absent_last_year', '缺考'],
    ['they were disciplined', { disciplined: '是' }, true, 'disciplined_last_year', '违纪'],
    [
      'they passed every subject',
      { scores: ['75', '68', '66', '90'] },
      true,
      'passed_last_year',
      '已通过所报考的全部科目',
    ],
    [
      'last year’s report is not uploaded',
      {},
      false,
      'report_missing',
      '未上传上一年度成绩单或准考证',
    ],
  ];

  it.each(cases)(
    'when %s, then it stays 待确认 for manual confirmation with that one reason',
    async (_what, record, upload, code, message) => {
      const { ready, filled, response } = await submitted(record, upload);
      const view = expectStatus(response, 200).json<RegistrationView>();
      expect(view.status).toBe('submitted');
      expect(view.confirmedAt).toBeNull();
      expect(view.autoConfirmation?.passed).toBe(false);
      expect(view.autoConfirmation?.reasons.map((r) => r.code)).toEqual([code]);
      expect(view.autoConfirmation?.reasons[0]?.message).toContain(message);
      expect(view.timeline.map((e) => e.event)).not.toContain('auto_confirm');
      expect(view.actions).toContain('withdraw');
      expect((await profileOf(ready.client)).locked).toBeNull();
      // The outcome is kept: the registration read again still lists the reason.
      const again = await getRegistration(ready.client, filled.id);
      expect(again.autoConfirmation?.reasons.map((r) => r.code)).toEqual([code]);
    },
  );

  it('when the city differed and the candidate withdraws, changes the city and resubmits, then it is confirmed', async () => {
    const ready = await createRegistrationReady(ctx);
    const draft = await startRegistration(ready);
    await importRecord(ready, draft.id, { city: 'other' });
    const filled = await fillRegistration(ready, draft);
    expectStatus(
      await uploadMaterial(ready.client, filled.id, SLOT, await scanJpeg('成绩单')),
      201,
    );
    const first = expectStatus(await submit(ready.client, filled.id), 200).json<RegistrationView>();
    expect(first.autoConfirmation?.reasons.map((r) => r.code)).toEqual(['city_changed']);

    const withdrawn = expectStatus(
      await ready.client.post(`/api/registrations/${filled.id}/withdraw`),
      200,
    ).json<RegistrationView>();
    expect(withdrawn.status).toBe('draft');
    const choices = await choicesOf(ready.client, filled.id);
    const recorded = choices.cities[1];
    if (!recorded || !withdrawn.testSite) throw new Error('no second city');
    expectStatus(
      await ready.client.request('PUT', `/api/registrations/${filled.id}/area`, {
        body: {
          version: withdrawn.version,
          cityId: recorded.id,
          testSiteId: withdrawn.testSite.id,
        },
      }),
      200,
    );
    // The form prints the city: it is downloaded again, signed, stamped and uploaded.
    expectStatus(
      await ready.client.get(`/api/registrations/${filled.id}/application-form.pdf`),
      200,
    );
    expectStatus(
      await uploadMaterial(ready.client, filled.id, 'application_form', await scanJpeg('申报表')),
      201,
    );
    const second = expectStatus(
      await submit(ready.client, filled.id),
      200,
    ).json<RegistrationView>();
    expect(second.status).toBe('confirmed');
    expect(second.autoConfirmation).toMatchObject({ passed: true, reasons: [] });
  });
});

describe('a candidate without last year’s record here', () => {
  it('when submitting, then it is plainly submitted, with no automatic confirmation and no message', async () => {
    const { ready, response } = await submitted(null);
    const view = expectStatus(response, 200).json<RegistrationView>();
    expect(view.status).toBe('submitted');
    expect(view.autoConfirmation).toBeNull();
    expect(view.materialSlots.map((s) => s.key)).not.toContain(SLOT);
    expect((await profileOf(ready.client)).locked).toBeNull();
  });

  it('when the record is of another year, then the candidate is not treated as returning', async () => {
    const ready = await createRegistrationReady(ctx);
    const draft = await startRegistration(ready);
    const year = previousYear;
    previousYear = year - 1;
    try {
      await importRecord(ready, draft.id);
    } finally {
      previousYear = year;
    }
    const filled = await fillRegistration(ready, draft);
    const view = expectStatus(await submit(ready.client, filled.id), 200).json<RegistrationView>();
    expect(view.status).toBe('submitted');
    expect(view.autoConfirmation).toBeNull();
  });
});
