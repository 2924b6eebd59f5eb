import { randomUUID } from 'node:crypto';
import type { OutboxChannel } from '@hqe/core';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/field-crypto';
import { backoffDelay, jobsRepository } from '../jobs';
import { ChannelDeliveryError, type NotificationChannel } from './notification-channel';
import * as outbox from './outbox.repository';

export interface DeliveryOptions {
  /** Tries per message before it is dead (an administrator may resend it). */
  maxAttempts: number;
  /** The first retry's delay; doubles with each try, capped at one hour. */
  backoffBaseMs: number;
  /** A message claimed longer ago than this belongs to a stopped worker and is released. */
  staleAfterMs: number;
  /** Messages claimed per round trip. */
  batchSize: number;
}

/** Eight tries over about two hours: 1, 2, 4, 8, 16, 32, 60 minutes apart. */
export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  maxAttempts: 8,
  backoffBaseMs: 60_000,
  staleAfterMs: 10 * 60_000,
  batchSize: 10,
};

const contentSchema = z.object({
  subject: z.string(),
  body: z.string(),
  sms: z.string().nullable(),
});

/** What may be kept of a failure: a channel's safe message, or the error's name and code. */
function failureOf(error: unknown): ChannelDeliveryError {
  if (error instanceof ChannelDeliveryError) return error;
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
 * Delivers due outbox messages: claims a batch (SKIP LOCKED, committed as `sending`), hands each to
 * its channel, and records the outcome fenced on the claim — sent; failed with the next try after
 * an exponential backoff; or dead after the last try or a permanent failure. Every run first
 * releases messages whose worker stopped mid-delivery, and ends by making sure a dispatch job is
 * queued for the next retry that comes due.
 */
export function createDispatcher(deps: {
  db: Db;
  clock: Clock;
  channels: NotificationChannel[];
  crypto: FieldCrypto | undefined;
  logger: FastifyBaseLogger | undefined;
  options: DeliveryOptions;
  dispatchJob: string;
  contentColumn: string;
}) {
  const { db, clock, options } = deps;
  const queuedChannels = deps.channels.filter((c) => !c.inline);
  const kinds: OutboxChannel[] = queuedChannels.map((c) => c.kind);
  const byKind = new Map(queuedChannels.map((c) => [c.kind, c]));
  const defaultWorkerId = `notifier-${randomUUID()}`;

  async function deliverOne(message: outbox.OutboxMessage, workerId: string): Promise<void> {
    const log = {
      messageId: message.id,
      channel: message.channel,
      template: message.templateKey,
      attempt: message.attempts,
      workerId,
    };
    const claim = {
      id: message.id,
      attempts: message.attempts,
      maxAttempts: message.maxAttempts,
    };
    try {
      const channel = byKind.get(message.channel);
      if (!channel) throw new ChannelDeliveryError(`no ${message.channel} channel`, false);
      if (!message.contentEncrypted || !deps.crypto) {
        throw new ChannelDeliveryError('message text missing', true);
      }
      let content: z.infer<typeof contentSchema>;
      try {
        content = contentSchema.parse(
          JSON.parse(deps.crypto.decrypt(message.contentEncrypted, deps.contentColumn)),
        );
      } catch {
        throw new ChannelDeliveryError('message text cannot be decrypted', true);
      }
      const receipt = await channel.deliver(db, {
        messageId: message.id,
        accountId: message.accountId,
        templateKey: message.templateKey,
        locale: message.locale,
        ...content,
      });
      if (await outbox.markSent(db, claim, workerId, clock.now(), receipt)) {
        deps.logger?.info(log, 'notification sent');
      } else {
        deps.logger?.warn(log, 'notification sent after its claim was lost');
      }
    } catch (error) {
      const failure = failureOf(error);
      const now = clock.now();
      const retryAt =
        failure.permanent || message.attempts >= message.maxAttempts
          ? null
          : new Date(now.getTime() + backoffDelay(message.attempts, options.backoffBaseMs));
      const outcome = await outbox.markFailed(
        db,
        claim,
        workerId,
        failure.safeMessage,
        now,
        retryAt,
      );
      deps.logger?.warn({ ...log, outcome, err: failure.safeMessage }, 'notification failed');
    }
  }

  /** Queues a dispatch for the next message that comes due, unless one is pending by then. */
  async function scheduleNext(): Promise<void> {
    const next = await outbox.nextDueAt(db, kinds);
    if (!next) return;
    if (await outbox.hasPendingJob(db, deps.dispatchJob, next)) return;
    await jobsRepository.enqueue(db, { kind: deps.dispatchJob, runAt: next, maxAttempts: 3 });
  }

  return {
    /**
     * Delivers due messages until none is left; returns how many tries were made. Several workers
     * may run this at once: each message is claimed by one of them only.
     */
    async dispatchDue(workerId: string = defaultWorkerId): Promise<number> {
      if (kinds.length === 0) return 0;
      const start = clock.now();
      await outbox.releaseStale(db, new Date(start.getTime() - options.staleAfterMs), start);
      let total = 0;
      for (;;) {
        const batch = await outbox.claimDue(db, workerId, clock.now(), kinds, options.batchSize);
        if (batch.length === 0) break;
        for (const message of batch) {
          await deliverOne(message, workerId);
          total += 1;
        }
      }
      await scheduleNext();
      return total;
    },
  };
}
