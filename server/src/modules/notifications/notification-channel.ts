import type { NotificationLocale, NotificationTemplateDefinition, OutboxChannel } from '@hqe/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** What the system tells a candidate through `notify()`: a short title and a plain-text body. */
export interface NotificationMessage {
  accountId: number;
  title: string;
  body: string;
}

/** A rendered message on its way through one channel. */
export interface OutgoingMessage {
  /** The outbox row (null for an in-app message delivered in the caller's transaction). */
  messageId: number | null;
  accountId: number;
  /** The template it was rendered from (a WeChat adapter maps it to its own template ids). */
  templateKey: string;
  locale: NotificationLocale;
  subject: string;
  body: string;
  /** The short text for SMS-like channels; null when the template has none. */
  sms: string | null;
}

/** Where a message would go now: the masked address for the admin view. */
export interface ChannelRecipient {
  masked: string | null;
}

/** What a channel reports after handing a message over. */
export interface ChannelReceipt {
  /** The address used, masked (it may have changed since the message was queued). */
  recipientMasked?: string | null;
  /** In-app only: the `notifications` row written. */
  notificationId?: number;
}

/**
 * A failure a channel reports with a message fit for `last_error` and the admin view (no address,
 * no text of the message). `permanent`: retrying cannot help (the recipient is gone, the server
 * refused the address) — the message goes dead at once. Any other thrown error is recorded as its
 * name and code only, and retried.
 */
export class ChannelDeliveryError extends Error {
  constructor(
    readonly safeMessage: string,
    readonly permanent: boolean,
  ) {
    super(safeMessage);
    this.name = 'ChannelDeliveryError';
  }
}

/**
 * One way of reaching a candidate: in-app (站内消息), e-mail, SMS, or a WeChat adapter
 * (docs/decisions/0013-notifications.md). Only configured channels are passed to the notification
 * service, so an unconfigured one is simply not offered. Implementations never log the recipient
 * or the text.
 */
export interface NotificationChannel {
  readonly kind: OutboxChannel;
  /**
   * In-app delivery is a row in the caller's transaction: it happens there, atomically with the
   * change, and needs no retry. Every other channel is delivered by the worker from the outbox.
   */
  readonly inline: boolean;
  /**
   * Whether this message goes out through this channel, and to whom (masked). Null: not for this
   * account or template (the candidate did not choose the channel, has no verified address, or the
   * template is not one the channel carries).
   */
  recipientFor(
    db: Kysely<Database>,
    accountId: number,
    template: NotificationTemplateDefinition,
  ): Promise<ChannelRecipient | null>;
  /** Hands the message over; throws (preferably a ChannelDeliveryError) when it could not. */
  deliver(db: Kysely<Database>, message: OutgoingMessage): Promise<ChannelReceipt>;
}
