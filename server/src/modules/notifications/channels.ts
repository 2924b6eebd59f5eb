import { composeNotificationEmail } from '@hqe/core';
import type { Clock } from '../../lib/clock';
import { maskEmail, maskMobile, type FieldCrypto } from '../../lib/field-crypto';
import { SmtpDeliveryError, type MessageDelivery } from '../verification';
import {
  ChannelDeliveryError,
  type NotificationChannel,
  type OutgoingMessage,
} from './notification-channel';
import * as notificationsRepository from './notifications.repository';

const EMAIL_COLUMN = 'candidates.email';
const MOBILE_COLUMN = 'candidates.mobile';

/**
 * 站内消息: a row in `notifications`, read on the candidate's account page. Always on, and written
 * in the caller's transaction: it commits or rolls back with the change it tells of.
 */
export function createInAppChannel(clock: Clock): NotificationChannel {
  return {
    kind: 'in_app',
    inline: true,
    async recipientFor() {
      return { masked: null };
    },
    async deliver(db, message) {
      const notificationId = await notificationsRepository.insert(db, {
        accountId: message.accountId,
        title: message.subject,
        body: message.body,
        createdAt: clock.now(),
      });
      return { notificationId };
    },
  };
}

/** A transport error turned into what may be kept and shown: its name and codes, no address. */
function transportFailure(error: unknown): ChannelDeliveryError {
  if (error instanceof ChannelDeliveryError) return error;
  if (error instanceof SmtpDeliveryError) {
    // 5xx: the server refused for good (unknown mailbox, policy); 4xx and network errors: retry.
    const permanent =
      error.responseCode !== undefined && error.responseCode >= 500 && error.responseCode < 600;
    return new ChannelDeliveryError(error.message, permanent);
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
  };
  const safe = (v: unknown) =>
    typeof v === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(v) ? v : undefined;
  const name = safe(e.name) ?? 'Error';
  const code = safe(e.code);
  return new ChannelDeliveryError(`delivery failed: ${name}${code ? ` code=${code}` : ''}`, false);
}

/**
 * 电子邮件: to the candidate's verified address, when the candidate chose e-mail notifications,
 * through the e-mail delivery (SMTP, or the development outbox). The address is read when the
 * message is sent, so a change of address in between is honoured.
 */
export function createEmailChannel(deps: {
  crypto: FieldCrypto;
  delivery: MessageDelivery;
}): NotificationChannel {
  return {
    kind: 'email',
    inline: false,
    async recipientFor(db, accountId) {
      const preferences = await notificationsRepository.findPreferences(db, accountId);
      if (
        !preferences?.notificationChannels.includes('email') ||
        !preferences.emailEncrypted ||
        !preferences.emailVerifiedAt
      ) {
        return null;
      }
      return { masked: maskEmail(deps.crypto.decrypt(preferences.emailEncrypted, EMAIL_COLUMN)) };
    },
    async deliver(db, message: OutgoingMessage) {
      const preferences = await notificationsRepository.findPreferences(db, message.accountId);
      if (
        !preferences?.notificationChannels.includes('email') ||
        !preferences.emailEncrypted ||
        !preferences.emailVerifiedAt
      ) {
        throw new ChannelDeliveryError('考生已关闭邮件通知或解除绑定电子邮箱，未发送。', true);
      }
      const to = deps.crypto.decrypt(preferences.emailEncrypted, EMAIL_COLUMN);
      try {
        await deps.delivery.email({ to, ...composeNotificationEmail(message.locale, message) });
      } catch (error) {
        throw transportFailure(error);
      }
      return { recipientMasked: maskEmail(to) };
    },
  };
}

/**
 * 短信: to the candidate's (verified) mobile number, through the SMS delivery that sends the
 * account codes. Only urgent templates — a deadline the candidate must not miss — go by SMS, and
 * only when an SMS transport is configured (the composition root decides; see README).
 */
export function createSmsChannel(deps: {
  crypto: FieldCrypto;
  delivery: MessageDelivery;
}): NotificationChannel {
  return {
    kind: 'sms',
    inline: false,
    async recipientFor(db, accountId, template) {
      if (!template.urgent) return null;
      const row = await notificationsRepository.findMobile(db, accountId);
      if (!row) return null;
      return { masked: maskMobile(deps.crypto.decrypt(row.mobileEncrypted, MOBILE_COLUMN)) };
    },
    async deliver(db, message) {
      const row = await notificationsRepository.findMobile(db, message.accountId);
      if (!row) throw new ChannelDeliveryError('考生账号没有手机号码，未发送。', true);
      const to = deps.crypto.decrypt(row.mobileEncrypted, MOBILE_COLUMN);
      try {
        await deps.delivery.sms({ to, text: message.sms ?? `${message.subject}：${message.body}` });
      } catch (error) {
        throw transportFailure(error);
      }
      return { recipientMasked: maskMobile(to) };
    },
  };
}
