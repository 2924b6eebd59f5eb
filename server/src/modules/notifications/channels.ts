import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { MessageDelivery } from '../verification';
import type { NotificationChannel } from './notification-channel';
import * as notificationsRepository from './notifications.repository';

/** 站内消息: a row in `notifications`, read on the candidate's account page. Always on. */
export function createInAppChannel(clock: Clock): NotificationChannel {
  return {
    kind: 'in_app',
    inline: true,
    async deliver(db, message) {
      await notificationsRepository.insert(db, { ...message, createdAt: clock.now() });
    },
  };
}

/** 电子邮件: to the candidate's verified address, through the e-mail delivery (SMTP or outbox). */
export function createEmailChannel(deps: {
  crypto: FieldCrypto;
  delivery: MessageDelivery;
}): NotificationChannel {
  return {
    kind: 'email',
    inline: false,
    async deliver(db, message) {
      const preferences = await notificationsRepository.findPreferences(db, message.accountId);
      // Unbound or unverified since the job was queued: nothing to send, nothing to retry.
      if (!preferences?.emailEncrypted || !preferences.emailVerifiedAt) return;
      await deps.delivery.email({
        to: deps.crypto.decrypt(preferences.emailEncrypted, 'candidates.email'),
        subject: `全国卫生专业技术资格考试网上报名：${message.title}`,
        text: `您好：\n\n${message.body}\n\n此邮件由系统自动发送，请勿直接回复。\n`,
      });
    },
  };
}
