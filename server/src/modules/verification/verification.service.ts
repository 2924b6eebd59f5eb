import { randomInt } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { formatShanghai, renderNotification } from '@hqe/core';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { Database, VerificationPurpose } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { AppError, validationFailed } from '../../lib/errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { MessageDelivery } from './message-delivery';
import { recipientNamespace } from './outbox-delivery';
import * as outboxRepository from './outbox.repository';
import * as codesRepository from './verification.repository';

/** Wrong guesses allowed per code; the next one has to be requested anew. */
export const MAX_CODE_ATTEMPTS = 5;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const PURPOSE_TEXT: Record<VerificationPurpose, string> = {
  signup: '注册账号',
  password_reset: '找回密码',
  change_mobile: '更换手机号码',
  bind_email: '绑定电子邮箱',
};

const SERVICE_NAME = '全国卫生专业技术资格考试网上报名';

export interface SendCodeInput {
  purpose: VerificationPurpose;
  channel: 'sms' | 'email';
  /** The canonical mobile number or the lower-case e-mail address. */
  destination: string;
  /** The account the code is for (reset) or asked by (change mobile, bind e-mail); null at sign-up. */
  accountId: number | null;
  requesterIp: string;
  /**
   * False records the request (so limits and timing look the same) but sends nothing: used when a
   * password reset names no account, so the answer does not reveal which accounts exist.
   */
  deliver?: boolean;
  /**
   * Set for password reset: a delivery failure is logged and voids the code but does not fail the
   * request, and the answer does not wait for the transport past this moment (epoch ms) — delivery
   * carries on in the background — so neither the status nor the time tells a real account from
   * an unknown identifier (docs/decisions/0008).
   */
  concealDelivery?: { respondBy: number };
}

export interface CheckCodeInput {
  purpose: VerificationPurpose;
  channel: 'sms' | 'email';
  destination: string;
  accountId: number | null;
  code: string;
}

export interface CodeSent {
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

/**
 * Verification codes: 6 digits, kept only as a keyed hash, valid for a limited time, single use,
 * a few wrong guesses each, and rate-limited per destination and per client address. Every limit is
 * decided in the database (under an advisory lock per destination) so several app processes agree.
 * Delivery follows the commit of the code: awaited, except for password reset (docs/decisions/0008).
 */
export function createVerificationService(deps: {
  db: Db;
  clock: Clock;
  crypto: FieldCrypto;
  delivery: MessageDelivery;
  limits: Config['verification'];
  logger?: FastifyBaseLogger;
}) {
  const { db, clock, crypto, delivery, limits } = deps;
  const ttlMs = limits.codeTtlMinutes * 60_000;
  const resendMs = limits.resendSeconds * 1000;

  const destinationHash = (channel: 'sms' | 'email', destination: string) =>
    crypto.lookupHash(recipientNamespace(channel), destination);
  const codeHash = (purpose: VerificationPurpose, dHash: string, code: string) =>
    crypto.lookupHash('verification-code', `${purpose}:${dHash}:${code}`);

  /** One message for every limit, so it does not tell which limit (or whose number) it was. */
  const tooMany = (retryAt: Date, now: Date) => {
    const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
    const when =
      seconds <= 120
        ? `请 ${seconds} 秒后再试`
        : `请于 ${formatShanghai(retryAt)}（北京时间）后再试`;
    return new AppError(
      'rate_limited',
      `获取验证码过于频繁，${when}。`,
      { retryAfterSeconds: seconds },
      { 'retry-after': String(seconds) },
    );
  };

  const invalidCode = (message: string) => validationFailed(message, [{ path: 'code', message }]);

  function messageText(purpose: VerificationPurpose, code: string): string {
    // The text of the `account_code` notification template (core), sent here synchronously.
    const { body } = renderNotification('account_code', 'zh-CN', {
      code,
      minutes: limits.codeTtlMinutes,
      purpose: PURPOSE_TEXT[purpose],
    });
    return `【${SERVICE_NAME}】${body}`;
  }

  /** Sends the code; on failure logs the kind of error only, voids the code and rejects. */
  async function deliverCode(input: SendCodeInput, code: string, id: number): Promise<void> {
    try {
      const text = messageText(input.purpose, code);
      if (input.channel === 'sms') await delivery.sms({ to: input.destination, text });
      else {
        await delivery.email({
          to: input.destination,
          subject: `${SERVICE_NAME}：${PURPOSE_TEXT[input.purpose]}验证码`,
          text: `您好：\n\n${text}\n\n此邮件由系统自动发送，请勿直接回复。\n`,
        });
      }
    } catch (error) {
      // The transport's message may name the recipient: log its kind only.
      deps.logger?.error(
        {
          channel: input.channel,
          purpose: input.purpose,
          errorName: error instanceof Error ? error.name : typeof error,
          errorCode: (error as { code?: unknown }).code,
        },
        'verification code delivery failed',
      );
      await codesRepository.consume(db, id, clock.now());
      throw error;
    }
  }

  return {
    /** Issues a new code and sends it; throws rate_limited with the time to retry. */
    async send(input: SendCodeInput): Promise<CodeSent> {
      const now = clock.now();
      const dHash = destinationHash(input.channel, input.destination);
      const ipHash = crypto.lookupHash('ip', input.requesterIp);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const id = await db.transaction().execute(async (trx) => {
        await codesRepository.lockDestination(trx, dHash);
        const day = await codesRepository.destinationUsage(
          trx,
          dHash,
          new Date(now.getTime() - DAY_MS),
        );
        if (day.newest && now.getTime() - day.newest.getTime() < resendMs) {
          throw tooMany(new Date(day.newest.getTime() + resendMs), now);
        }
        if (day.count >= limits.dailyLimit && day.oldest) {
          throw tooMany(new Date(day.oldest.getTime() + DAY_MS), now);
        }
        const hour = await codesRepository.requesterUsage(
          trx,
          ipHash,
          new Date(now.getTime() - HOUR_MS),
        );
        if (hour.count >= limits.ipHourlyLimit && hour.oldest) {
          throw tooMany(new Date(hour.oldest.getTime() + HOUR_MS), now);
        }
        return codesRepository.insert(trx, {
          purpose: input.purpose,
          channel: input.channel,
          destinationHash: dHash,
          accountId: input.accountId,
          codeHash: codeHash(input.purpose, dHash, code),
          expiresAt: new Date(now.getTime() + ttlMs),
          requesterIpHash: ipHash,
          createdAt: now,
        });
      });

      if (input.deliver !== false) {
        const delivered = deliverCode(input, code, id);
        if (input.concealDelivery) {
          const safe = delivered.catch(() => undefined);
          const wait = input.concealDelivery.respondBy - Date.now();
          if (wait > 0) {
            await Promise.race([safe, new Promise((resolve) => setTimeout(resolve, wait))]);
          }
        } else {
          try {
            await delivered;
          } catch {
            throw new AppError(
              'unavailable',
              input.channel === 'sms'
                ? '短信验证码发送失败，请稍后重新获取。如多次失败，请联系考区。'
                : '邮件验证码发送失败，请核对电子邮箱后稍后重新获取。如多次失败，请联系考区。',
            );
          }
        }
      }
      return {
        expiresInSeconds: limits.codeTtlMinutes * 60,
        resendAfterSeconds: limits.resendSeconds,
      };
    },

    /**
     * Checks a code against the newest one issued for the purpose and destination. A wrong code
     * counts an attempt (committed even though the request fails). Returns the code's id, to
     * `consume` in the transaction of the change it authorises.
     */
    async check(input: CheckCodeInput): Promise<number> {
      const now = clock.now();
      const dHash = destinationHash(input.channel, input.destination);
      const outcome = await db.transaction().execute(async (trx) => {
        const row = await codesRepository.lockNewest(trx, input.purpose, dHash, input.accountId);
        if (!row || row.consumedAt !== null || row.expiresAt.getTime() <= now.getTime()) {
          return { kind: 'expired' as const };
        }
        if (row.attempts >= MAX_CODE_ATTEMPTS) return { kind: 'exhausted' as const };
        if (!crypto.sameHash(row.codeHash, codeHash(input.purpose, dHash, input.code))) {
          await codesRepository.addAttempt(trx, row.id);
          return { kind: 'wrong' as const, left: MAX_CODE_ATTEMPTS - row.attempts - 1 };
        }
        return { kind: 'ok' as const, id: row.id };
      });
      switch (outcome.kind) {
        case 'ok':
          return outcome.id;
        case 'expired':
          return Promise.reject(invalidCode('验证码已失效或不存在，请重新获取验证码。'));
        case 'exhausted':
          return Promise.reject(invalidCode('验证码输入错误次数过多，请重新获取验证码。'));
        case 'wrong':
          return Promise.reject(
            invalidCode(
              outcome.left > 0
                ? `验证码不正确，请核对后重新输入（还可尝试 ${outcome.left} 次）。`
                : '验证码输入错误次数过多，请重新获取验证码。',
            ),
          );
      }
    },

    /** Uses up a checked code inside the transaction of the change; a second use is refused. */
    async consume(trx: Kysely<Database>, id: number): Promise<void> {
      if (!(await codesRepository.consume(trx, id, clock.now()))) {
        throw invalidCode('验证码已被使用，请重新获取验证码。');
      }
    },

    /** Drops codes expired over a day ago (past every limit window) and week-old outbox messages. */
    async purge(): Promise<void> {
      const now = clock.now().getTime();
      await codesRepository.deleteExpiredBefore(db, new Date(now - 2 * DAY_MS));
      await outboxRepository.deleteOlderThan(db, new Date(now - 7 * DAY_MS));
    },
  };
}
export type VerificationService = ReturnType<typeof createVerificationService>;
