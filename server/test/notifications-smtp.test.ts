import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEmailChannel,
  createInAppChannel,
  createNotificationService,
} from '../src/modules/notifications';
import {
  combineDelivery,
  createOutboxDelivery,
  createSmtpEmailDelivery,
} from '../src/modules/verification';
import { createCandidate } from './factories';
import {
  decodeEncodedWords,
  rawHeader,
  splitMime,
  startSmtpPeer,
  testCrypto,
} from './notification-helpers';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
let smtp: ReturnType<typeof createSmtpEmailDelivery>;
const crypto = testCrypto();
const FROM = '卫生资格考试网上报名 <no-reply@hqe.example.cn>';

beforeAll(async () => {
  peer = await startSmtpPeer();
  ctx = await createTestContext();
  smtp = createSmtpEmailDelivery({ url: peer.url, from: FROM });
});
afterAll(async () => {
  smtp.close();
  await ctx.close();
  await peer.close();
});

function service() {
  const outbox = createOutboxDelivery({ db: ctx.db, clock: ctx.clock, crypto });
  return createNotificationService({
    db: ctx.db,
    clock: ctx.clock,
    crypto,
    channels: [
      createInAppChannel(ctx.clock),
      createEmailChannel({ crypto, delivery: combineDelivery({ sms: outbox.sms, email: smtp }) }),
    ],
  });
}

async function candidateWithEmail(email: string) {
  const candidate = await createCandidate(ctx.db, { email });
  await ctx.db
    .updateTable('candidates')
    .set({ notificationChannels: ['in_app', 'email'] })
    .where('accountId', '=', candidate.accountId)
    .execute();
  return candidate;
}

const returned = {
  template: 'returned' as const,
  values: {
    registrationNumber: '31202600000123',
    reasons: ['学历不符', '年限不够'],
    deadline: new Date('2026-12-14T16:00:00.000Z'),
  },
  examAreaId: null,
};

describe('notification e-mail over SMTP', () => {
  it('when a Chinese notification is delivered, then the SMTP peer receives RFC 2047 / UTF-8 base64 MIME that decodes to the exact text', async () => {
    const email = `li.si${Date.now()}@example.com`;
    const candidate = await candidateWithEmail(email);
    const notifications = service();
    await ctx.db.transaction().execute((trx) =>
      notifications.send(trx, {
        accountId: candidate.accountId,
        ...returned,
        dedupeKey: `smtp:${candidate.accountId}`,
      }),
    );
    const before = peer.received.length;
    expect(await notifications.dispatchDue()).toBe(1);
    expect(peer.received).toHaveLength(before + 1);
    const mail = peer.received.at(-1)!;
    expect(mail.rcptTo).toEqual([email]);
    expect(mail.mailFrom).toBe('no-reply@hqe.example.cn');

    // On the wire the message is 7-bit: every non-ASCII character is encoded.
    expect(mail.raw).toMatch(/^[\t\n\r -~]*$/);
    const { head, body } = splitMime(mail.raw);
    const subject = rawHeader(head, 'subject');
    expect(subject).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(decodeEncodedWords(subject)).toBe(
      '全国卫生专业技术资格考试网上报名：报名确认不通过，请修改后重新提交',
    );
    expect(rawHeader(head, 'from')).toMatch(/=\?UTF-8\?[BQ]\?/i);
    expect(decodeEncodedWords(rawHeader(head, 'from'))).toBe(FROM);
    expect(rawHeader(head, 'content-type').toLowerCase()).toBe('text/plain; charset=utf-8');
    expect(rawHeader(head, 'content-transfer-encoding').toLowerCase()).toBe('base64');
    const text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    expect(text).toBe(
      '您好：\n\n您的报名（网报号 31202600000123）未通过报名确认，原因：学历不符、年限不够。请在 2026-12-14 24:00（北京时间）前按原因修改并重新提交，逾期视为放弃。\n\n此邮件由系统自动发送，请勿直接回复。\n',
    );
    // The address is masked in the outbox and never logged.
    const row = await ctx.db
      .selectFrom('notificationMessages')
      .select(['status', 'recipientMasked'])
      .where('accountId', '=', candidate.accountId)
      .where('channel', '=', 'email')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', recipientMasked: 'l***@example.com' });
    expect(ctx.logs.join('\n')).not.toContain(email);
  });

  it('when the candidate chose English, then the English variant is sent', async () => {
    const email = `wang.wu${Date.now()}@example.com`;
    const candidate = await candidateWithEmail(email);
    const c = new TestClient(ctx.app);
    expect((await c.login(candidate.mobile, candidate.password)).statusCode).toBe(200);
    const set = await c.request('PUT', '/api/candidate/notifications/settings', {
      body: { locale: 'en' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await c.get('/api/candidate/notifications/settings')).json()).toEqual({
      locale: 'en',
    });
    const notifications = service();
    await ctx.db.transaction().execute((trx) =>
      notifications.send(trx, {
        accountId: candidate.accountId,
        ...returned,
        dedupeKey: `smtp-en:${candidate.accountId}`,
      }),
    );
    await notifications.dispatchDue();
    const { head, body } = splitMime(peer.received.at(-1)!.raw);
    expect(decodeEncodedWords(rawHeader(head, 'subject'))).toBe(
      'Health Professional Qualification Exam Online Registration: Registration returned: please correct and resubmit',
    );
    const text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    expect(text).toContain('was not confirmed: 学历不符; 年限不够.');
    expect(text).toMatch(/^Hello,/);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['action', 'before', 'after'])
      .where('entityId', '=', String(candidate.accountId))
      .where('action', '=', 'candidate.notification_locale_changed')
      .execute();
    expect(audit).toEqual([
      {
        action: 'candidate.notification_locale_changed',
        before: { locale: 'zh-CN' },
        after: { locale: 'en' },
      },
    ]);
    const bad = await c.request('PUT', '/api/candidate/notifications/settings', {
      body: { locale: 'fr' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('中文');
  });
});
