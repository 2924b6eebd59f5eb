import type { NotificationLocale } from '@hqe/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { ChannelDeliveryError, type NotificationChannel } from './notification-channel';

/**
 * What a WeChat provider implements to carry notifications (R11: 待办事项提醒 "through WeChat") —
 * e.g. 微信公众号模板消息 or 小程序订阅消息. Nothing implements it in this repository: a WeChat
 * channel exists only when a deployment passes a messenger to `buildApp` (`deps.wechatMessenger`),
 * so without one WeChat is simply not offered. See docs/decisions/0013-notifications.md.
 */
export interface WechatMessenger {
  /**
   * The candidate's openid in the deployment's WeChat app, or null when the candidate has not bound
   * WeChat (or has not subscribed to messages): the message then does not go by WeChat.
   */
  openIdFor(db: Kysely<Database>, accountId: number): Promise<string | null>;
  /**
   * Sends one message. `templateKey` is the system's template (map it to the provider's template
   * id and fields); `summary` is the short text (the SMS text where the template has one, else the
   * body); `linkPath` a portal path to open. Rejects on failure — with a ChannelDeliveryError when
   * the reason is known and safe to show (no openid, no text), `permanent` when retrying cannot help
   * (the user unsubscribed).
   */
  send(message: {
    openId: string;
    templateKey: string;
    locale: NotificationLocale;
    subject: string;
    summary: string;
    linkPath: string;
  }): Promise<void>;
}

/** An openid shown in the admin view: the first four characters. */
const maskOpenId = (openId: string) => `${openId.slice(0, 4)}***`;

/** The WeChat channel over a provider's messenger. */
export function createWechatChannel(messenger: WechatMessenger): NotificationChannel {
  return {
    kind: 'wechat',
    inline: false,
    async recipientFor(db, accountId) {
      const openId = await messenger.openIdFor(db, accountId);
      return openId ? { masked: maskOpenId(openId) } : null;
    },
    async deliver(db, message) {
      const openId = await messenger.openIdFor(db, message.accountId);
      if (!openId) throw new ChannelDeliveryError('考生已解除绑定微信，未发送。', true);
      await messenger.send({
        openId,
        templateKey: message.templateKey,
        locale: message.locale,
        subject: message.subject,
        summary: message.sms ?? message.body,
        linkPath: '/todos',
      });
      return { recipientMasked: maskOpenId(openId) };
    },
  };
}
