import {
  AREA_TEMPLATE_KEYS,
  checkTemplateText,
  composeNotificationEmail,
  isNotificationTemplateKey,
  NOTIFICATION_LOCALES,
  NOTIFICATION_TEMPLATES,
  renderNotification,
  RESENDABLE_STATUSES,
  ROLES,
  sampleValues,
  templateDefinition,
  type DeliveryAttemptList,
  type NotificationLocale,
  type NotificationMessageList,
  type NotificationMessageListParams,
  type NotificationMessageView,
  type NotificationTemplateList,
  type NotificationTemplatePreview,
  type PutNotificationTemplateRequest,
} from '@hqe/core';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden, notFound, validationFailed } from '../../lib/errors';
import { recordAuditEvent } from '../audit';
import type { CandidateService } from '../candidates';
import { jobsRepository } from '../jobs';
import { DEFAULT_DELIVERY_OPTIONS } from './dispatcher';
import { NOTIFICATION_DISPATCH_JOB } from './notifications.service';
import * as outbox from './outbox.repository';
import * as templatesRepository from './templates.repository';

const MESSAGE_NOT_FOUND = '未找到该消息，请刷新列表后重试。';
const AREA_NOT_FOUND = '未找到该考区，请刷新页面后重试。';

type AreaTemplateKey = (typeof AREA_TEMPLATE_KEYS)[number];
interface TemplateRef {
  examAreaId: number;
  key: AreaTemplateKey;
  locale: NotificationLocale;
}

const isPlatformAdmin = (actor: Actor) => actor.roles.includes(ROLES.platform_admin);

/** Platform administrators see every area; area administrators their own; nobody else any. */
function assertAdmin(actor: Actor): void {
  if (isPlatformAdmin(actor)) return;
  if (actor.roles.includes(ROLES.area_admin) && actor.examAreaId !== null) return;
  throw forbidden('只有考区管理员和平台管理员可以查看消息发送记录和消息模板。');
}

/** Whether the actor may see a message or the templates of an area (null: account messages). */
function mayReach(actor: Actor, examAreaId: number | null): boolean {
  if (isPlatformAdmin(actor)) return true;
  return examAreaId !== null && actor.examAreaId === examAreaId;
}

function viewOf(row: outbox.MessageListRow): NotificationMessageView {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    examAreaId: row.examAreaId,
    examAreaName: row.examAreaName,
    accountId: row.accountId,
    candidateName: row.candidateName,
    templateKey: row.templateKey,
    templateLabel: isNotificationTemplateKey(row.templateKey)
      ? NOTIFICATION_TEMPLATES[row.templateKey].label
      : row.templateKey,
    channel: row.channel,
    locale: row.locale,
    recipientMasked: row.recipientMasked,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    canResend: RESENDABLE_STATUSES.includes(row.status),
  };
}

/**
 * The administration of notifications (issue #7): the outbox of every message with its delivery
 * attempts and a resend for failed ones, and each exam area's template texts with a preview. Area
 * administrators work on their own area (another area's message or templates are "not found");
 * platform administrators on all, including account messages of no area. Changes are audited.
 */
export function createNotificationAdminService(deps: {
  db: Db;
  clock: Clock;
  candidates: Pick<CandidateService, 'accountIdsFor'>;
}) {
  const { db, clock } = deps;

  async function loadArea(actor: Actor, examAreaId: number, handle: Kysely<Database> = db) {
    assertAdmin(actor);
    if (!mayReach(actor, examAreaId)) throw notFound(AREA_NOT_FOUND);
    const area = await templatesRepository.findExamArea(handle, examAreaId, handle !== db);
    if (!area) throw notFound(AREA_NOT_FOUND);
    return area;
  }

  function checkText(key: AreaTemplateKey, text: PutNotificationTemplateRequest) {
    const normalized = {
      subject: text.subject.trim(),
      body: text.body.trim(),
      sms: text.sms?.trim() ?? null,
    };
    const issues = checkTemplateText(key, normalized);
    if (issues.length > 0) {
      throw validationFailed(
        issues.map((i) => i.message).join(''),
        issues.map((i) => ({ path: i.field, message: i.message })),
      );
    }
    return normalized;
  }

  return {
    /** One page of messages, newest first, filtered; area administrators see their area only. */
    async listMessages(
      actor: Actor,
      query: NotificationMessageListParams,
    ): Promise<NotificationMessageList> {
      assertAdmin(actor);
      let examAreaId = query.examAreaId;
      if (!isPlatformAdmin(actor)) {
        if (examAreaId !== undefined && examAreaId !== actor.examAreaId) {
          throw notFound(AREA_NOT_FOUND);
        }
        examAreaId = actor.examAreaId ?? undefined;
      }
      const accountIds = query.candidate
        ? await deps.candidates.accountIdsFor(query.candidate)
        : undefined;
      const { items, total } = await outbox.listMessages(
        db,
        {
          examAreaId,
          status: query.status,
          channel: query.channel,
          templateKey: query.templateKey,
          accountIds,
        },
        { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
      );
      return { items: items.map(viewOf), total, page: query.page, pageSize: query.pageSize };
    },

    /** Every try at delivering one message. */
    async listAttempts(actor: Actor, messageId: number): Promise<DeliveryAttemptList> {
      assertAdmin(actor);
      const message = await outbox.findMessageArea(db, messageId);
      if (!message || !mayReach(actor, message.examAreaId)) throw notFound(MESSAGE_NOT_FOUND);
      const rows = await outbox.listAttempts(db, messageId);
      return {
        items: rows.map((a) => ({
          attemptNo: a.attemptNo,
          startedAt: a.startedAt.toISOString(),
          finishedAt: a.finishedAt?.toISOString() ?? null,
          ok: a.ok,
          error: a.error,
        })),
      };
    },

    /**
     * 重新发送: queues a failed or dead message again, due now, with a fresh set of tries; the
     * same message (its dedupe key, its attempts so far) — not a copy. Audited.
     */
    async resend(actor: Actor, messageId: number): Promise<NotificationMessageView> {
      assertAdmin(actor);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const message = await outbox.lockMessage(trx, messageId);
        if (!message || !mayReach(actor, message.examAreaId)) throw notFound(MESSAGE_NOT_FOUND);
        if (!RESENDABLE_STATUSES.includes(message.status)) {
          throw new AppError(
            'invalid_transition',
            message.status === 'sent'
              ? '该消息已发送成功，无需重新发送。'
              : '该消息正在等待发送或发送中，只有发送失败的消息可以重新发送。请刷新列表查看最新状态。',
          );
        }
        await outbox.requeue(
          trx,
          messageId,
          now,
          message.attempts + DEFAULT_DELIVERY_OPTIONS.maxAttempts,
        );
        await jobsRepository.enqueue(trx, {
          kind: NOTIFICATION_DISPATCH_JOB,
          runAt: now,
          maxAttempts: 3,
        });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: message.examAreaId,
          action: 'notification_message.resent',
          entityType: 'notification_message',
          entityId: messageId,
          before: { status: message.status, attempts: message.attempts },
          after: { status: 'queued' },
          requestId: actor.requestId,
        });
      });
      const row = await outbox.findMessageView(db, messageId);
      if (!row) throw notFound(MESSAGE_NOT_FOUND);
      return viewOf(row);
    },

    /** The area's templates: each with its placeholders, its default text and the area's own. */
    async listTemplates(actor: Actor, examAreaId: number): Promise<NotificationTemplateList> {
      await loadArea(actor, examAreaId);
      const overrides = await templatesRepository.listOverrides(db, examAreaId);
      return {
        examAreaId,
        items: AREA_TEMPLATE_KEYS.map((key) => {
          const definition = templateDefinition(key);
          return {
            key,
            label: definition.label,
            description: definition.description,
            urgent: definition.urgent,
            placeholders: Object.entries(definition.placeholders).map(([name, spec]) => ({
              name,
              label: spec.label,
              kind: spec.kind,
              required: spec.required === true,
            })),
            variants: NOTIFICATION_LOCALES.map((locale) => {
              const own = overrides.find((o) => o.templateKey === key && o.locale === locale);
              return {
                locale,
                default: { ...definition.text[locale] },
                override: own
                  ? {
                      subject: own.subject,
                      body: own.body,
                      sms: own.sms,
                      updatedAt: own.updatedAt.toISOString(),
                      updatedBy: own.updatedByUsername,
                    }
                  : null,
              };
            }),
          };
        }),
      };
    },

    /** Saves the area's own text of a template in one language (checked, audited). */
    async putTemplate(
      actor: Actor,
      ref: TemplateRef,
      text: PutNotificationTemplateRequest,
    ): Promise<NotificationTemplateList> {
      const checked = checkText(ref.key, text);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await loadArea(actor, ref.examAreaId, trx);
        const before = await templatesRepository.findOverride(
          trx,
          ref.examAreaId,
          ref.key,
          ref.locale,
        );
        await templatesRepository.upsertOverride(trx, {
          examAreaId: ref.examAreaId,
          templateKey: ref.key,
          locale: ref.locale,
          ...checked,
          updatedBy: actor.accountId,
          updatedAt: now,
        });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: ref.examAreaId,
          action: 'notification_template.updated',
          entityType: 'notification_template',
          entityId: `${ref.examAreaId}:${ref.key}:${ref.locale}`,
          before: before ?? { default: true },
          after: checked,
          requestId: actor.requestId,
        });
      });
      return this.listTemplates(actor, ref.examAreaId);
    },

    /** Drops the area's own text: the default applies again (audited). */
    async resetTemplate(actor: Actor, ref: TemplateRef): Promise<NotificationTemplateList> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await loadArea(actor, ref.examAreaId, trx);
        const before = await templatesRepository.findOverride(
          trx,
          ref.examAreaId,
          ref.key,
          ref.locale,
        );
        if (!before) return;
        await templatesRepository.deleteOverride(trx, ref.examAreaId, ref.key, ref.locale);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: ref.examAreaId,
          action: 'notification_template.reset',
          entityType: 'notification_template',
          entityId: `${ref.examAreaId}:${ref.key}:${ref.locale}`,
          before,
          after: { default: true },
          requestId: actor.requestId,
        });
      });
      return this.listTemplates(actor, ref.examAreaId);
    },

    /** The text as a candidate would read it, with sample values; nothing is saved. */
    async previewTemplate(
      actor: Actor,
      ref: TemplateRef,
      text: PutNotificationTemplateRequest,
    ): Promise<NotificationTemplatePreview> {
      await loadArea(actor, ref.examAreaId);
      const checked = checkText(ref.key, text);
      const rendered = renderNotification(ref.key, ref.locale, sampleValues(ref.key), checked);
      return { ...rendered, email: composeNotificationEmail(ref.locale, rendered) };
    },
  };
}
export type NotificationAdminService = ReturnType<typeof createNotificationAdminService>;
