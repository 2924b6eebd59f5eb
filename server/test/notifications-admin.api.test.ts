import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AREA_TEMPLATE_KEYS,
  type DeliveryAttemptList,
  type NotificationMessageList,
  type NotificationMessageView,
  type NotificationTemplateList,
  type NotificationTemplatePreview,
} from '@hqe/core';
import {
  createEmailChannel,
  createInAppChannel,
  createNotificationService,
} from '../src/modules/notifications';
import { createOutboxDelivery } from '../src/modules/verification';
import { createAccount, createCandidate, examAreaId } from './factories';
import { testCrypto } from './notification-helpers';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * The notification administration (issue #7): each area's template texts (edited, checked,
 * previewed, audited, used for that area's messages only) and the outbox view with its attempts
 * and the resend of failed messages — every area administrator confined to the own area.
 */
let ctx: TestContext;
let shanghai: number;
let jiangsu: number;
let platform: TestClient;
let shanghaiAdmin: TestClient;
let shanghaiAdminName: string;
let jiangsuAdmin: TestClient;
let reviewer: TestClient;
const crypto = testCrypto();

async function loggedIn(options: Parameters<typeof createAccount>[1]) {
  const account = await createAccount(ctx.db, options);
  const client = new TestClient(ctx.app);
  expect((await client.login(account.username, account.password)).statusCode).toBe(200);
  return { client, username: account.username };
}

/** The notification service as buildApp wires it, minus SMS (e-mail to the dev outbox). */
function service() {
  return createNotificationService({
    db: ctx.db,
    clock: ctx.clock,
    crypto,
    channels: [
      createInAppChannel(ctx.clock),
      createEmailChannel({
        crypto,
        delivery: createOutboxDelivery({ db: ctx.db, clock: ctx.clock, crypto }),
      }),
    ],
  });
}

async function candidateWithEmail() {
  const email = `admin.view${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.com`;
  const candidate = await createCandidate(ctx.db, { email });
  await ctx.db
    .updateTable('candidates')
    .set({ notificationChannels: ['in_app', 'email'] })
    .where('accountId', '=', candidate.accountId)
    .execute();
  return { ...candidate, email };
}

async function sendConfirmed(accountId: number, examAreaId: number | null, key: string) {
  return ctx.db.transaction().execute((trx) =>
    service().send(trx, {
      accountId,
      template: 'confirmed',
      values: { registrationNumber: '31202600000321' },
      examAreaId,
      dedupeKey: key,
    }),
  );
}

const templatesUrl = (area: number) => `/api/admin/exam-areas/${area}/notification-templates`;
const errorOf = (r: { json: () => unknown }) =>
  (r.json() as { error: { code: string; message: string; details?: unknown } }).error;

beforeAll(async () => {
  ctx = await createTestContext();
  shanghai = await examAreaId(ctx.db, '31');
  jiangsu = await examAreaId(ctx.db, '32');
  ({ client: platform } = await loggedIn({ roles: ['platform_admin'] }));
  ({ client: shanghaiAdmin, username: shanghaiAdminName } = await loggedIn({
    roles: ['area_admin'],
    areaCode: '31',
  }));
  ({ client: jiangsuAdmin } = await loggedIn({ roles: ['area_admin'], areaCode: '32' }));
  ({ client: reviewer } = await loggedIn({ roles: ['confirmation_reviewer'], areaCode: '31' }));
});
afterAll(() => ctx.close());

describe('per-area message templates', () => {
  const url = (area: number, key = 'confirmed', locale = 'zh-CN') =>
    `${templatesUrl(area)}/${key}/${locale}`;
  const OWN = {
    subject: '上海考区：报名确认通过',
    body: '{{registrationNumber}} 号报名已通过上海考区确认，请留意资格审核安排。',
  };

  it('when an area administrator lists the templates, then every area template is there with its placeholders and defaults', async () => {
    const response = await shanghaiAdmin.get(templatesUrl(shanghai));
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json<NotificationTemplateList>();
    expect(list.items.map((t) => t.key)).toEqual(AREA_TEMPLATE_KEYS);
    const returned = list.items.find((t) => t.key === 'returned');
    expect(returned).toMatchObject({
      label: '报名确认不通过（退回）',
      urgent: true,
      placeholders: expect.arrayContaining([
        { name: 'deadline', label: '截止时间', kind: 'deadline', required: true },
      ]) as unknown,
    });
    expect(returned?.variants.map((v) => [v.locale, v.override])).toEqual([
      ['zh-CN', null],
      ['en', null],
    ]);
  });

  it('when someone other than the area administrators asks, then another area is not found and reviewers and candidates are refused', async () => {
    expect((await jiangsuAdmin.get(templatesUrl(shanghai))).statusCode).toBe(404);
    expect((await jiangsuAdmin.request('PUT', url(shanghai), { body: OWN })).statusCode).toBe(404);
    expect((await reviewer.get(templatesUrl(shanghai))).statusCode).toBe(403);
    const candidate = await createCandidate(ctx.db);
    const c = new TestClient(ctx.app);
    await c.login(candidate.mobile, candidate.password);
    expect((await c.get(templatesUrl(shanghai))).statusCode).toBe(403);
    expect((await new TestClient(ctx.app).get(templatesUrl(shanghai))).statusCode).toBe(401);
    expect((await platform.get(templatesUrl(99_999))).statusCode).toBe(404);
  });

  it('when the text has an unknown placeholder or leaves out a required one, then it is refused with the reason, and nothing is saved', async () => {
    const response = await shanghaiAdmin.request('PUT', url(shanghai), {
      body: { subject: '通过 {{name}}', body: '已通过确认。' },
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('{{name}} 不是此模板可用的占位符');
    expect(error.message).toContain('须包含 {{registrationNumber}}（网报号）');
    expect(error.details).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: 'subject' })]) as unknown,
    });
    // A template that is not the areas' to edit, and an unknown language.
    expect(
      (await shanghaiAdmin.request('PUT', url(shanghai, 'account_code'), { body: OWN })).statusCode,
    ).toBe(400);
    expect(
      (await shanghaiAdmin.request('PUT', url(shanghai, 'confirmed', 'fr'), { body: OWN }))
        .statusCode,
    ).toBe(400);
    // An SMS text for a template that is not sent by SMS.
    const sms = await shanghaiAdmin.request('PUT', url(shanghai), {
      body: { ...OWN, sms: '短信' },
    });
    expect(errorOf(sms).message).toContain('此模板不以短信发送');
    const list = (await shanghaiAdmin.get(templatesUrl(shanghai))).json<NotificationTemplateList>();
    expect(list.items.find((t) => t.key === 'confirmed')?.variants[0]?.override).toBeNull();
  });

  it('when the administrator previews a text, then it is rendered with sample values as the candidate and the e-mail would read it, and nothing is saved', async () => {
    const response = await shanghaiAdmin.post(`${url(shanghai)}/preview`, OWN);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<NotificationTemplatePreview>()).toEqual({
      subject: '上海考区：报名确认通过',
      body: '31202600000123 号报名已通过上海考区确认，请留意资格审核安排。',
      sms: null,
      email: {
        subject: '全国卫生专业技术资格考试网上报名：上海考区：报名确认通过',
        text: '您好：\n\n31202600000123 号报名已通过上海考区确认，请留意资格审核安排。\n\n此邮件由系统自动发送，请勿直接回复。\n',
      },
    });
    const saved = await ctx.db.selectFrom('notificationTemplates').selectAll().execute();
    expect(saved).toEqual([]);
  });

  it('when the area saves its own text, then it is audited and that area’s messages use it, while other areas and languages keep the default', async () => {
    const response = await shanghaiAdmin.request('PUT', url(shanghai), { body: OWN });
    expect(response.statusCode, response.body).toBe(200);
    const variant = response
      .json<NotificationTemplateList>()
      .items.find((t) => t.key === 'confirmed')?.variants[0];
    expect(variant?.override).toMatchObject({ ...OWN, sms: null, updatedBy: shanghaiAdminName });
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['action', 'examAreaId', 'entityId', 'after'])
      .where('action', '=', 'notification_template.updated')
      .execute();
    expect(audit).toEqual([
      {
        action: 'notification_template.updated',
        examAreaId: shanghai,
        entityId: `${shanghai}:confirmed:zh-CN`,
        after: { ...OWN, sms: null },
      },
    ]);

    const inShanghai = await createCandidate(ctx.db);
    const inJiangsu = await createCandidate(ctx.db);
    const inEnglish = await createCandidate(ctx.db);
    await ctx.db
      .updateTable('candidates')
      .set({ notificationLocale: 'en' })
      .where('accountId', '=', inEnglish.accountId)
      .execute();
    await sendConfirmed(inShanghai.accountId, shanghai, `tpl:${inShanghai.accountId}`);
    await sendConfirmed(inJiangsu.accountId, jiangsu, `tpl:${inJiangsu.accountId}`);
    await sendConfirmed(inEnglish.accountId, shanghai, `tpl:${inEnglish.accountId}`);
    const inbox = async (accountId: number) =>
      ctx.db
        .selectFrom('notifications')
        .select(['title', 'body'])
        .where('accountId', '=', accountId)
        .executeTakeFirstOrThrow();
    expect(await inbox(inShanghai.accountId)).toEqual({
      title: '上海考区：报名确认通过',
      body: '31202600000321 号报名已通过上海考区确认，请留意资格审核安排。',
    });
    expect((await inbox(inJiangsu.accountId)).title).toBe('报名确认通过');
    expect((await inbox(inEnglish.accountId)).title).toBe('Registration confirmed');
  });

  it('when the area resets its text, then the default applies again and the reset is audited', async () => {
    const response = await shanghaiAdmin.request('DELETE', url(shanghai));
    expect(response.statusCode, response.body).toBe(200);
    expect(
      response.json<NotificationTemplateList>().items.find((t) => t.key === 'confirmed')
        ?.variants[0]?.override,
    ).toBeNull();
    const reset = await ctx.db
      .selectFrom('auditEvents')
      .select(['action'])
      .where('action', '=', 'notification_template.reset')
      .execute();
    expect(reset).toHaveLength(1);
    const candidate = await createCandidate(ctx.db);
    await sendConfirmed(candidate.accountId, shanghai, `tpl-reset:${candidate.accountId}`);
    const row = await ctx.db
      .selectFrom('notifications')
      .select('title')
      .where('accountId', '=', candidate.accountId)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe('报名确认通过');
  });
});

describe('the outbox view and resend', () => {
  let shanghaiMessages: number[];
  let jiangsuMessages: number[];
  let accountMessage: number[];
  let person: Awaited<ReturnType<typeof candidateWithEmail>>;

  beforeAll(async () => {
    person = await candidateWithEmail();
    shanghaiMessages = await sendConfirmed(
      person.accountId,
      shanghai,
      `view-sh:${person.accountId}`,
    );
    const other = await createCandidate(ctx.db);
    jiangsuMessages = await sendConfirmed(other.accountId, jiangsu, `view-js:${other.accountId}`);
    accountMessage = await ctx.db.transaction().execute(async (trx) => {
      await service().notify(trx, {
        accountId: other.accountId,
        title: '密码已重置',
        body: '正文',
      });
      const rows = await trx
        .selectFrom('notificationMessages')
        .select('id')
        .where('accountId', '=', other.accountId)
        .where('templateKey', '=', 'message')
        .execute();
      return rows.map((r) => r.id);
    });
  });

  it('when an area administrator lists messages, then only the own area’s are there, with masked recipients', async () => {
    const response = await shanghaiAdmin.get('/api/admin/notification-messages?pageSize=200');
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json<NotificationMessageList>();
    const ids = list.items.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(shanghaiMessages));
    for (const id of [...jiangsuMessages, ...accountMessage]) expect(ids).not.toContain(id);
    expect(list.items.every((m) => m.examAreaId === shanghai)).toBe(true);
    const email = list.items.find((m) => m.id === shanghaiMessages[1]);
    expect(email).toMatchObject({
      channel: 'email',
      templateKey: 'confirmed',
      templateLabel: '报名确认通过',
      recipientMasked: 'a***@example.com',
      status: 'queued',
      candidateName: '张三',
      canResend: false,
    });
    expect(response.body).not.toContain(person.email);
    // Asking for another area is "not found", not an empty list.
    const other = await shanghaiAdmin.get(`/api/admin/notification-messages?examAreaId=${jiangsu}`);
    expect(other.statusCode).toBe(404);
    expect((await reviewer.get('/api/admin/notification-messages')).statusCode).toBe(403);
  });

  it('when the platform administrator lists messages, then every area and the account messages are there, and the filters apply', async () => {
    const all = (
      await platform.get('/api/admin/notification-messages?pageSize=200')
    ).json<NotificationMessageList>();
    const ids = all.items.map((m) => m.id);
    for (const id of [...shanghaiMessages, ...jiangsuMessages, ...accountMessage]) {
      expect(ids).toContain(id);
    }
    expect(all.total).toBeGreaterThanOrEqual(ids.length);
    const byCandidate = (
      await platform.get(`/api/admin/notification-messages?candidate=${person.mobile}`)
    ).json<NotificationMessageList>();
    expect(byCandidate.items.map((m) => m.id).sort()).toEqual([...shanghaiMessages].sort());
    const byDocument = (
      await platform.get(`/api/admin/notification-messages?candidate=${person.documentNumber}`)
    ).json<NotificationMessageList>();
    expect(byDocument.total).toBe(2);
    const emails = (
      await platform.get(
        '/api/admin/notification-messages?channel=email&status=queued&templateKey=confirmed',
      )
    ).json<NotificationMessageList>();
    expect(emails.items.every((m) => m.channel === 'email' && m.status === 'queued')).toBe(true);
    expect(emails.items.map((m) => m.id)).toContain(shanghaiMessages[1]);
    const nobody = (
      await platform.get('/api/admin/notification-messages?candidate=13900000000')
    ).json<NotificationMessageList>();
    expect(nobody).toMatchObject({ items: [], total: 0 });
    const bad = await platform.get('/api/admin/notification-messages?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain('发送状态不正确');
  });

  it('when a message cannot be delivered, then its attempts show why, and a resend by the area administrator delivers it once the cause is fixed', async () => {
    const [, emailId] = shanghaiMessages as [number, number];
    // The candidate unbinds the address before the worker runs: nothing to send, no use retrying.
    const saved = await ctx.db
      .selectFrom('candidates')
      .select(['emailEncrypted', 'emailHash', 'emailVerifiedAt'])
      .where('accountId', '=', person.accountId)
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('candidates')
      .set({ emailEncrypted: null, emailHash: null, emailVerifiedAt: null })
      .where('accountId', '=', person.accountId)
      .execute();
    await ctx.worker.drain();
    const attempts = await shanghaiAdmin.get(
      `/api/admin/notification-messages/${emailId}/attempts`,
    );
    expect(attempts.statusCode, attempts.body).toBe(200);
    expect(attempts.json<DeliveryAttemptList>().items).toEqual([
      {
        attemptNo: 1,
        startedAt: expect.any(String) as unknown,
        finishedAt: expect.any(String) as unknown,
        ok: false,
        error: '考生已关闭邮件通知或解除绑定电子邮箱，未发送。',
      },
    ]);
    expect(
      (await jiangsuAdmin.get(`/api/admin/notification-messages/${emailId}/attempts`)).statusCode,
    ).toBe(404);
    expect(
      (await jiangsuAdmin.post(`/api/admin/notification-messages/${emailId}/resend`)).statusCode,
    ).toBe(404);

    // The address is bound again; the administrator resends.
    await ctx.db
      .updateTable('candidates')
      .set(saved)
      .where('accountId', '=', person.accountId)
      .execute();
    const resent = await shanghaiAdmin.post(`/api/admin/notification-messages/${emailId}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json<NotificationMessageView>()).toMatchObject({
      id: emailId,
      status: 'queued',
      attempts: 1,
      canResend: false,
    });
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['action', 'examAreaId', 'before', 'after'])
      .where('action', '=', 'notification_message.resent')
      .where('entityId', '=', String(emailId))
      .execute();
    expect(audit).toEqual([
      {
        action: 'notification_message.resent',
        examAreaId: shanghai,
        before: { status: 'dead', attempts: 1 },
        after: { status: 'queued' },
      },
    ]);
    await ctx.worker.drain();
    const after = (
      await shanghaiAdmin.get(`/api/admin/notification-messages/${emailId}/attempts`)
    ).json<DeliveryAttemptList>();
    expect(after.items.map((a) => a.ok)).toEqual([false, true]);
    const mail = await new TestClient(ctx.app).get(
      `/api/dev/outbox?to=${encodeURIComponent(person.email)}`,
    );
    expect(mail.json<{ messages: unknown[] }>().messages).toHaveLength(1);

    // A sent message is not resent.
    const again = await shanghaiAdmin.post(`/api/admin/notification-messages/${emailId}/resend`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({
      code: 'invalid_transition',
      message: '该消息已发送成功，无需重新发送。',
    });
  });
});
