import { z } from 'zod';
import {
  AREA_TEMPLATE_KEYS,
  NOTIFICATION_LOCALES,
  NOTIFICATION_TEMPLATE_KEYS,
  TEMPLATE_LIMITS,
} from '../domain/notification-templates';

/*
 * Notifications (issue #7): the outbox of messages to candidates and its delivery attempts, the
 * per-area templates, and the candidate's message language. Staff see only their own exam area
 * (another area's message or templates answer "not found"); platform administrators see every
 * message, including account messages that belong to no area.
 *
 * Routes:
 *   GET    /api/admin/notification-messages                 MessageListQuery → MessageList
 *   GET    /api/admin/notification-messages/:id/attempts     → DeliveryAttemptList
 *   POST   /api/admin/notification-messages/:id/resend       → NotificationMessageView (audited)
 *   GET    /api/admin/exam-areas/:examAreaId/notification-templates          → TemplateList
 *   PUT    /api/admin/exam-areas/:examAreaId/notification-templates/:key/:locale   (audited)
 *   DELETE /api/admin/exam-areas/:examAreaId/notification-templates/:key/:locale   (audited)
 *   POST   /api/admin/exam-areas/:examAreaId/notification-templates/:key/:locale/preview
 *   GET    /api/candidate/notifications/settings             → NotificationSettings
 *   PUT    /api/candidate/notifications/settings             NotificationSettings
 */

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** The ways a message leaves the system; WeChat only when an adapter is configured. */
export const OUTBOX_CHANNELS = ['in_app', 'email', 'sms', 'wechat'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
export const OUTBOX_CHANNEL_LABELS: Record<OutboxChannel, string> = {
  in_app: '站内消息',
  email: '电子邮件',
  sms: '短信',
  wechat: '微信',
};

/**
 * A message's delivery status: queued (waiting for its first try), sending (a worker holds it),
 * sent, failed (a try failed; the next is scheduled), dead (no more tries; an administrator may
 * resend it).
 */
export const NOTIFICATION_MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'dead',
] as const;
export type NotificationMessageStatus = (typeof NOTIFICATION_MESSAGE_STATUSES)[number];
export const NOTIFICATION_MESSAGE_STATUS_LABELS: Record<NotificationMessageStatus, string> = {
  queued: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败（将重试）',
  dead: '发送失败（已停止重试）',
};
/** Statuses an administrator may resend from. */
export const RESENDABLE_STATUSES: readonly NotificationMessageStatus[] = ['failed', 'dead'];

export const notificationLocaleSchema = z.enum(NOTIFICATION_LOCALES, {
  error: '请选择中文（zh-CN）或英文（en）',
});
export const notificationTemplateKeySchema = z.enum(NOTIFICATION_TEMPLATE_KEYS, {
  error: '没有这个消息模板',
});
export const areaTemplateKeySchema = z.enum(
  AREA_TEMPLATE_KEYS as [
    (typeof AREA_TEMPLATE_KEYS)[number],
    ...(typeof AREA_TEMPLATE_KEYS)[number][],
  ],
  { error: '没有这个消息模板，或该模板不能按考区修改' },
);

// ---------------------------------------------------------------------------------------------
// The outbox (admin view)

export const notificationMessageViewSchema = z
  .object({
    id: z.number().int(),
    createdAt: z.iso.datetime(),
    examAreaId: z.number().int().nullable(),
    examAreaName: z.string().nullable(),
    accountId: z.number().int(),
    /** The candidate's name (staff lists show names, never full document or mobile numbers). */
    candidateName: z.string().nullable(),
    templateKey: z.string(),
    templateLabel: z.string(),
    channel: z.enum(OUTBOX_CHANNELS),
    locale: notificationLocaleSchema,
    /** e.g. z***@example.com, 138****5678; null for in-app messages. */
    recipientMasked: z.string().nullable(),
    status: z.enum(NOTIFICATION_MESSAGE_STATUSES),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    /** The last failure, without personal data (e.g. "SMTP delivery failed: … responseCode=550"). */
    lastError: z.string().nullable(),
    sentAt: z.iso.datetime().nullable(),
    canResend: z.boolean(),
  })
  .meta({ id: 'NotificationMessage' });
export type NotificationMessageView = z.infer<typeof notificationMessageViewSchema>;

const optionalId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1)
  .optional();

export const notificationMessageListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** Platform administrators: one area (area administrators always see their own). */
  examAreaId: optionalId,
  status: z.enum(NOTIFICATION_MESSAGE_STATUSES, { error: '发送状态不正确' }).optional(),
  channel: z.enum(OUTBOX_CHANNELS, { error: '发送渠道不正确' }).optional(),
  templateKey: notificationTemplateKeySchema.optional(),
  /** One candidate, by the exact document number or mobile number (looked up by keyed hash). */
  candidate: z
    .string()
    .trim()
    .max(40, '证件号码或手机号码过长，请核对后重新输入。')
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});
export type NotificationMessageListQuery = z.input<typeof notificationMessageListQuerySchema>;
export type NotificationMessageListParams = z.output<typeof notificationMessageListQuerySchema>;

export const notificationMessageListSchema = z
  .object({
    items: z.array(notificationMessageViewSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'NotificationMessageList' });
export type NotificationMessageList = z.infer<typeof notificationMessageListSchema>;

export const deliveryAttemptViewSchema = z
  .object({
    attemptNo: z.number().int(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    /** Null while the try runs (or when its worker stopped before it ended). */
    ok: z.boolean().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'NotificationDeliveryAttempt' });
export type DeliveryAttemptView = z.infer<typeof deliveryAttemptViewSchema>;

export const deliveryAttemptListSchema = z.object({ items: z.array(deliveryAttemptViewSchema) });
export type DeliveryAttemptList = z.infer<typeof deliveryAttemptListSchema>;

// ---------------------------------------------------------------------------------------------
// Templates (per area)

export const notificationTemplateParamsSchema = z.strictObject({
  examAreaId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  key: areaTemplateKeySchema,
  locale: notificationLocaleSchema,
});

export const notificationTemplateTextSchema = z.object({
  subject: z.string(),
  body: z.string(),
  sms: z.string().nullable(),
});

export const putNotificationTemplateRequestSchema = z
  .strictObject({
    subject: z
      .string('请填写标题')
      .trim()
      .min(1, '请填写标题')
      .max(TEMPLATE_LIMITS.subject, `标题不能超过 ${TEMPLATE_LIMITS.subject} 个字符`),
    body: z
      .string('请填写正文')
      .trim()
      .min(1, '请填写正文')
      .max(TEMPLATE_LIMITS.body, `正文不能超过 ${TEMPLATE_LIMITS.body} 个字符`),
    /** Required for templates sent by SMS, absent (or null) for the others. */
    sms: z
      .string()
      .trim()
      .min(1, '请填写短信内容')
      .max(TEMPLATE_LIMITS.sms, `短信内容不能超过 ${TEMPLATE_LIMITS.sms} 个字符`)
      .nullable()
      .default(null),
  })
  .meta({ id: 'PutNotificationTemplateRequest' });
export type PutNotificationTemplateRequest = z.input<typeof putNotificationTemplateRequestSchema>;

export const notificationTemplateVariantSchema = z.object({
  locale: notificationLocaleSchema,
  /** The text in force: the area's override, or the default. */
  default: notificationTemplateTextSchema,
  override: notificationTemplateTextSchema
    .extend({ updatedAt: z.iso.datetime(), updatedBy: z.string().nullable() })
    .nullable(),
});

export const notificationTemplateViewSchema = z
  .object({
    key: z.enum(NOTIFICATION_TEMPLATE_KEYS),
    label: z.string(),
    description: z.string(),
    urgent: z.boolean(),
    placeholders: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        kind: z.enum(['text', 'list', 'datetime', 'deadline', 'money']),
        required: z.boolean(),
      }),
    ),
    variants: z.array(notificationTemplateVariantSchema),
  })
  .meta({ id: 'NotificationTemplate' });
export type NotificationTemplateView = z.infer<typeof notificationTemplateViewSchema>;

export const notificationTemplateListSchema = z
  .object({ examAreaId: z.number().int(), items: z.array(notificationTemplateViewSchema) })
  .meta({ id: 'NotificationTemplateList' });
export type NotificationTemplateList = z.infer<typeof notificationTemplateListSchema>;

/** A preview: the text as a candidate would read it, with sample values. */
export const notificationTemplatePreviewSchema = z
  .object({
    subject: z.string(),
    body: z.string(),
    sms: z.string().nullable(),
    /** The e-mail's subject and text as sent (with the system's greeting and footer). */
    email: z.object({ subject: z.string(), text: z.string() }),
  })
  .meta({ id: 'NotificationTemplatePreview' });
export type NotificationTemplatePreview = z.infer<typeof notificationTemplatePreviewSchema>;

// ---------------------------------------------------------------------------------------------
// The candidate's message language

export const notificationSettingsSchema = z
  .strictObject({ locale: notificationLocaleSchema })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
