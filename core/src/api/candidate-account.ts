import { z } from 'zod';
import { IDENTITY_DOCUMENT_TYPES } from '../domain/eligibility/profile';
import {
  parseIdentityDocument,
  parseMobile,
  parsePersonName,
  type Gender,
} from '../domain/identity-document';
import { PASSWORD_POLICY } from '../domain/password-policy';

/**
 * The candidate account (#4): sign-up with an identity document and a verified mobile, login by
 * document or mobile number, password reset through a verification code, contact e-mail and
 * notification channels. The schemas check formats; the service checks them again with the
 * exam area's date and against the database.
 */

export const identityDocumentTypeSchema = z.enum(IDENTITY_DOCUMENT_TYPES);

/** The schema layer cannot know today's date; the service refuses a birth date in the future. */
const FAR_FUTURE = '9999-12-31';

/** A mobile number as typed; must parse as a mainland or a 港澳台 mobile number. */
export const mobileInputSchema = z
  .string('请输入手机号码')
  .max(32, '手机号码格式不正确，请核对后重新输入。')
  .superRefine((value, ctx) => {
    const parsed = parseMobile(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });

export const personNameInputSchema = z
  .string('请输入姓名')
  .max(200, '姓名不能超过 50 个字，请按证件填写。')
  .superRefine((value, ctx) => {
    const parsed = parsePersonName(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });

/** A 6-digit verification code. */
export const verificationCodeSchema = z
  .string('请输入验证码')
  .trim()
  .regex(/^[0-9]{6}$/, '验证码为 6 位数字，请核对后重新输入。');

export const emailInputSchema = z
  .string('请输入电子邮箱')
  .trim()
  .toLowerCase()
  .max(254, '电子邮箱不能超过 254 个字符。')
  .pipe(z.email('电子邮箱格式不正确，请核对后重新输入，例如 zhangsan@example.com。'));

const newPasswordSchema = z
  .string('请输入密码')
  .min(1, '请输入密码')
  .max(PASSWORD_POLICY.maxLength, `密码不能超过 ${PASSWORD_POLICY.maxLength} 位。`);

/** What a code request answers: where it went (masked), how long it lasts, when to ask again. */
export const verificationCodeSentSchema = z
  .object({
    /** The masked destination (138****5678), or null where naming it would reveal an account. */
    sentTo: z.string().nullable(),
    expiresInSeconds: z.number().int(),
    resendAfterSeconds: z.number().int(),
  })
  .meta({ id: 'VerificationCodeSent' });
export type VerificationCodeSent = z.infer<typeof verificationCodeSentSchema>;

export const signupCodeRequestSchema = z.strictObject({ mobile: mobileInputSchema });
export type SignupCodeRequest = z.infer<typeof signupCodeRequestSchema>;

export const signupRequestSchema = z
  .strictObject({
    documentType: identityDocumentTypeSchema,
    documentNumber: z.string('请输入证件号码').max(40, '证件号码过长，请核对后重新输入。'),
    name: personNameInputSchema,
    mobile: mobileInputSchema,
    code: verificationCodeSchema,
    password: newPasswordSchema,
    /** The candidate read and agreed to the personal-information notice (个人信息保护告知). */
    consent: z.literal(true, '请阅读并勾选同意《个人信息保护告知》后再注册。'),
  })
  .superRefine((value, ctx) => {
    const parsed = parseIdentityDocument(value.documentType, value.documentNumber, FAR_FUTURE);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['documentNumber'], message: parsed.message });
    }
  });
export type SignupRequest = z.infer<typeof signupRequestSchema>;

export const signupResponseSchema = z
  .object({
    accountId: z.number().int(),
    /** Log in with the document number or the mobile number from now on. */
    loginHint: z.string(),
  })
  .meta({ id: 'SignupResult' });
export type SignupResponse = z.infer<typeof signupResponseSchema>;

/** A document number or a mobile number: how a candidate names the own account. */
export const candidateIdentifierSchema = z
  .string('请输入证件号码或手机号码')
  .trim()
  .min(1, '请输入证件号码或手机号码')
  .max(40, '证件号码或手机号码过长，请核对后重新输入。');

export const passwordResetChannelSchema = z.enum(['sms', 'email']);
export type PasswordResetChannel = z.infer<typeof passwordResetChannelSchema>;

export const passwordResetCodeRequestSchema = z.strictObject({
  identifier: candidateIdentifierSchema,
  /** sms: to the account's mobile; email: to its verified e-mail address. */
  channel: passwordResetChannelSchema.default('sms'),
});
export type PasswordResetCodeRequest = z.input<typeof passwordResetCodeRequestSchema>;

export const passwordResetRequestSchema = z.strictObject({
  identifier: candidateIdentifierSchema,
  /** The channel the code was asked for. */
  channel: passwordResetChannelSchema.default('sms'),
  code: verificationCodeSchema,
  newPassword: newPasswordSchema,
});
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const NOTIFICATION_CHANNEL_KINDS = ['in_app', 'email'] as const;
export type NotificationChannelKind = (typeof NOTIFICATION_CHANNEL_KINDS)[number];
export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannelKind, string> = {
  in_app: '站内消息',
  email: '电子邮件',
};

export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const candidateAccountViewSchema = z
  .object({
    accountId: z.number().int(),
    documentType: identityDocumentTypeSchema,
    /** The owner sees the full number; lists and logs elsewhere show only the masked one. */
    documentNumber: z.string(),
    documentNumberMasked: z.string(),
    name: z.string(),
    /** Derived from the document where it carries them; null otherwise. */
    gender: z.enum(['male', 'female']).nullable(),
    birthDate: z.iso.date().nullable(),
    mobile: z.string(),
    mobileMasked: z.string(),
    mobileVerifiedAt: z.iso.datetime(),
    email: z.string().nullable(),
    emailMasked: z.string().nullable(),
    emailVerifiedAt: z.iso.datetime().nullable(),
    notificationChannels: z.array(z.enum(NOTIFICATION_CHANNEL_KINDS)),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CandidateAccount' });
export type CandidateAccountView = z.infer<typeof candidateAccountViewSchema>;

export const changeMobileCodeRequestSchema = z.strictObject({ mobile: mobileInputSchema });
export type ChangeMobileCodeRequest = z.infer<typeof changeMobileCodeRequestSchema>;

export const changeMobileRequestSchema = z.strictObject({
  mobile: mobileInputSchema,
  code: verificationCodeSchema,
});
export type ChangeMobileRequest = z.infer<typeof changeMobileRequestSchema>;

export const bindEmailCodeRequestSchema = z.strictObject({ email: emailInputSchema });
export type BindEmailCodeRequest = z.input<typeof bindEmailCodeRequestSchema>;

export const bindEmailRequestSchema = z.strictObject({
  email: emailInputSchema,
  code: verificationCodeSchema,
});
export type BindEmailRequest = z.input<typeof bindEmailRequestSchema>;

export const notificationChannelsRequestSchema = z.strictObject({
  channels: z
    .array(z.enum(NOTIFICATION_CHANNEL_KINDS))
    .max(NOTIFICATION_CHANNEL_KINDS.length)
    .refine((list) => list.includes('in_app'), '站内消息始终开启，不能关闭。')
    .refine((list) => new Set(list).size === list.length, '通知方式不能重复。'),
});
export type NotificationChannelsRequest = z.infer<typeof notificationChannelsRequestSchema>;

export const inAppNotificationSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'InAppNotification' });
export type InAppNotification = z.infer<typeof inAppNotificationSchema>;

export const inAppNotificationListSchema = z.object({
  items: z.array(inAppNotificationSchema),
  unread: z.number().int(),
});
export type InAppNotificationList = z.infer<typeof inAppNotificationListSchema>;

/** GET /api/dev/outbox: what the outbox delivery "sent" (development and tests only). */
export const devOutboxQuerySchema = z.strictObject({
  to: z.string().trim().min(1, '请提供收件人（手机号码或电子邮箱）').max(254),
});
export const devOutboxMessageSchema = z.object({
  id: z.number().int(),
  channel: z.enum(['sms', 'email']),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  /** The 6-digit code in the body, when there is one. */
  code: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export const devOutboxResponseSchema = z
  .object({ messages: z.array(devOutboxMessageSchema) })
  .meta({ id: 'DevOutbox' });
export type DevOutboxResponse = z.infer<typeof devOutboxResponseSchema>;
