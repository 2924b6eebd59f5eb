import {
  NOTIFICATION_CHANNEL_KINDS,
  type InAppNotificationList,
  type NotificationChannelKind,
} from '@hqe/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import { jobsRepository, type JobHandler } from '../jobs';
import type { NotificationChannel, NotificationMessage } from './notification-channel';
import * as notificationsRepository from './notifications.repository';

export const NOTIFICATION_JOB = 'notifications.deliver';

const jobPayloadSchema = z.strictObject({
  channel: z.enum(NOTIFICATION_CHANNEL_KINDS),
  accountId: z.number().int().positive(),
  title: z.string().min(1),
  body: z.string(),
});

/**
 * Tells a candidate something through every channel the candidate chose: in-app at once, in the
 * caller's transaction; the others as jobs queued in that same transaction (so a rolled-back
 * change notifies nobody and a slow mail server delays no request).
 */
export function createNotificationService(deps: {
  db: Db;
  clock: Clock;
  channels: NotificationChannel[];
}) {
  const { db, clock } = deps;
  const byKind = new Map(deps.channels.map((c) => [c.kind, c]));

  return {
    async notify(trx: Kysely<Database>, message: NotificationMessage): Promise<void> {
      const preferences = await notificationsRepository.findPreferences(trx, message.accountId);
      const chosen: NotificationChannelKind[] = preferences?.notificationChannels ?? ['in_app'];
      for (const kind of chosen) {
        const channel = byKind.get(kind);
        if (!channel) continue;
        if (channel.inline) await channel.deliver(trx, message);
        else {
          await jobsRepository.enqueue(trx, {
            kind: NOTIFICATION_JOB,
            payload: { channel: kind, ...message },
            runAt: clock.now(),
          });
        }
      }
    },

    /** The job handler delivering one queued notification through its channel. */
    jobHandler: (async ({ job }) => {
      const { channel, accountId, title, body } = jobPayloadSchema.parse(job.payload);
      const target = byKind.get(channel);
      if (!target) throw new Error(`no notification channel ${channel}`);
      await target.deliver(db, { accountId, title, body });
    }) satisfies JobHandler,

    async list(accountId: number): Promise<InAppNotificationList> {
      const { items, unread } = await notificationsRepository.listForAccount(db, accountId, 50);
      return {
        unread,
        items: items.map((n) => ({
          id: n.id,
          title: n.title,
          body: n.body,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
        })),
      };
    },

    async markRead(accountId: number, id: number): Promise<void> {
      if (!(await notificationsRepository.markRead(db, accountId, id, clock.now()))) {
        throw notFound('该消息不存在。');
      }
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
