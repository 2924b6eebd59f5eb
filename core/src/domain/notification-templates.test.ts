import { describe, expect, it } from 'vitest';
import {
  AREA_TEMPLATE_KEYS,
  checkTemplateText,
  composeNotificationEmail,
  MissingTemplateValueError,
  NOTIFICATION_LOCALES,
  NOTIFICATION_TEMPLATE_KEYS,
  NOTIFICATION_TEMPLATES,
  notificationValues,
  placeholdersIn,
  renderNotification,
  sampleValues,
} from './notification-templates';

describe('notification templates', () => {
  it('when the catalogue is read, then every template the issue names exists in zh-CN and en', () => {
    expect(NOTIFICATION_TEMPLATE_KEYS).toEqual(
      expect.arrayContaining([
        'account_code',
        'submitted',
        'auto_confirmed',
        'auto_confirmation_failed',
        'confirmed',
        'returned',
        'resubmission_deadline_approaching',
        'supplement_requested',
        'review_result_published',
        'payment_open',
        'payment_closing',
        'paid',
        'admission_ticket_available',
        'lapsed',
      ]),
    );
    expect(AREA_TEMPLATE_KEYS).not.toContain('account_code');
    expect(AREA_TEMPLATE_KEYS).not.toContain('message');
    for (const key of NOTIFICATION_TEMPLATE_KEYS) {
      for (const locale of NOTIFICATION_LOCALES) {
        const text = NOTIFICATION_TEMPLATES[key].text[locale];
        // Every default passes the check an area's own text must pass.
        expect(checkTemplateText(key, text), `${key} ${locale}`).toEqual([]);
        // And renders with the sample values, leaving no placeholder behind.
        const rendered = renderNotification(key, locale, sampleValues(key));
        expect(`${rendered.subject}${rendered.body}${rendered.sms ?? ''}`).not.toMatch(/\{\{|\}\}/);
      }
      // Urgent templates (sent by SMS too) have an SMS text; the others none.
      const urgent: boolean = NOTIFICATION_TEMPLATES[key].urgent;
      expect(NOTIFICATION_TEMPLATES[key].text['zh-CN'].sms !== null).toBe(urgent);
    }
  });

  it('when a return is rendered, then reasons are joined per language and the deadline is Shanghai time', () => {
    const values = notificationValues('returned', {
      registrationNumber: '31202600000123',
      reasons: ['学历不符', '材料不全'],
      // 2026-12-15 00:00 in Shanghai: read as the 14th's 24:00.
      deadline: new Date('2026-12-14T16:00:00.000Z'),
    });
    const zh = renderNotification('returned', 'zh-CN', values);
    expect(zh.subject).toBe('报名确认不通过，请修改后重新提交');
    expect(zh.body).toBe(
      '您的报名（网报号 31202600000123）未通过报名确认，原因：学历不符、材料不全。请在 2026-12-14 24:00（北京时间）前按原因修改并重新提交，逾期视为放弃。',
    );
    expect(zh.sms).toContain('2026-12-14 24:00');
    const en = renderNotification('returned', 'en', values);
    expect(en.body).toContain('was not confirmed: 学历不符; 材料不全.');
    expect(en.body).toContain('before 2026-12-14 24:00 (Beijing time)');
  });

  it('when values carry markup, control characters or newlines, then they stay inert text and the subject one line', () => {
    const rendered = renderNotification('message', 'zh-CN', {
      title: '标题\r\nBcc: someone@example.com',
      body: '<script>alert(1)</script>\u0007\u202e文本',
    });
    expect(rendered.subject).toBe('标题 Bcc: someone@example.com');
    expect(rendered.subject).not.toMatch(/[\r\n]/);
    // Plain text: markup is kept as characters (every channel sends text/plain or escapes it).
    expect(rendered.body).toBe('<script>alert(1)</script>文本');
  });

  it('when amounts and instants are rendered, then yuan and Shanghai wall time are written', () => {
    const values = notificationValues('paid', {
      registrationNumber: '31202600000123',
      amount: 20050,
      paidAt: '2027-01-30T02:05:00.000Z',
      invoiceNumber: 'INV-1',
    });
    expect(renderNotification('paid', 'zh-CN', values).body).toContain(
      '您已于 2027-01-30 10:05（北京时间）缴纳考试费 200.50 元',
    );
    expect(renderNotification('paid', 'en', values).body).toContain('CNY 200.50');
  });

  it('when a value the text uses is missing, then rendering refuses instead of sending a hole', () => {
    expect(() =>
      renderNotification('returned', 'zh-CN', { registrationNumber: '1', reasons: ['x'] }),
    ).toThrow(MissingTemplateValueError);
  });

  it('when an override uses an unknown placeholder, stray braces or drops a required one, then each is named', () => {
    const issues = checkTemplateText('returned', {
      subject: '退回 {{registrationNo}}',
      body: '请于 {{deadline} 前重新提交，原因：{{reasons}}',
      sms: '短信 {{registrationNumber}} {{deadline}}',
    });
    const messages = issues.map((i) => i.message).join('\n');
    expect(messages).toContain('{{registrationNo}} 不是此模板可用的占位符');
    expect(messages).toContain('不完整的占位符');
    expect(messages).toContain('须包含 {{registrationNumber}}（网报号）');
    expect(messages).toContain('须包含 {{deadline}}（截止时间）');
  });

  it('when SMS text is given for a template not sent by SMS, or left out of one that is, then it is refused', () => {
    expect(
      checkTemplateText('confirmed', {
        subject: '通过',
        body: '{{registrationNumber}} 通过',
        sms: '短信',
      }).map((i) => i.field),
    ).toEqual(['sms']);
    expect(
      checkTemplateText('returned', {
        subject: '退回',
        body: '{{registrationNumber}} {{reasons}} {{deadline}}',
        sms: null,
      }).map((i) => i.field),
    ).toEqual(['sms']);
  });

  it('when placeholders are listed, then spaces inside the braces are allowed', () => {
    expect(placeholdersIn('{{ a }} and {{b1}} but not {{1c}}')).toEqual(['a', 'b1']);
  });

  it('when an e-mail is composed, then the service name leads the subject and a footer follows', () => {
    expect(composeNotificationEmail('zh-CN', { subject: '密码已重置', body: '正文' })).toEqual({
      subject: '全国卫生专业技术资格考试网上报名：密码已重置',
      text: '您好：\n\n正文\n\n此邮件由系统自动发送，请勿直接回复。\n',
    });
    expect(composeNotificationEmail('en', { subject: 'S', body: 'B' }).text).toMatch(/^Hello,/);
  });
});
