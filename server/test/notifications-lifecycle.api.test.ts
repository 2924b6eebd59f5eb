import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatShanghai,
  formatShanghaiEnd,
  type InAppNotificationList,
  type PreviousResultsImportReport,
  type RegistrationView,
  type TodoList,
} from '@hqe/core';
import {
  createInAppChannel,
  createNotificationService,
  createReviewResultsJob,
  createTodoService,
} from '../src/modules/notifications';
import { createRegistrationDecisions } from '../src/modules/registrations';
import { createAccount, examAreaId } from './factories';
import { testCrypto } from './notification-helpers';
import {
  choicesOf,
  createOtherArea,
  createRegistrationReady,
  demoCycleId,
  EDUCATION_MISMATCH,
  errorOf,
  expectStatus,
  fillRegistration,
  getRegistration,
  reviewerOf,
  scanJpeg,
  setPhase,
  startRegistration,
  submit,
  uploadMaterial,
  type ReadyCandidate,
} from './support-registration';
import { loggedInOne } from './support-review-queue';
import { createTestContext, TestClient, TEST_NOW, type TestContext } from './test-app';

/*
 * The registration lifecycle tells the candidate (issue #7, docs/decisions/0013): each status
 * change writes its template's message — in the outbox and, for in-app, the inbox — and opens or
 * closes the to-do items, in the transaction of the change; the qualification result is told when
 * the area publishes it (R18), once.
 */

let ctx: TestContext;
let cycleId: number;
let shanghai: number;
type Staff = Awaited<ReturnType<typeof loggedInOne>>;
let confirmer: Staff;
let qualifier: Staff;

const DAY = 86_400_000;
const at = (days: number) => new Date(new Date(TEST_NOW).getTime() + days * DAY);

/** The calendar as the seed made it (the demonstration cycle: every phase open at TEST_NOW). */
async function phaseOf(kind: string, areaCode = '31') {
  const area = await examAreaId(ctx.db, areaCode);
  return ctx.db
    .selectFrom('cyclePhases')
    .select(['startsAt', 'endsAt'])
    .where('cycleId', '=', cycleId)
    .where('examAreaId', '=', area)
    .where('kind', '=', kind as never)
    .executeTakeFirstOrThrow();
}

/** The outbox rows of an account for one template, oldest first. */
const outboxOf = (accountId: number, template: string) =>
  ctx.db
    .selectFrom('notificationMessages')
    .select(['channel', 'status', 'dedupeKey', 'examAreaId', 'locale'])
    .where('accountId', '=', accountId)
    .where('templateKey', '=', template)
    .orderBy('id')
    .execute();

/** Every outbox row of an account (to show nothing else was written). */
const allOutboxOf = (accountId: number) =>
  ctx.db
    .selectFrom('notificationMessages')
    .select(['templateKey', 'channel'])
    .where('accountId', '=', accountId)
    .orderBy('id')
    .execute();

/** The in-app inbox (站内消息), newest first, as the candidate reads it. */
const inboxOf = async (client: TestClient) =>
  expectStatus(await client.get('/api/candidate/notifications'), 200).json<InAppNotificationList>()
    .items;

/** The open to-do items, as the candidate reads them. */
const todosOf = async (client: TestClient) =>
  expectStatus(await client.get('/api/candidate/todos'), 200).json<TodoList>();

/** Every to-do row of an account, open or done. */
const todoRowsOf = (accountId: number) =>
  ctx.db
    .selectFrom('todoItems')
    .select(['kind', 'status', 'dedupeKey', 'deadlineAt', 'linkPath'])
    .where('accountId', '=', accountId)
    .orderBy('id')
    .execute();

/** The candidate's mobile number (for the development SMS outbox). */
async function mobileOf(accountId: number) {
  const row = await ctx.db
    .selectFrom('candidates')
    .select('mobileEncrypted')
    .where('accountId', '=', accountId)
    .executeTakeFirstOrThrow();
  return testCrypto().decrypt(row.mobileEncrypted, 'candidates.mobile');
}

/** The SMS the development outbox holds for a mobile number, newest first. */
async function smsTo(mobile: string) {
  const response = await new TestClient(ctx.app).get(`/api/dev/outbox?to=${mobile}`);
  return expectStatus(response, 200).json<{ messages: { body: string; code: string | null }[] }>()
    .messages;
}

/** The body a reviewer sends: the decision on the registration's version just read. */
const onCurrentVersion = async (id: number, body: Record<string, unknown>) => ({
  version: (
    await ctx.db
      .selectFrom('registrations')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).version,
  ...body,
});
const confirmation = async (client: TestClient, id: number, body: Record<string, unknown>) =>
  client.post(`/api/review/registrations/${id}/confirmation`, await onCurrentVersion(id, body));
const qualification = async (client: TestClient, id: number, body: Record<string, unknown>) =>
  client.post(`/api/review/registrations/${id}/qualification`, await onCurrentVersion(id, body));

/** A candidate with a complete registration, not yet submitted. */
async function filled(): Promise<{ ready: ReadyCandidate; view: RegistrationView }> {
  const ready = await createRegistrationReady(ctx);
  return { ready, view: await fillRegistration(ready, await startRegistration(ready)) };
}

/** A candidate's registration, filled in and submitted through the API. */
async function submitted() {
  const made = await filled();
  const view = expectStatus(
    await submit(made.ready.client, made.view.id),
    200,
  ).json<RegistrationView>();
  return { ready: made.ready, view };
}

/** A submitted registration returned by the confirmation reviewer with a reason and a note. */
async function returned(reviewer: Staff = confirmer) {
  const made = await submitted();
  expectStatus(
    await confirmation(reviewer.client, made.view.id, {
      decision: 'return',
      reasonCodes: ['education_mismatch'],
      note: '请上传清晰的学历证书。',
    }),
    200,
  );
  return made;
}

/** A submitted registration confirmed by the confirmation reviewer. */
async function confirmed() {
  const made = await submitted();
  expectStatus(await confirmation(confirmer.client, made.view.id, { decision: 'confirm' }), 200);
  return made;
}

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  shanghai = await examAreaId(ctx.db, '31');
  confirmer = await loggedInOne(ctx, { roles: ['confirmation_reviewer'] });
  qualifier = await loggedInOne(ctx, { roles: ['qualification_reviewer'] });
}, 60_000);
afterAll(() => ctx.close());

describe('submission', () => {
  it('when a candidate submits, then 报名已提交 is in the outbox and the inbox, with the number and the time in Beijing time', async () => {
    const { ready, view } = await submitted();
    expect(await outboxOf(ready.accountId, 'submitted')).toEqual([
      {
        channel: 'in_app',
        status: 'sent',
        dedupeKey: `submitted:${view.id}:${view.version}:in_app`,
        examAreaId: shanghai,
        locale: 'zh-CN',
      },
    ]);
    const [message] = await inboxOf(ready.client);
    expect(message).toMatchObject({ title: '报名已提交', readAt: null });
    expect(message?.body).toBe(
      `您的报名（网报号 ${view.registrationNumber}）已于 ${formatShanghai(ctx.clock.now())}（北京时间）提交，请等待考区报名确认。确认结果会通知您，也可在“网上报名”页面查看。`,
    );

    // A retried request (same idempotency key) is the same submission: no second message.
    const key = 'retry-key-0001';
    const again = await submitted();
    expectStatus(await submit(again.ready.client, again.view.id, 'first-key-0001'), 409);
    const withdrawn = expectStatus(
      await again.ready.client.post(`/api/registrations/${again.view.id}/withdraw`),
      200,
    ).json<RegistrationView>();
    expectStatus(await submit(again.ready.client, withdrawn.id, key), 200);
    expectStatus(await submit(again.ready.client, withdrawn.id, key), 200);
    expect(await outboxOf(again.ready.accountId, 'submitted')).toHaveLength(2);
  });

  it('when a submission is refused (incomplete), then nothing is written', async () => {
    const ready = await createRegistrationReady(ctx);
    const draft = await startRegistration(ready);
    expectStatus(await submit(ready.client, draft.id), 400);
    expect(await allOutboxOf(ready.accountId)).toEqual([]);
    expect(await todoRowsOf(ready.accountId)).toEqual([]);
  });
});

describe('automatic confirmation of returning candidates (历史考生)', () => {
  let admin: TestClient;
  let previousYear: number;

  beforeAll(async () => {
    const account = await createAccount(ctx.db, { roles: ['area_admin'], areaCode: '31' });
    admin = new TestClient(ctx.app);
    expect((await admin.login(account.username, account.password)).statusCode).toBe(200);
    const cycle = await ctx.db
      .selectFrom('cycles')
      .select('year')
      .where('id', '=', cycleId)
      .executeTakeFirstOrThrow();
    previousYear = cycle.year - 1;
  });

  /** A returning candidate (last year's record in the same city and site, failed) submits. */
  async function returning(uploadReport: boolean) {
    const ready = await createRegistrationReady(ctx);
    const draft = await startRegistration(ready);
    const choices = await choicesOf(ready.client, draft.id);
    const [city] = choices.cities;
    const [site] = choices.testSites;
    if (!city || !site) throw new Error('the area needs a city and a test site');
    const csv = `证件号码,姓名,报名地市,考点,专业代码,级别,科目1,科目2,科目3,科目4,缺考,违纪\r\n${[ready.documentNumber, '张三', city.code, site.code, '303', '中级', '75', '58', '66', '52', '否', '否'].join(',')}`;
    const report = expectStatus(
      await admin.post(`/api/admin/exam-areas/${shanghai}/previous-results/import`, {
        year: previousYear,
        fileName: 'last-year.csv',
        contentBase64: Buffer.from(csv).toString('base64'),
      }),
      200,
    ).json<PreviousResultsImportReport>();
    expect(report.errors).toEqual([]);
    const view = await fillRegistration(ready, draft);
    if (uploadReport) {
      expectStatus(
        await uploadMaterial(
          ready.client,
          view.id,
          'previous_score_report_or_ticket',
          await scanJpeg('准考证'),
        ),
        201,
      );
    }
    const done = expectStatus(await submit(ready.client, view.id), 200).json<RegistrationView>();
    return { ready, view: done };
  }

  it('when every condition is met, then 报名已自动确认 is sent (and not 报名已提交)', async () => {
    const { ready, view } = await returning(true);
    expect(view.status).toBe('confirmed');
    expect(await outboxOf(ready.accountId, 'auto_confirmed')).toEqual([
      expect.objectContaining({
        channel: 'in_app',
        dedupeKey: `auto_confirmed:${view.id}:${view.version}:in_app`,
      }),
    ]);
    expect(await outboxOf(ready.accountId, 'submitted')).toEqual([]);
    const [message] = await inboxOf(ready.client);
    expect(message?.title).toBe('报名已自动确认');
    expect(message?.body).toContain(`网报号 ${view.registrationNumber}`);
  });

  it('when a condition is not met, then 报名未能自动确认 names each reason', async () => {
    const { ready, view } = await returning(false);
    expect(view.status).toBe('submitted');
    expect(await outboxOf(ready.accountId, 'auto_confirmation_failed')).toHaveLength(1);
    expect(await outboxOf(ready.accountId, 'submitted')).toEqual([]);
    const [message] = await inboxOf(ready.client);
    expect(message?.title).toBe('报名未能自动确认');
    expect(message?.body).toContain('原因：未上传上一年度成绩单或准考证。您可以撤回信息提交');
  });
});

describe('报名确认: return, resubmission, confirmation', () => {
  let made: Awaited<ReturnType<typeof submitted>>;
  let deadline: Date;

  beforeAll(async () => {
    made = await submitted();
    deadline = (await phaseOf('resubmission')).endsAt;
  }, 60_000);

  it('when the reviewer returns it, then 报名确认不通过 (reasons, note, deadline) goes in-app and by SMS, and the to-do item opens with the deadline', async () => {
    const { ready, view } = made;
    const response = await confirmation(confirmer.client, view.id, {
      decision: 'return',
      reasonCodes: ['education_mismatch', 'form_not_signed'],
      note: '学历证书照片模糊。',
    });
    expectStatus(response, 200);
    const version = response.json<{ version: number }>().version;
    const key = `returned:${view.id}:${version}`;
    expect(await outboxOf(ready.accountId, 'returned')).toEqual([
      expect.objectContaining({ channel: 'in_app', status: 'sent', dedupeKey: `${key}:in_app` }),
      expect.objectContaining({ channel: 'sms', status: 'queued', dedupeKey: `${key}:sms` }),
    ]);
    const [message] = await inboxOf(ready.client);
    expect(message?.title).toBe('报名确认不通过，请修改后重新提交');
    expect(message?.body).toBe(
      `您的报名（网报号 ${view.registrationNumber}）未通过报名确认，原因：学历不符、申报表未签字盖章、审核意见：学历证书照片模糊。请在 ${formatShanghaiEnd(deadline)}（北京时间）前按原因修改并重新提交，逾期视为放弃。`,
    );

    const todos = await todosOf(ready.client);
    expect(todos.count).toBe(1);
    expect(todos.items[0]).toMatchObject({
      kind: 'resubmit',
      kindLabel: '修改后重新提交',
      title: '报名被退回，请按退回原因修改后重新提交',
      linkPath: '/registration',
      deadlineAt: deadline.toISOString(),
    });
    expect(todos.items[0]?.detail).toContain(view.registrationNumber);
    expect(
      (await todosOf(ready.client)).items.map((i) => i.linkPath).every((p) => p.startsWith('/')),
    ).toBe(true);

    // The worker hands the SMS to the (development) gateway.
    await ctx.worker.drain();
    expect(await outboxOf(ready.accountId, 'returned')).toEqual([
      expect.objectContaining({ channel: 'in_app', status: 'sent' }),
      expect.objectContaining({ channel: 'sms', status: 'sent' }),
    ]);
    const [sms] = await smsTo(await mobileOf(ready.accountId));
    expect(sms).toMatchObject({ code: null });
    expect(sms?.body).toBe(
      `您的报名（网报号 ${view.registrationNumber}）未通过报名确认，请登录网上报名系统查看原因，并于 ${formatShanghaiEnd(deadline)}（北京时间）前修改后重新提交，逾期视为放弃。`,
    );
  });

  it('when the candidate resubmits, then the to-do item is done and gone, and 报名已提交 is sent again', async () => {
    const { ready, view } = made;
    const resubmitted = expectStatus(
      await submit(ready.client, view.id),
      200,
    ).json<RegistrationView>();
    expect(await todosOf(ready.client)).toEqual({ items: [], count: 0 });
    expect(expectStatus(await ready.client.get('/api/candidate/todos/count'), 200).json()).toEqual({
      count: 0,
    });
    expect(await todoRowsOf(ready.accountId)).toEqual([
      expect.objectContaining({ dedupeKey: `resubmit:${view.id}`, status: 'done' }),
    ]);
    expect(await outboxOf(ready.accountId, 'submitted')).toEqual([
      expect.objectContaining({ dedupeKey: `submitted:${view.id}:${view.version}:in_app` }),
      expect.objectContaining({
        dedupeKey: `submitted:${view.id}:${resubmitted.version}:in_app`,
      }),
    ]);
  });

  it('when the reviewer confirms, then 报名确认通过 is sent in-app', async () => {
    const { ready, view } = made;
    const response = await confirmation(confirmer.client, view.id, { decision: 'confirm' });
    expectStatus(response, 200);
    expect(await outboxOf(ready.accountId, 'confirmed')).toEqual([
      expect.objectContaining({
        channel: 'in_app',
        dedupeKey: `confirmed:${view.id}:${response.json<{ version: number }>().version}:in_app`,
      }),
    ]);
    const [message] = await inboxOf(ready.client);
    expect(message?.title).toBe('报名确认通过');
    expect(message?.body).toContain(`网报号 ${view.registrationNumber}`);
    expect((await todosOf(ready.client)).count).toBe(0);
  });

  it('when a decision is rolled back after it was taken, then no message, no inbox row and no to-do remain', async () => {
    const { ready, view } = await submitted();
    const before = await allOutboxOf(ready.accountId);
    const decisions = createRegistrationDecisions({
      clock: ctx.clock,
      notifications: createNotificationService({
        db: ctx.db,
        clock: ctx.clock,
        channels: [createInAppChannel(ctx.clock)],
      }),
      todos: createTodoService({ db: ctx.db, clock: ctx.clock }),
    });
    const reviewer = await reviewerOf(ctx);
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await decisions.decideConfirmation(trx, {
          registrationId: view.id,
          version: view.version,
          reviewer,
          decision: 'return',
          reasons: [EDUCATION_MISMATCH],
        });
        // Written inside the transaction…
        const inside = await trx
          .selectFrom('notificationMessages')
          .select('templateKey')
          .where('accountId', '=', ready.accountId)
          .where('templateKey', '=', 'returned')
          .execute();
        expect(inside).toHaveLength(1);
        // …and the caller's next step fails.
        throw new Error('the review console failed after the decision');
      }),
    ).rejects.toThrow('the review console failed');
    expect(await allOutboxOf(ready.accountId)).toEqual(before);
    expect(await todoRowsOf(ready.accountId)).toEqual([]);
    expect((await inboxOf(ready.client)).map((m) => m.title)).toEqual(['报名已提交']);
    expect((await getRegistration(ready.client, view.id)).status).toBe('submitted');
  });

  it('when a decision is refused (the confirmation phase closed), then nothing is written', async () => {
    const { ready, view } = await submitted();
    const phase = await phaseOf('confirmation');
    await setPhase(ctx, cycleId, '31', 'confirmation', phase.startsAt, ctx.clock.now());
    try {
      const response = await confirmation(confirmer.client, view.id, {
        decision: 'return',
        reasonCodes: ['education_mismatch'],
      });
      expectStatus(response, 409);
      expect(errorOf(response).code).toBe('phase_closed');
    } finally {
      await setPhase(ctx, cycleId, '31', 'confirmation', phase.startsAt, phase.endsAt);
    }
    expect((await allOutboxOf(ready.accountId)).map((m) => m.templateKey)).toEqual(['submitted']);
    expect(await todoRowsOf(ready.accountId)).toEqual([]);
  });
});

describe('withdrawal and change of area keep the to-do items consistent', () => {
  it('when a submission is withdrawn, then a "submit again" item opens with the registration deadline; submitting closes it', async () => {
    const { ready, view } = await submitted();
    const draft = expectStatus(
      await ready.client.post(`/api/registrations/${view.id}/withdraw`),
      200,
    ).json<RegistrationView>();
    expect(draft.status).toBe('draft');
    const registration = await phaseOf('registration');
    const open = await todosOf(ready.client);
    expect(open.items).toEqual([
      expect.objectContaining({
        kind: 'registration',
        title: '报名信息已撤回，请修改后重新提交',
        linkPath: '/registration',
        deadlineAt: registration.endsAt.toISOString(),
      }),
    ]);
    expectStatus(await submit(ready.client, view.id), 200);
    expect(await todosOf(ready.client)).toEqual({ items: [], count: 0 });
    expect(await todoRowsOf(ready.accountId)).toEqual([
      expect.objectContaining({ dedupeKey: `submit:${view.id}`, status: 'done' }),
    ]);
  });

  it('when a returned registration moves to another area, then "resubmit" is done and "submit" opens with the new area’s deadline', async () => {
    await createOtherArea(ctx, cycleId, { code: '33', name: '浙江' });
    await setPhase(ctx, cycleId, '33', 'registration', new Date(TEST_NOW), at(20));
    const { ready, view } = await returned();
    const current = await getRegistration(ready.client, view.id);
    const moved = expectStatus(
      await ready.client.post(`/api/registrations/${view.id}/change-area`, {
        version: current.version,
        examAreaCode: '33',
      }),
      200,
    ).json<RegistrationView>();
    expect(moved.status).toBe('draft');
    const rows = await todoRowsOf(ready.accountId);
    expect(rows).toEqual([
      expect.objectContaining({ dedupeKey: `resubmit:${view.id}`, status: 'done' }),
      expect.objectContaining({
        dedupeKey: `submit:${view.id}`,
        status: 'open',
        deadlineAt: at(20),
      }),
    ]);
    const [item] = (await todosOf(ready.client)).items;
    expect(item?.title).toBe('考区已改为“浙江”，请核对报名信息后提交');
    expect(item?.detail).toContain(moved.registrationNumber);
  });
});

describe('资格审核: supplement requested and supplied', () => {
  it('when the reviewer asks for materials, then 资格审核：请补充材料 goes in-app and by SMS with the deadline, and a to-do opens; supplying closes it', async () => {
    const { ready, view } = await confirmed();
    const review = await phaseOf('qualification_review');
    const response = await qualification(qualifier.client, view.id, {
      decision: 'request_supplement',
      supplementSlots: ['work_certificate'],
      reasonCodes: ['materials_unclear'],
      note: '请上传单位出具的工作证明',
    });
    expectStatus(response, 200);
    const version = response.json<{ version: number }>().version;
    expect(await outboxOf(ready.accountId, 'supplement_requested')).toEqual([
      expect.objectContaining({
        channel: 'in_app',
        dedupeKey: `supplement_requested:${view.id}:${version}:in_app`,
      }),
      expect.objectContaining({
        channel: 'sms',
        dedupeKey: `supplement_requested:${view.id}:${version}:sms`,
      }),
    ]);
    const [message] = await inboxOf(ready.client);
    expect(message?.title).toBe('资格审核：请补充材料');
    expect(message?.body).toContain(`网报号 ${view.registrationNumber}`);
    expect(message?.body).toContain(
      '原因：材料需补充、需补充的材料：“工作证明”、审核意见：请上传单位出具的工作证明。',
    );
    expect(message?.body).toContain('审核意见：请上传单位出具的工作证明');
    expect(message?.body).toContain(`请在 ${formatShanghaiEnd(review.endsAt)}（北京时间）前`);
    const todos = await todosOf(ready.client);
    expect(todos.items).toEqual([
      expect.objectContaining({
        kind: 'supplement',
        linkPath: '/registration',
        deadlineAt: review.endsAt.toISOString(),
      }),
    ]);
    expect(todos.items[0]?.detail).toContain('“工作证明”');

    const uploaded = expectStatus(
      await uploadMaterial(ready.client, view.id, 'work_certificate', await scanJpeg('证明')),
      201,
    ).json<RegistrationView>();
    expectStatus(
      await ready.client.post(`/api/registrations/${view.id}/supply`, {
        version: uploaded.version,
      }),
      200,
    );
    expect(await todosOf(ready.client)).toEqual({ items: [], count: 0 });
    expect(await todoRowsOf(ready.accountId)).toEqual([
      expect.objectContaining({ dedupeKey: `supplement:${view.id}`, status: 'done' }),
    ]);
  });
});

describe('资格审核结果公布 (R18): told at the publication time, never before, never twice', () => {
  let pass: Awaited<ReturnType<typeof confirmed>>;
  let fail: Awaited<ReturnType<typeof confirmed>>;
  let late: Awaited<ReturnType<typeof confirmed>>;
  let publication: { startsAt: Date; endsAt: Date };
  let publishAt: Date;

  /** The result messages of an account (every channel). */
  const resultsOf = (accountId: number) => outboxOf(accountId, 'review_result_published');

  beforeAll(async () => {
    pass = await confirmed();
    fail = await confirmed();
    late = await confirmed();
    // The candidate who failed reads English.
    expectStatus(
      await fail.ready.client.request('PUT', '/api/candidate/notifications/settings', {
        body: { locale: 'en' },
      }),
      200,
    );
    publication = await phaseOf('results_publication');
    // Publication starts in ten minutes (the sessions stay alive across the clock's move).
    publishAt = new Date(ctx.clock.now().getTime() + 10 * 60_000);
    await setPhase(ctx, cycleId, '31', 'results_publication', publishAt, publication.endsAt);
  }, 120_000);
  afterAll(() =>
    setPhase(ctx, cycleId, '31', 'results_publication', publication.startsAt, publication.endsAt),
  );

  it('when results are decided before publication, then nothing is sent at decision time, nor a minute before publication', async () => {
    expectStatus(await qualification(qualifier.client, pass.view.id, { decision: 'pass' }), 200);
    expectStatus(
      await qualification(qualifier.client, fail.view.id, {
        decision: 'fail',
        reasonCodes: ['not_eligible'],
        note: '工作年限不足',
      }),
      200,
    );
    // The decision queued the job for the publication moment.
    const queued = await ctx.db
      .selectFrom('jobs')
      .select(['runAt', 'status'])
      .where('kind', '=', 'notifications.review_results')
      .where('uniqueKey', 'like', `notifications.review_results:${cycleId}:${shanghai}:%`)
      .execute();
    expect(queued).toEqual([{ runAt: publishAt, status: 'pending' }]);

    await ctx.worker.drain();
    expect(await resultsOf(pass.ready.accountId)).toEqual([]);
    ctx.clock.set(new Date(publishAt.getTime() - 60_000));
    await ctx.worker.drain();
    expect(await resultsOf(pass.ready.accountId)).toEqual([]);
    expect(await resultsOf(fail.ready.accountId)).toEqual([]);
    expect((await inboxOf(pass.ready.client)).map((m) => m.title)).not.toContain(
      '资格审核结果已公布',
    );
  });

  it('when publication starts, then each decided candidate is told the result once, in their language', async () => {
    ctx.clock.set(publishAt);
    await ctx.worker.drain();
    expect(await resultsOf(pass.ready.accountId)).toEqual([
      expect.objectContaining({
        channel: 'in_app',
        status: 'sent',
        dedupeKey: `review_result_published:${pass.view.id}:in_app`,
        locale: 'zh-CN',
      }),
    ]);
    const [told] = await inboxOf(pass.ready.client);
    expect(told).toMatchObject({
      title: '资格审核结果已公布',
      body: `您的报名（网报号 ${pass.view.registrationNumber}）资格审核结果已公布：通过。详情请登录网上报名系统查看。`,
    });
    expect(await resultsOf(fail.ready.accountId)).toEqual([
      expect.objectContaining({ channel: 'in_app', locale: 'en' }),
    ]);
    const [failed] = await inboxOf(fail.ready.client);
    expect(failed?.title).toBe('Qualification review result published');
    expect(failed?.body).toContain(
      `(No. ${fail.view.registrationNumber}) has been published: not qualified (不符合报考条件).`,
    );
    // A registration not decided is not told anything.
    expect(await resultsOf(late.ready.accountId)).toEqual([]);
  });

  /** A second worker's job (its own notification service: in-app, like every worker's). */
  const secondWorker = () =>
    createReviewResultsJob({
      db: ctx.db,
      clock: ctx.clock,
      notifications: createNotificationService({
        db: ctx.db,
        clock: ctx.clock,
        channels: [createInAppChannel(ctx.clock)],
      }),
    });

  /** The result messages in the inbox of these accounts. */
  const toldIn = (accountIds: number[]) =>
    ctx.db
      .selectFrom('notifications')
      .select('accountId')
      .where('accountId', 'in', accountIds)
      .where('title', 'in', ['资格审核结果已公布', 'Qualification review result published'])
      .execute();

  it('when the job runs again — after a restart, hours later — then nobody is told twice', async () => {
    expect(await secondWorker().run()).toBe(0);
    ctx.clock.advance(2 * 3_600_000);
    await ctx.worker.drain();
    expect(await resultsOf(pass.ready.accountId)).toHaveLength(1);
    expect(await resultsOf(fail.ready.accountId)).toHaveLength(1);
    expect(await toldIn([pass.ready.accountId, fail.ready.accountId])).toHaveLength(2);
  });

  it('when a result is decided after publication started, then two workers at once tell the candidate once', async () => {
    // Sessions have ended during the clock's moves: a reviewer logs in again.
    const reviewer = await loggedInOne(ctx, { roles: ['qualification_reviewer'] });
    expectStatus(await qualification(reviewer.client, late.view.id, { decision: 'pass' }), 200);
    expect(await resultsOf(late.ready.accountId)).toEqual([]);
    const [a, b] = await Promise.all([secondWorker().run(), secondWorker().run()]);
    expect(a + b).toBe(1);
    await ctx.worker.drain();
    expect(await resultsOf(late.ready.accountId)).toEqual([
      expect.objectContaining({
        channel: 'in_app',
        dedupeKey: `review_result_published:${late.view.id}:in_app`,
      }),
    ]);
    expect(await toldIn([late.ready.accountId])).toHaveLength(1);
  });
});

describe('视为放弃 (lapse)', () => {
  it('when the resubmission deadline passes, then 报名视为放弃 says why and the to-do item is done', async () => {
    // The clock has moved on in this file: a reviewer whose session is fresh.
    const desk = await loggedInOne(ctx, { roles: ['confirmation_reviewer'] });
    const { ready, view } = await returned(desk);
    expect((await todosOf(ready.client)).count).toBe(1);
    const deadline = (await phaseOf('resubmission')).endsAt;
    // Past the registration (day 30) and resubmission (day 35) ends of the seeded calendar.
    ctx.clock.set(new Date(deadline.getTime() + 5 * DAY));
    await ctx.worker.drain();
    const row = await ctx.db
      .selectFrom('registrations')
      .select(['status', 'version'])
      .where('id', '=', view.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('abandoned');
    expect(await outboxOf(ready.accountId, 'lapsed')).toEqual([
      expect.objectContaining({
        channel: 'in_app',
        dedupeKey: `lapsed:${view.id}:${row.version}:in_app`,
      }),
    ]);
    const message = await ctx.db
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('accountId', '=', ready.accountId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(message).toEqual({
      title: '报名视为放弃',
      body: `您的报名（网报号 ${view.registrationNumber}）被退回后未于 ${formatShanghaiEnd(deadline)}（北京时间）前重新提交，已视为放弃本次考试。如有疑问，请联系报名所在考区。`,
    });
    expect(await todoRowsOf(ready.accountId)).toEqual([
      expect.objectContaining({ dedupeKey: `resubmit:${view.id}`, status: 'done' }),
    ]);
    // A second run tells nobody again.
    await ctx.worker.drain();
    expect(await outboxOf(ready.accountId, 'lapsed')).toHaveLength(1);
  });
});
