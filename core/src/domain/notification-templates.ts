import { formatShanghai, formatShanghaiEnd } from './calendar';

/*
 * Notification templates (消息模板, issue #7): what the system tells a candidate at each step, in
 * Chinese (zh-CN, the default) and English. Each template names its placeholders (`{{name}}`) and
 * their kinds; values are rendered as plain text — never markup — with control characters removed,
 * lists joined, instants written as Asia/Shanghai wall time and amounts in yuan. An exam area may
 * override the subject, body and SMS text of the area templates (`notification_templates`); the
 * account templates (codes, free system messages) are the same everywhere.
 */

export const NOTIFICATION_LOCALES = ['zh-CN', 'en'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];
export const DEFAULT_NOTIFICATION_LOCALE: NotificationLocale = 'zh-CN';
export const NOTIFICATION_LOCALE_LABELS: Record<NotificationLocale, string> = {
  'zh-CN': '中文',
  en: 'English',
};

/** What a placeholder holds, and so how it is written into the text. */
export type PlaceholderKind =
  /** A short piece of text or a number, e.g. a 网报号. */
  | 'text'
  /** A list of short texts (reasons), joined with 、 (zh-CN) or ; (en). */
  | 'list'
  /** An instant (Date or ISO string), written as Shanghai wall time: 2024-12-14 17:00. */
  | 'datetime'
  /** The exclusive end of a period, written as a deadline: 2024-12-14 24:00. */
  | 'deadline'
  /** An amount in fen, written in yuan: 120.00 元 / CNY 120.00. */
  | 'money';

export interface PlaceholderSpec {
  kind: PlaceholderKind;
  /** What staff read in the template editor. */
  label: string;
  /** The subject or body of every variant must keep it (the message is useless without it). */
  required?: boolean;
  /** The value the preview uses. */
  sample: string | number | readonly string[];
}

export interface NotificationTemplateText {
  subject: string;
  body: string;
  /** The short text for SMS (and WeChat summaries); null: the template is not sent by SMS. */
  sms: string | null;
}

export interface NotificationTemplateDefinition {
  label: string;
  description: string;
  /** `area`: sent about a registration and editable per exam area; `account`: the same everywhere. */
  scope: 'area' | 'account';
  /**
   * A deadline or a code the candidate must not miss: also sent by SMS when an SMS transport is
   * configured, whatever channels the candidate chose.
   */
  urgent: boolean;
  placeholders: Readonly<Record<string, PlaceholderSpec>>;
  text: Readonly<Record<NotificationLocale, NotificationTemplateText>>;
}

const registrationNumber = {
  kind: 'text',
  label: '网报号',
  required: true,
  sample: '31202600000123',
} as const satisfies PlaceholderSpec;
const reasons = {
  kind: 'list',
  label: '原因',
  required: true,
  sample: ['学历不符', '材料不全'],
} as const satisfies PlaceholderSpec;
const deadline = {
  kind: 'deadline',
  label: '截止时间',
  required: true,
  sample: '2026-12-14T16:00:00.000Z',
} as const satisfies PlaceholderSpec;

const ZH_EN = (zh: NotificationTemplateText, en: NotificationTemplateText) => ({
  'zh-CN': zh,
  en,
});

/** Every template, with its default text. The keys are the stable names callers use. */
export const NOTIFICATION_TEMPLATES = {
  account_code: {
    label: '账号验证码',
    description: '注册、找回密码、更换手机号码、绑定电子邮箱时发送的验证码。',
    scope: 'account',
    urgent: true,
    placeholders: {
      code: { kind: 'text', label: '验证码', required: true, sample: '123456' },
      minutes: { kind: 'text', label: '有效分钟数', required: true, sample: 10 },
      purpose: { kind: 'text', label: '用途', sample: '注册考生账号' },
    },
    text: ZH_EN(
      {
        subject: '{{purpose}}验证码',
        body: '您的验证码为 {{code}}，{{minutes}} 分钟内有效，用于{{purpose}}。请勿将验证码告诉他人；如非本人操作，请忽略本消息。',
        sms: '您的验证码为 {{code}}，{{minutes}} 分钟内有效，用于{{purpose}}。请勿将验证码告诉他人；如非本人操作，请忽略本消息。',
      },
      {
        subject: 'Verification code',
        body: 'Your verification code is {{code}}. It is valid for {{minutes}} minutes and is used to {{purpose}}. Never tell anyone this code; if you did not ask for it, ignore this message.',
        sms: 'Your verification code is {{code}}, valid for {{minutes}} minutes ({{purpose}}). Never tell anyone this code.',
      },
    ),
  },
  message: {
    label: '系统消息',
    description: '账号安全等系统消息（如密码已重置、手机号码已更换），标题和内容由系统给出。',
    scope: 'account',
    urgent: false,
    placeholders: {
      title: { kind: 'text', label: '标题', required: true, sample: '密码已重置' },
      body: {
        kind: 'text',
        label: '内容',
        required: true,
        sample: '您的考生账号密码已通过验证码重置。',
      },
    },
    text: ZH_EN(
      { subject: '{{title}}', body: '{{body}}', sms: null },
      { subject: '{{title}}', body: '{{body}}', sms: null },
    ),
  },
  submitted: {
    label: '报名已提交',
    description: '考生提交报名后发送，告知等待报名确认。',
    scope: 'area',
    urgent: false,
    placeholders: {
      registrationNumber,
      submittedAt: {
        kind: 'datetime',
        label: '提交时间',
        sample: '2026-11-20T02:00:00.000Z',
      },
    },
    text: ZH_EN(
      {
        subject: '报名已提交',
        body: '您的报名（网报号 {{registrationNumber}}）已于 {{submittedAt}}（北京时间）提交，请等待考区报名确认。确认结果会通知您，也可在“网上报名”页面查看。',
        sms: null,
      },
      {
        subject: 'Registration submitted',
        body: 'Your registration (No. {{registrationNumber}}) was submitted on {{submittedAt}} (Beijing time). Please wait for the exam area to confirm it; you will be told the result, and you can also follow it on the Online Registration page.',
        sms: null,
      },
    ),
  },
  auto_confirmed: {
    label: '自动确认通过',
    description: '历史考生的报名符合条件、系统自动确认后发送。',
    scope: 'area',
    urgent: false,
    placeholders: { registrationNumber },
    text: ZH_EN(
      {
        subject: '报名已自动确认',
        body: '您的报名（网报号 {{registrationNumber}}）符合历史考生自动确认条件，已通过报名确认，无需撤回信息提交。请留意资格审核结果和缴费时间。',
        sms: null,
      },
      {
        subject: 'Registration confirmed automatically',
        body: 'Your registration (No. {{registrationNumber}}) meets the conditions for returning candidates and has been confirmed automatically; there is no need to withdraw it. Please watch for the qualification review result and the payment period.',
        sms: null,
      },
    ),
  },
  auto_confirmation_failed: {
    label: '自动确认未通过',
    description: '历史考生自动确认未通过时发送，列出原因和下一步。',
    scope: 'area',
    urgent: false,
    placeholders: { registrationNumber, reasons },
    text: ZH_EN(
      {
        subject: '报名未能自动确认',
        body: '您的报名（网报号 {{registrationNumber}}）未能自动确认，原因：{{reasons}}。您可以撤回信息提交，按原因修改（如报名地市）并上传上一年度的成绩单或准考证后重新提交；仍未通过的，请上传全部材料等待考区人工确认。报名确认截止前未确认的，视为放弃本次考试。',
        sms: null,
      },
      {
        subject: 'Registration not confirmed automatically',
        body: 'Your registration (No. {{registrationNumber}}) could not be confirmed automatically: {{reasons}}. You may withdraw the submission, correct it (for example the registration city), upload last year’s score report or admission ticket and submit again; if it still fails, upload all materials for the exam area to confirm by hand. A registration not confirmed by the confirmation deadline is treated as abandoned.',
        sms: null,
      },
    ),
  },
  confirmed: {
    label: '报名确认通过',
    description: '考区报名确认通过后发送。',
    scope: 'area',
    urgent: false,
    placeholders: { registrationNumber },
    text: ZH_EN(
      {
        subject: '报名确认通过',
        body: '您的报名（网报号 {{registrationNumber}}）已通过考区报名确认，无需撤回信息提交。请留意资格审核结果和缴费时间。',
        sms: null,
      },
      {
        subject: 'Registration confirmed',
        body: 'Your registration (No. {{registrationNumber}}) has been confirmed by the exam area; there is no need to withdraw it. Please watch for the qualification review result and the payment period.',
        sms: null,
      },
    ),
  },
  returned: {
    label: '报名确认不通过（退回）',
    description: '报名被退回修改时发送，含退回原因和重新提交截止时间。',
    scope: 'area',
    urgent: true,
    placeholders: { registrationNumber, reasons, deadline },
    text: ZH_EN(
      {
        subject: '报名确认不通过，请修改后重新提交',
        body: '您的报名（网报号 {{registrationNumber}}）未通过报名确认，原因：{{reasons}}。请在 {{deadline}}（北京时间）前按原因修改并重新提交，逾期视为放弃。',
        sms: '您的报名（网报号 {{registrationNumber}}）未通过报名确认，请登录网上报名系统查看原因，并于 {{deadline}}（北京时间）前修改后重新提交，逾期视为放弃。',
      },
      {
        subject: 'Registration returned: please correct and resubmit',
        body: 'Your registration (No. {{registrationNumber}}) was not confirmed: {{reasons}}. Please correct it and submit it again before {{deadline}} (Beijing time); otherwise it is treated as abandoned.',
        sms: 'Your registration No. {{registrationNumber}} was returned. Log in to see why and resubmit before {{deadline}} (Beijing time), or it is treated as abandoned.',
      },
    ),
  },
  resubmission_deadline_approaching: {
    label: '重新提交即将截止',
    description: '退回后尚未重新提交的考生，在截止前 3 天和 1 天各提醒一次。',
    scope: 'area',
    urgent: true,
    placeholders: { registrationNumber, deadline },
    text: ZH_EN(
      {
        subject: '重新提交即将截止',
        body: '您的报名（网报号 {{registrationNumber}}）被退回后尚未重新提交。重新提交将于 {{deadline}}（北京时间）截止，请尽快按退回原因修改并重新提交，逾期视为放弃。',
        sms: '您的报名（网报号 {{registrationNumber}}）尚未重新提交，截止时间 {{deadline}}（北京时间），逾期视为放弃。',
      },
      {
        subject: 'Resubmission deadline approaching',
        body: 'Your registration (No. {{registrationNumber}}) was returned and has not been resubmitted yet. Resubmission closes at {{deadline}} (Beijing time): please correct it and submit it again soon, or it is treated as abandoned.',
        sms: 'Registration No. {{registrationNumber}} is not resubmitted yet. Deadline {{deadline}} (Beijing time), or it is treated as abandoned.',
      },
    ),
  },
  supplement_requested: {
    label: '资格审核：补充材料',
    description: '资格审核中要求考生补充或修改材料时发送，含原因和截止时间。',
    scope: 'area',
    urgent: true,
    placeholders: { registrationNumber, reasons, deadline },
    text: ZH_EN(
      {
        subject: '资格审核：请补充材料',
        body: '资格审核中，考区要求您补充或修改报名材料（网报号 {{registrationNumber}}），原因：{{reasons}}。请在 {{deadline}}（北京时间）前登录网上报名系统补充后重新提交。',
        sms: '资格审核要求您补充材料（网报号 {{registrationNumber}}），请于 {{deadline}}（北京时间）前登录网上报名系统查看原因并补充提交。',
      },
      {
        subject: 'Qualification review: please supplement your materials',
        body: 'During qualification review the exam area asks you to supplement or correct your materials (No. {{registrationNumber}}): {{reasons}}. Please log in and submit them before {{deadline}} (Beijing time).',
        sms: 'Qualification review asks you to supplement materials (No. {{registrationNumber}}). Log in and submit them before {{deadline}} (Beijing time).',
      },
    ),
  },
  review_result_published: {
    label: '资格审核结果公布',
    description: '资格审核结果公布后发送。',
    scope: 'area',
    urgent: false,
    placeholders: {
      registrationNumber,
      result: { kind: 'text', label: '审核结果', required: true, sample: '通过' },
    },
    text: ZH_EN(
      {
        subject: '资格审核结果已公布',
        body: '您的报名（网报号 {{registrationNumber}}）资格审核结果已公布：{{result}}。详情请登录网上报名系统查看。',
        sms: null,
      },
      {
        subject: 'Qualification review result published',
        body: 'The qualification review result of your registration (No. {{registrationNumber}}) has been published: {{result}}. Log in to see the details.',
        sms: null,
      },
    ),
  },
  payment_open: {
    label: '网上缴费开始',
    description: '缴费开始时发送给资格审核通过的考生，含金额和截止时间。',
    scope: 'area',
    urgent: false,
    placeholders: {
      registrationNumber,
      amount: { kind: 'money', label: '应缴金额', required: true, sample: 20000 },
      deadline,
    },
    text: ZH_EN(
      {
        subject: '网上缴费已开始',
        body: '您的报名（网报号 {{registrationNumber}}）可以网上缴费了，应缴金额 {{amount}}，缴费截止时间 {{deadline}}（北京时间）。缴费时须填写电子邮箱，用于接收电子发票。逾期未缴费视为放弃。',
        sms: null,
      },
      {
        subject: 'Payment is open',
        body: 'You can now pay the fee for your registration (No. {{registrationNumber}}): {{amount}}, before {{deadline}} (Beijing time). Enter an e-mail address when paying: the electronic invoice is sent there. Unpaid registrations are treated as abandoned.',
        sms: null,
      },
    ),
  },
  payment_closing: {
    label: '缴费即将截止',
    description: '缴费截止前提醒尚未缴费的考生。',
    scope: 'area',
    urgent: true,
    placeholders: { registrationNumber, deadline },
    text: ZH_EN(
      {
        subject: '缴费即将截止',
        body: '您的报名（网报号 {{registrationNumber}}）尚未缴费，缴费将于 {{deadline}}（北京时间）截止，逾期未缴费视为放弃。',
        sms: '您的报名（网报号 {{registrationNumber}}）尚未缴费，截止时间 {{deadline}}（北京时间），逾期视为放弃。',
      },
      {
        subject: 'Payment closing soon',
        body: 'The fee for your registration (No. {{registrationNumber}}) is not paid yet. Payment closes at {{deadline}} (Beijing time); unpaid registrations are treated as abandoned.',
        sms: 'Registration No. {{registrationNumber}} is unpaid. Payment closes {{deadline}} (Beijing time).',
      },
    ),
  },
  paid: {
    label: '缴费成功',
    description: '缴费成功后发送，含金额和电子发票信息。',
    scope: 'area',
    urgent: false,
    placeholders: {
      registrationNumber,
      amount: { kind: 'money', label: '缴费金额', required: true, sample: 20000 },
      paidAt: { kind: 'datetime', label: '缴费时间', sample: '2027-01-30T02:00:00.000Z' },
      invoiceNumber: { kind: 'text', label: '电子发票号码', required: true, sample: '31000000001' },
    },
    text: ZH_EN(
      {
        subject: '缴费成功',
        body: '您已于 {{paidAt}}（北京时间）缴纳考试费 {{amount}}（网报号 {{registrationNumber}}）。电子发票号码 {{invoiceNumber}}，发票已发送至您缴费时填写的电子邮箱。请留意准考证打印时间。',
        sms: null,
      },
      {
        subject: 'Payment received',
        body: 'You paid the exam fee of {{amount}} on {{paidAt}} (Beijing time) for registration No. {{registrationNumber}}. Electronic invoice No. {{invoiceNumber}} has been sent to the e-mail address you gave when paying. Please watch for the admission ticket printing period.',
        sms: null,
      },
    ),
  },
  admission_ticket_available: {
    label: '准考证可以打印',
    description: '准考证打印开始时发送给已缴费的考生。',
    scope: 'area',
    urgent: false,
    placeholders: {
      registrationNumber,
      deadline: { ...deadline, label: '打印截止时间' },
    },
    text: ZH_EN(
      {
        subject: '准考证可以打印了',
        body: '您的准考证（网报号 {{registrationNumber}}）已可下载打印，打印截止时间 {{deadline}}（北京时间）。请按时打印，考试时凭准考证和有效身份证件入场。',
        sms: null,
      },
      {
        subject: 'Admission ticket available',
        body: 'Your admission ticket (registration No. {{registrationNumber}}) can now be downloaded and printed until {{deadline}} (Beijing time). Bring it and your identity document to the exam.',
        sms: null,
      },
    ),
  },
  lapsed: {
    label: '报名视为放弃（逾期未重新提交）',
    description: '退回的报名逾期未重新提交、视为放弃时发送，含重新提交截止时间。',
    scope: 'area',
    urgent: false,
    placeholders: { registrationNumber, deadline: { ...deadline, label: '重新提交截止时间' } },
    text: ZH_EN(
      {
        subject: '报名视为放弃',
        body: '您的报名（网报号 {{registrationNumber}}）被退回后未于 {{deadline}}（北京时间）前重新提交，已视为放弃本次考试。如有疑问，请联系报名所在考区。',
        sms: null,
      },
      {
        subject: 'Registration treated as abandoned',
        body: 'Your registration (No. {{registrationNumber}}) was returned and not submitted again before {{deadline}} (Beijing time), so it is treated as abandoned for this exam. If you have questions, contact the exam area you registered in.',
        sms: null,
      },
    ),
  },
  supplement_lapsed: {
    label: '报名视为放弃（逾期未补充材料）',
    description: '资格审核要求的补充材料逾期未提交、视为放弃时发送，含补充截止时间。',
    scope: 'area',
    urgent: false,
    placeholders: { registrationNumber, deadline: { ...deadline, label: '补充材料截止时间' } },
    text: ZH_EN(
      {
        subject: '报名视为放弃',
        body: '资格审核要求您补充的材料（网报号 {{registrationNumber}}）未于 {{deadline}}（北京时间）前提交，您的报名已视为放弃本次考试。如有疑问，请联系报名所在考区。',
        sms: null,
      },
      {
        subject: 'Registration treated as abandoned',
        body: 'The materials qualification review asked for (registration No. {{registrationNumber}}) were not submitted before {{deadline}} (Beijing time), so your registration is treated as abandoned for this exam. If you have questions, contact the exam area you registered in.',
        sms: null,
      },
    ),
  },
} as const satisfies Record<string, NotificationTemplateDefinition>;

export type NotificationTemplateKey = keyof typeof NOTIFICATION_TEMPLATES;
export const NOTIFICATION_TEMPLATE_KEYS = Object.keys(NOTIFICATION_TEMPLATES) as [
  NotificationTemplateKey,
  ...NotificationTemplateKey[],
];
/** The templates an exam area may override. */
export const AREA_TEMPLATE_KEYS = NOTIFICATION_TEMPLATE_KEYS.filter(
  (key) => NOTIFICATION_TEMPLATES[key].scope === 'area',
);

type ValueOfKind<K extends PlaceholderKind> = K extends 'list'
  ? readonly string[]
  : K extends 'datetime' | 'deadline'
    ? Date | string
    : K extends 'money'
      ? number
      : string | number;

type PlaceholdersOf<K extends NotificationTemplateKey> =
  (typeof NOTIFICATION_TEMPLATES)[K]['placeholders'];

/** The values a template needs, typed by its placeholders: `NotificationParams<'returned'>`. */
export type NotificationParams<K extends NotificationTemplateKey> = {
  [P in keyof PlaceholdersOf<K>]: PlaceholdersOf<K>[P] extends { kind: infer Kind }
    ? Kind extends PlaceholderKind
      ? ValueOfKind<Kind>
      : never
    : never;
};

/** Any template's values, as they travel untyped (jobs, previews). */
export type NotificationParamValues = Record<
  string,
  string | number | Date | readonly string[] | undefined
>;

export function isNotificationTemplateKey(value: string): value is NotificationTemplateKey {
  return Object.hasOwn(NOTIFICATION_TEMPLATES, value);
}

export function templateDefinition(key: NotificationTemplateKey): NotificationTemplateDefinition {
  return NOTIFICATION_TEMPLATES[key];
}

// ---------------------------------------------------------------------------------------------
// Checking a template's text (an area's override before it is saved)

/** Longest subject, body and SMS text, after rendering and as typed. */
export const TEMPLATE_LIMITS = { subject: 200, body: 4000, sms: 300 } as const;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export interface TemplateIssue {
  field: 'subject' | 'body' | 'sms';
  message: string;
}

/** The placeholder names used in a text, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/**
 * What is wrong with a template text for `key`, in Chinese: unknown placeholders, stray braces,
 * required placeholders left out, empty or too long parts. An empty list: it may be saved.
 */
export function checkTemplateText(
  key: NotificationTemplateKey,
  text: { subject: string; body: string; sms: string | null },
): TemplateIssue[] {
  const definition = templateDefinition(key);
  const known = definition.placeholders;
  const issues: TemplateIssue[] = [];
  const parts: ['subject' | 'body' | 'sms', string | null, string][] = [
    ['subject', text.subject, '标题'],
    ['body', text.body, '正文'],
    ['sms', text.sms, '短信内容'],
  ];
  for (const [field, value, name] of parts) {
    if (value === null) continue;
    if (value.trim() === '') {
      issues.push({ field, message: `${name}不能为空。` });
      continue;
    }
    if (value.length > TEMPLATE_LIMITS[field]) {
      issues.push({ field, message: `${name}不能超过 ${TEMPLATE_LIMITS[field]} 个字符。` });
    }
    if (field === 'subject' && /[\r\n]/.test(value)) {
      issues.push({ field, message: '标题不能换行。' });
    }
    for (const name2 of placeholdersIn(value)) {
      if (!Object.hasOwn(known, name2)) {
        issues.push({
          field,
          message: `${name}中的 {{${name2}}} 不是此模板可用的占位符，可用：${Object.keys(known)
            .map((k) => `{{${k}}}`)
            .join('、')}。`,
        });
      }
    }
    if (/\{\{|\}\}/.test(value.replace(PLACEHOLDER, ''))) {
      issues.push({
        field,
        message: `${name}中有不完整的占位符，请写成 {{名称}} 的形式，或删去多余的花括号。`,
      });
    }
  }
  if (definition.text['zh-CN'].sms !== null && text.sms === null) {
    issues.push({ field: 'sms', message: '此模板会以短信发送，请填写短信内容。' });
  }
  if (definition.text['zh-CN'].sms === null && text.sms !== null) {
    issues.push({ field: 'sms', message: '此模板不以短信发送，请不要填写短信内容。' });
  }
  const used = new Set([...placeholdersIn(text.subject), ...placeholdersIn(text.body)]);
  for (const [name, spec] of Object.entries(known)) {
    if (spec.required === true && !used.has(name)) {
      issues.push({
        field: 'body',
        message: `标题或正文须包含 {{${name}}}（${spec.label}），否则考生无法得知这项信息。`,
      });
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** Thrown when a caller leaves out a value a template uses (a programming error, not input). */
export class MissingTemplateValueError extends Error {
  constructor(
    readonly templateKey: string,
    readonly placeholder: string,
  ) {
    super(`notification template ${templateKey}: no value for {{${placeholder}}}`);
    this.name = 'MissingTemplateValueError';
  }
}

// Control characters (C0 but tab and newline, DEL, C1) and bidirectional overrides.
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const MAX_VALUE_LENGTH = 1000;

function cleanText(value: string): string {
  return value.replace(UNSAFE_CHARS, '').slice(0, MAX_VALUE_LENGTH);
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

function formatValue(
  spec: PlaceholderSpec,
  value: NotificationParamValues[string],
  locale: NotificationLocale,
): string | null {
  switch (spec.kind) {
    case 'text':
      return typeof value === 'string' || typeof value === 'number'
        ? cleanText(String(value))
        : null;
    case 'list': {
      if (!Array.isArray(value)) return null;
      const items = (value as readonly unknown[])
        .filter((v): v is string => typeof v === 'string')
        .map((v) => cleanText(v).replace(/\s+/g, ' ').trim())
        .filter((v) => v !== '');
      return items.join(locale === 'zh-CN' ? '、' : '; ');
    }
    case 'datetime':
    case 'deadline': {
      const date = toDate(value);
      if (!date) return null;
      return spec.kind === 'deadline' ? formatShanghaiEnd(date) : formatShanghai(date);
    }
    case 'money': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return null;
      const yuan = (Math.round(value) / 100).toFixed(2);
      return locale === 'zh-CN' ? `${yuan} 元` : `CNY ${yuan}`;
    }
  }
}

function fill(
  key: string,
  template: string,
  placeholders: Readonly<Record<string, PlaceholderSpec>>,
  values: NotificationParamValues,
  locale: NotificationLocale,
): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const spec = Object.hasOwn(placeholders, name) ? placeholders[name] : undefined;
    // An unknown placeholder never reaches here from a checked override; keep it visible.
    if (!spec) return `{{${name}}}`;
    const formatted = formatValue(spec, values[name], locale);
    if (formatted === null) throw new MissingTemplateValueError(key, name);
    return formatted;
  });
}

export interface RenderedNotification {
  subject: string;
  body: string;
  /** Null when the template is not sent by SMS. */
  sms: string | null;
}

/**
 * Renders a template's text (the default, or an area's override) with the caller's values: plain
 * text, the subject on one line, each part cut to its limit. Throws MissingTemplateValueError when
 * a placeholder the text uses has no (valid) value.
 */
export function renderNotification(
  key: NotificationTemplateKey,
  locale: NotificationLocale,
  values: NotificationParamValues,
  text: NotificationTemplateText = templateDefinition(key).text[locale],
): RenderedNotification {
  const { placeholders } = templateDefinition(key);
  const subject = fill(key, text.subject, placeholders, values, locale)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .slice(0, TEMPLATE_LIMITS.subject);
  const body = fill(key, text.body, placeholders, values, locale)
    .trim()
    .slice(0, TEMPLATE_LIMITS.body);
  const sms =
    text.sms === null
      ? null
      : fill(key, text.sms, placeholders, values, locale).trim().slice(0, TEMPLATE_LIMITS.sms);
  return { subject: subject || templateDefinition(key).label, body, sms };
}

/** The preview values of a template (each placeholder's sample). */
export function sampleValues(key: NotificationTemplateKey): NotificationParamValues {
  return Object.fromEntries(
    Object.entries(templateDefinition(key).placeholders).map(([name, spec]) => [name, spec.sample]),
  );
}

/** A typed helper for callers: the values of `key`, checked at compile time. */
export function notificationValues<K extends NotificationTemplateKey>(
  _key: K,
  values: NotificationParams<K>,
): NotificationParamValues {
  return values;
}

// ---------------------------------------------------------------------------------------------
// E-mail

const SERVICE_NAME: Record<NotificationLocale, string> = {
  'zh-CN': '全国卫生专业技术资格考试网上报名',
  en: 'Health Professional Qualification Exam Online Registration',
};

/** The e-mail a rendered notification becomes: the service's name before the subject, a greeting and a footer. */
export function composeNotificationEmail(
  locale: NotificationLocale,
  rendered: Pick<RenderedNotification, 'subject' | 'body'>,
): { subject: string; text: string } {
  return locale === 'zh-CN'
    ? {
        subject: `${SERVICE_NAME[locale]}：${rendered.subject}`,
        text: `您好：\n\n${rendered.body}\n\n此邮件由系统自动发送，请勿直接回复。\n`,
      }
    : {
        subject: `${SERVICE_NAME[locale]}: ${rendered.subject}`,
        text: `Hello,\n\n${rendered.body}\n\nThis e-mail was sent automatically; please do not reply to it.\n`,
      };
}
