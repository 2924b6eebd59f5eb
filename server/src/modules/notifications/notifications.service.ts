import { randomUUID } from 'node:crypto';
import {
  DEFAULT_NOTIFICATION_LOCALE,
  NOTIFICATION_CHANNEL_KINDS,
  renderNotification,
  templateDefinition,
  type InAppNotificationList,
  type NotificationLocale,
  type NotificationParams,
  type NotificationParamValues,
  type NotificationSettings,
  type NotificationTemplateKey,
  type OutboxChannel,
} from '@hqe/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import { recordAuditEvent } from '../audit';
import { jobsRepository, type JobHandler } from '../jobs';
import { createDispatcher, DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from './dispatcher';
import type { NotificationChannel, NotificationMessage } from './notification-channel';
import * as notificationsRepository from './notifications.repository';
import * as outbox from './outbox.repository';
import * as templatesRepository from './templates.repository';

/** The job that delivers due outbox messages (queued with them; also a periodic sweep). */
export const NOTIFICATION_DISPATCH_JOB = 'notifications.dispatch';
/** How often the sweep runs even when no message queued a dispatch (a safety net). */
export const NOTIFICATION_DISPATCH_EVERY_MS = 10 * 60_000;
/**
 * The job kind of the first notification design (one job per e-mail, the text in its payload).
 * Still handled so jobs queued by an older process are not lost: each becomes an outbox message.
 */
export const NOTIFICATION_JOB = 'notifications.deliver';

/** The column name bound into the encryption of a message's text. */
export const CONTENT_COLUMN = 'notification_messages.content';

const legacyPayloadSchema = z.strictObject({
  channel: z.enum(NOTIFICATION_CHANNEL_KINDS),
  accountId: z.number().int().positive(),
  title: z.string().min(1),
  body: z.string(),
});

/** A message to send from a template. */
export interface SendInput<K extends NotificationTemplateKey> {
  accountId: number;
  template: K;
  values: NotificationParams<K>;
  /** The registration's exam area: its template texts apply and its staff see the message. */
  examAreaId: number | null;
  /**
   * Names the event, e.g. `returned:<registrationId>:<version>`: sending the same key again (a
   * retried request, a reminder run twice) creates no second message on any channel.
   */
  dedupeKey: string;
}

/**
 * Tells candidates things (issue #7, docs/decisions/0013-notifications.md). `send` renders a
 * template in the candidate's language (the exam area's own text where it has one) and writes one
 * outbox row per channel in the caller's transaction: in-app at once (a row the candidate reads),
 * the others queued for the worker, which delivers them with retries. So a rolled-back change tells
 * nobody, a crash after the commit loses nothing, and a repeated event doubles nothing.
 */
export function createNotificationService(deps: {
  db: Db;
  clock: Clock;
  /** The configured channels; in-app must be among them. */
  channels: NotificationChannel[];
  /** Encrypts queued messages' text; needed as soon as a channel other than in-app is given. */
  crypto?: FieldCrypto;
  logger?: FastifyBaseLogger;
  delivery?: Partial<DeliveryOptions>;
}) {
  const { db, clock } = deps;
  const options: DeliveryOptions = { ...DEFAULT_DELIVERY_OPTIONS, ...deps.delivery };
  if (deps.channels.some((c) => !c.inline) && !deps.crypto) {
    throw new Error('createNotificationService: queued channels need the field crypto');
  }
  const dispatcher = createDispatcher({
    db,
    clock,
    channels: deps.channels,
    crypto: deps.crypto,
    logger: deps.logger,
    options,
    dispatchJob: NOTIFICATION_DISPATCH_JOB,
    contentColumn: CONTENT_COLUMN,
  });
  /** Transactions that have queued a dispatch already (one job per transaction is enough). */
  const kicked = new WeakSet<object>();

  async function templateText(
    trx: Kysely<Database>,
    key: NotificationTemplateKey,
    locale: NotificationLocale,
    examAreaId: number | null,
  ) {
    const definition = templateDefinition(key);
    if (definition.scope === 'area' && examAreaId !== null) {
      const override = await templatesRepository.findOverride(trx, examAreaId, key, locale);
      if (override) return override;
    }
    return definition.text[locale];
  }

  async function sendValues(
    trx: Kysely<Database>,
    input: {
      accountId: number;
      template: NotificationTemplateKey;
      values: NotificationParamValues;
      examAreaId: number | null;
      dedupeKey: string;
      /** Forces the language (free messages are written in Chinese by their callers). */
      locale?: NotificationLocale;
      /** Only these channels (the legacy job's one channel). */
      only?: readonly OutboxChannel[];
    },
  ): Promise<number[]> {
    const now = clock.now();
    const definition = templateDefinition(input.template);
    const preferences = await notificationsRepository.findPreferences(trx, input.accountId);
    const locale = input.locale ?? preferences?.notificationLocale ?? DEFAULT_NOTIFICATION_LOCALE;
    const text = await templateText(trx, input.template, locale, input.examAreaId);
    const rendered = renderNotification(input.template, locale, input.values, text);
    const ids: number[] = [];
    let queued = false;
    for (const channel of deps.channels) {
      if (input.only && !input.only.includes(channel.kind)) continue;
      const recipient = await channel.recipientFor(trx, input.accountId, definition);
      if (!recipient) continue;
      const base = {
        accountId: input.accountId,
        examAreaId: input.examAreaId,
        templateKey: input.template,
        locale,
        channel: channel.kind,
        recipientMasked: recipient.masked,
        dedupeKey: `${input.dedupeKey}:${channel.kind}`,
        createdAt: now,
        notificationId: null,
      };
      if (channel.inline) {
        const id = await outbox.insertMessage(trx, {
          ...base,
          contentEncrypted: null,
          status: 'sent',
          attempts: 1,
          maxAttempts: 1,
          nextAttemptAt: null,
          sentAt: now,
        });
        if (id === null) continue;
        const receipt = await channel.deliver(trx, {
          messageId: id,
          accountId: input.accountId,
          templateKey: input.template,
          locale,
          ...rendered,
        });
        if (receipt.notificationId !== undefined) {
          await trx
            .updateTable('notificationMessages')
            .set({ notificationId: receipt.notificationId })
            .where('id', '=', id)
            .execute();
        }
        await outbox.insertFinishedAttempt(trx, {
          messageId: id,
          attemptNo: 1,
          at: now,
          ok: true,
          error: null,
        });
        ids.push(id);
        continue;
      }
      const crypto = deps.crypto;
      if (!crypto) continue;
      const id = await outbox.insertMessage(trx, {
        ...base,
        contentEncrypted: crypto.encrypt(JSON.stringify(rendered), CONTENT_COLUMN),
        status: 'queued',
        attempts: 0,
        maxAttempts: options.maxAttempts,
        nextAttemptAt: now,
        sentAt: null,
      });
      if (id === null) continue;
      ids.push(id);
      queued = true;
    }
    if (queued && !kicked.has(trx)) {
      // The dispatch job commits with the messages: a crash after the commit still delivers.
      await jobsRepository.enqueue(trx, {
        kind: NOTIFICATION_DISPATCH_JOB,
        runAt: now,
        maxAttempts: 3,
      });
      kicked.add(trx);
    }
    return ids;
  }

  return {
    /**
     * Sends a template's message to a candidate through every channel that applies, in the
     * caller's transaction. Returns the ids of the outbox rows written (none when the dedupe key
     * was used before).
     */
    send<K extends NotificationTemplateKey>(
      trx: Kysely<Database>,
      input: SendInput<K>,
    ): Promise<number[]> {
      return sendValues(trx, input);
    },

    /**
     * The first notification API, kept for its callers: a free title and body (in Chinese), sent
     * as the `message` template through the outbox — so it gains retries and the admin view.
     */
    async notify(trx: Kysely<Database>, message: NotificationMessage): Promise<void> {
      await sendValues(trx, {
        accountId: message.accountId,
        template: 'message',
        values: { title: message.title, body: message.body },
        examAreaId: null,
        dedupeKey: `message:${randomUUID()}`,
        locale: 'zh-CN',
      });
    },

    /** Delivers every due queued message now (the dispatch job; tests call it directly). */
    dispatchDue: (workerId?: string) => dispatcher.dispatchDue(workerId),

    /** The job handlers of this module, by kind. */
    jobHandlers: {
      [NOTIFICATION_DISPATCH_JOB]: (async () => {
        await dispatcher.dispatchDue();
      }) satisfies JobHandler,
      [NOTIFICATION_JOB]: (async ({ job }) => {
        const { channel, accountId, title, body } = legacyPayloadSchema.parse(job.payload);
        await db.transaction().execute((trx) =>
          sendValues(trx, {
            accountId,
            template: 'message',
            values: { title, body },
            examAreaId: null,
            dedupeKey: `legacy-job:${job.id}`,
            locale: 'zh-CN',
            only: [channel],
          }),
        );
      }) satisfies JobHandler,
    },

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

    /** The candidate's message language. */
    async getSettings(accountId: number): Promise<NotificationSettings> {
      const preferences = await notificationsRepository.findPreferences(db, accountId);
      if (!preferences) throw notFound('未找到您的考生账号信息，请重新登录。');
      return { locale: preferences.notificationLocale };
    },

    /** Sets the candidate's message language (audited). */
    async updateSettings(
      actor: Actor,
      settings: NotificationSettings,
    ): Promise<NotificationSettings> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const before = await notificationsRepository.findPreferences(trx, actor.accountId);
        if (!before) throw notFound('未找到您的考生账号信息，请重新登录。');
        await notificationsRepository.updateLocale(trx, actor.accountId, settings.locale, now);
        if (before.notificationLocale !== settings.locale) {
          await recordAuditEvent(trx, {
            occurredAt: now,
            actorAccountId: actor.accountId,
            examAreaId: null,
            action: 'candidate.notification_locale_changed',
            entityType: 'candidate',
            entityId: actor.accountId,
            before: { locale: before.notificationLocale },
            after: { locale: settings.locale },
            requestId: actor.requestId,
          });
        }
        return { locale: settings.locale };
      });
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
