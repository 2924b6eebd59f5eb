import type { NotificationChannelKind } from '@hqe/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** What the system tells a candidate: a short title and a plain-text body, in Chinese. */
export interface NotificationMessage {
  accountId: number;
  title: string;
  body: string;
}

/**
 * One way of reaching a candidate (站内消息, 电子邮件; a WeChat or SMS adapter later). `deliver`
 * throws to have the job retried; it must not log the recipient or the body.
 */
export interface NotificationChannel {
  readonly kind: NotificationChannelKind;
  /** In-app delivery writes in the caller's transaction; others run from the jobs worker. */
  readonly inline: boolean;
  deliver(db: Kysely<Database>, message: NotificationMessage): Promise<void>;
}
