import { createHash } from 'node:crypto';
import {
  NOTICE_ATTACHMENT_MAX_BYTES,
  type ExamNoticeInput,
  type ExamNoticeView,
  type NoticeAttachmentView,
  type UploadAttachmentRequest,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, conflict, notFound } from '../../lib/errors';
import { detectFileType, extensionOf, FILE_TYPES } from '../../lib/file-type';
import { FileNotFoundError, newStorageKey, type FileStorage } from '../../lib/storage';
import { recordAuditEvent } from '../audit';
import { assertManagesArea } from './area-access';
import * as catalogAdminRepository from './catalog-admin.repository';
import * as repo from './notices.repository';

type NoticeRow = NonNullable<Awaited<ReturnType<typeof repo.findNotice>>>;
type AttachmentRow = Awaited<ReturnType<typeof repo.listAttachments>>[number];

/** A file to send: its name, content type and bytes. */
export interface Download {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

const publicUrl = (a: AttachmentRow) => `/api/notices/${a.noticeId}/attachments/${a.id}`;
const adminUrl = (a: AttachmentRow) => `/api/admin/notices/${a.noticeId}/attachments/${a.id}`;

function toAttachmentView(
  a: AttachmentRow,
  url: (a: AttachmentRow) => string,
): NoticeAttachmentView {
  return {
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    downloadUrl: url(a),
  };
}

const noticeSnapshot = (n: NoticeRow) => ({
  cycleId: n.cycleId,
  title: n.title,
  body: n.body,
  publishedAt: n.publishedAt?.toISOString() ?? null,
});

/**
 * Creates the exam notices (考试通知) use cases: area administrators write, publish and attach
 * files; anyone reads the published notices of an area and cycle and downloads their attachments.
 */
export function createNoticeService({
  db,
  clock,
  storage,
}: {
  db: Db;
  clock: Clock;
  storage: FileStorage;
}) {
  async function view(trx: Db, notice: NoticeRow): Promise<ExamNoticeView> {
    const attachments = await repo.listAttachments(trx, [notice.id]);
    return {
      id: notice.id,
      cycleId: notice.cycleId,
      examAreaId: notice.examAreaId,
      title: notice.title,
      body: notice.body,
      status: notice.publishedAt ? 'published' : 'draft',
      publishedAt: notice.publishedAt?.toISOString() ?? null,
      createdAt: notice.createdAt.toISOString(),
      updatedAt: notice.updatedAt.toISOString(),
      attachments: attachments.map((a) => toAttachmentView(a, adminUrl)),
    };
  }

  async function requireCycleArea(cycleId: number, examAreaId: number) {
    if (!(await catalogAdminRepository.findCycle(db, cycleId))) {
      throw notFound('未找到该考试年度。');
    }
    if (!(await catalogAdminRepository.findExamArea(db, examAreaId))) {
      throw notFound('未找到该考区。');
    }
  }

  /** Loads a notice the actor may manage; another area's notice is refused (403). */
  async function loadManaged(trx: Db, actor: Actor, id: number, lock: boolean) {
    const notice = await repo.findNotice(trx, id, lock);
    if (!notice) throw notFound('未找到该考试通知。');
    assertManagesArea(actor, notice.examAreaId);
    return notice;
  }

  /** Runs a change of a managed notice in one transaction with its audit event. */
  async function change(
    actor: Actor,
    id: number,
    action: string,
    apply: (trx: Db, before: NoticeRow, now: Date) => Promise<{ after: NoticeRow; extra?: object }>,
  ): Promise<ExamNoticeView> {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const before = await loadManaged(trx, actor, id, true);
      const { after, extra } = await apply(trx, before, now);
      await recordAuditEvent(trx, {
        occurredAt: now,
        actorAccountId: actor.accountId,
        examAreaId: before.examAreaId,
        action,
        entityType: 'exam_notice',
        entityId: id,
        before: noticeSnapshot(before),
        after: { ...noticeSnapshot(after), ...extra },
        requestId: actor.requestId,
      });
      return view(trx, after);
    });
  }

  async function read(row: AttachmentRow): Promise<Download> {
    try {
      const bytes = await storage.get(row.storageKey);
      return { fileName: row.fileName, contentType: row.contentType, bytes };
    } catch (error) {
      if (error instanceof FileNotFoundError) throw notFound('附件文件不存在，请联系考区。');
      throw error;
    }
  }

  return {
    /** The notices of an area in a cycle, drafts included (administrators). */
    async listNotices(actor: Actor, cycleId: number, examAreaId: number) {
      assertManagesArea(actor, examAreaId);
      await requireCycleArea(cycleId, examAreaId);
      const rows = await repo.listNotices(db, cycleId, examAreaId, { publishedOnly: false });
      return { items: await Promise.all(rows.map((n) => view(db, n))) };
    },

    /** One notice with its attachments (administrators). */
    async getNotice(actor: Actor, id: number) {
      return view(db, await loadManaged(db, actor, id, false));
    },

    /** Writes a new notice as a draft. */
    async createNotice(actor: Actor, cycleId: number, examAreaId: number, input: ExamNoticeInput) {
      assertManagesArea(actor, examAreaId);
      await requireCycleArea(cycleId, examAreaId);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const notice = await repo.insertNotice(trx, {
          cycleId,
          examAreaId,
          ...input,
          publishedAt: null,
          createdAt: now,
          updatedAt: now,
        });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId,
          action: 'exam_notice.created',
          entityType: 'exam_notice',
          entityId: notice.id,
          after: noticeSnapshot(notice),
          requestId: actor.requestId,
        });
        return view(trx, notice);
      });
    },

    /** Changes a notice's title and body (published or not; the change is audited). */
    updateNotice: (actor: Actor, id: number, input: ExamNoticeInput) =>
      change(actor, id, 'exam_notice.updated', async (trx, _before, now) => ({
        after: await repo.updateNotice(trx, id, { ...input, updatedAt: now }),
      })),

    /** Publishes a draft: candidates see it from now on, before logging in. */
    publishNotice: (actor: Actor, id: number) =>
      change(actor, id, 'exam_notice.published', async (trx, before, now) => {
        if (before.publishedAt) throw new AppError('invalid_transition', '该通知已发布。');
        return { after: await repo.updateNotice(trx, id, { publishedAt: now, updatedAt: now }) };
      }),

    /** Withdraws a published notice back to draft. */
    unpublishNotice: (actor: Actor, id: number) =>
      change(actor, id, 'exam_notice.unpublished', async (trx, before, now) => {
        if (!before.publishedAt) throw new AppError('invalid_transition', '该通知尚未发布。');
        return { after: await repo.updateNotice(trx, id, { publishedAt: null, updatedAt: now }) };
      }),

    /**
     * Attaches a file, checked by its content (PDF, DOC/DOCX, XLS/XLSX, JPEG, PNG; the name's
     * extension must agree) and size. The bytes are stored first, then recorded with their
     * SHA-256 in one transaction with the audit event; if that fails, the file is removed.
     */
    async addAttachment(actor: Actor, id: number, input: UploadAttachmentRequest) {
      const bytes = Buffer.from(input.contentBase64, 'base64');
      if (bytes.length === 0) {
        throw new AppError('validation_failed', '附件内容不能为空。', {
          issues: [{ path: 'contentBase64', message: '附件内容不能为空' }],
        });
      }
      if (bytes.length > NOTICE_ATTACHMENT_MAX_BYTES) {
        throw new AppError('payload_too_large', '附件不能超过 10 MB。');
      }
      const type = detectFileType(bytes);
      if (!type) {
        throw new AppError(
          'unsupported_media_type',
          '附件内容不是允许的类型：PDF、Word（DOC/DOCX）、Excel（XLS/XLSX）、JPEG 或 PNG 图片。',
        );
      }
      const extension = extensionOf(input.fileName);
      if (!(FILE_TYPES[type].extensions as readonly string[]).includes(extension)) {
        throw new AppError(
          'unsupported_media_type',
          `文件扩展名“.${extension}”与文件内容（${FILE_TYPES[type].label}）不符，请确认上传的文件。`,
        );
      }
      const notice = await loadManaged(db, actor, id, false);
      if (await repo.findAttachmentByName(db, notice.id, input.fileName)) {
        throw conflict(`该通知已有名为“${input.fileName}”的附件。`, {
          issues: [{ path: 'fileName', message: '附件名称已存在' }],
        });
      }
      const now = clock.now();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const storageKey = newStorageKey('notice-attachments', now);
      await storage.put(storageKey, bytes);
      try {
        return await change(actor, id, 'exam_notice.attachment_added', async (trx) => {
          const attachment = await repo.insertAttachment(trx, {
            noticeId: id,
            fileName: input.fileName,
            storageKey,
            contentType: FILE_TYPES[type].contentType,
            sizeBytes: bytes.length,
            sha256,
            createdAt: now,
          });
          const after = await repo.updateNotice(trx, id, { updatedAt: now });
          const { storageKey: _key, noticeId: _notice, ...recorded } = attachment;
          return { after, extra: { attachment: recorded } };
        });
      } catch (error) {
        await storage.delete(storageKey);
        throw error;
      }
    },

    /** Removes an attachment; its file is deleted once the removal is committed. */
    async removeAttachment(actor: Actor, id: number, attachmentId: number) {
      const removed: { storageKey?: string } = {};
      const result = await change(
        actor,
        id,
        'exam_notice.attachment_removed',
        async (trx, _before, now) => {
          const attachment = await repo.findAttachment(trx, id, attachmentId);
          if (!attachment) throw notFound('未找到该附件。');
          await repo.deleteAttachment(trx, attachmentId);
          removed.storageKey = attachment.storageKey;
          const { storageKey: _key, noticeId: _notice, ...recorded } = attachment;
          return {
            after: await repo.updateNotice(trx, id, { updatedAt: now }),
            extra: { attachment: recorded },
          };
        },
      );
      if (removed.storageKey) await storage.delete(removed.storageKey);
      return result;
    },

    /** An attachment of any notice the actor manages, published or not (to check a draft). */
    async downloadForAdmin(actor: Actor, id: number, attachmentId: number): Promise<Download> {
      await loadManaged(db, actor, id, false);
      const row = await repo.findAttachment(db, id, attachmentId);
      if (!row) throw notFound('未找到该附件。');
      return read(row);
    },

    /** The published notices of an area in a cycle, as candidates see them before logging in. */
    async listPublished(cycleId: number, examAreaId: number) {
      await requireCycleArea(cycleId, examAreaId);
      const rows = await repo.listNotices(db, cycleId, examAreaId, { publishedOnly: true });
      const attachments = await repo.listAttachments(
        db,
        rows.map((n) => n.id),
      );
      return {
        cycleId,
        examAreaId,
        items: rows.flatMap((n) =>
          n.publishedAt
            ? [
                {
                  id: n.id,
                  title: n.title,
                  body: n.body,
                  publishedAt: n.publishedAt.toISOString(),
                  attachments: attachments
                    .filter((a) => a.noticeId === n.id)
                    .map((a) => toAttachmentView(a, publicUrl)),
                },
              ]
            : [],
        ),
      };
    },

    /** An attachment of a published notice; anything else is not found. */
    async downloadPublished(id: number, attachmentId: number): Promise<Download> {
      const notice = await repo.findNotice(db, id);
      const row = notice?.publishedAt ? await repo.findAttachment(db, id, attachmentId) : undefined;
      if (!row) throw notFound('未找到该附件。');
      return read(row);
    },
  };
}
export type NoticeService = ReturnType<typeof createNoticeService>;
