import {
  MATERIAL_FILES_PER_SLOT_MAX,
  MATERIAL_SLOT_LABELS,
  REGISTRATION_STATUS_LABELS,
  type MaterialSlotKey,
  type RegistrationView,
  type ReorderMaterialsRequest,
  type UploadMaterialRequest,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import { AppError, notFound, validationFailed } from '../../lib/errors';
import { materialRejected, processMaterialFile } from '../../lib/material-files';
import { FileNotFoundError, newStorageKey } from '../../lib/storage';
import { recordAuditEvent } from '../audit';
import { loadContext, type RegistrationContext } from './registration-context';
import type { RegistrationDeps } from './registration-deps';
import * as repo from './registrations.repository';
import { candidateVisibleStatus, supplementOf, toRegistrationView } from './registration-view';
import { assertSupplyOpen } from './supplement-deadline';
import { assertEditable, ENTITY, loadOwned } from './transitions';

/** A file to send: its name, content type and bytes. */
export interface MaterialDownload {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

const FILE_NOT_FOUND = '未找到该材料文件，请刷新页面后重试。';
const STAFF_NOT_FOUND = '未找到该报名记录，请返回审核队列重新选择。';

/** What a change of the files touches: a slot, and for a deletion the file. */
interface FilesTarget {
  slotKey: MaterialSlotKey;
  file?: repo.MaterialFileRow;
}

/**
 * The candidate may change the files of a slot: while the registration is editable (draft or
 * returned, the edit gate), or — 补充材料 (R19) — while a supplement is requested and qualification
 * review is open, in the slots the reviewer named only; there a file uploaded before the request
 * (already reviewed) stays, only files added since may be deleted.
 */
function assertFilesChangeable(ctx: RegistrationContext, now: Date, target: FilesTarget): void {
  const { row } = ctx;
  if (row.status !== 'supplement_requested') {
    assertEditable(row, ctx.phases, now);
    return;
  }
  assertSupplyOpen(row, ctx.phases, now);
  const supplement = supplementOf(row);
  const named = supplement?.slots ?? [];
  if (!named.includes(target.slotKey)) {
    throw validationFailed(
      `审核员要求补充的材料栏目为：${named.map((k) => `“${MATERIAL_SLOT_LABELS[k]}”`).join('、')}。“${MATERIAL_SLOT_LABELS[target.slotKey]}”现在不能修改，请在要求补充的栏目中上传。`,
      [{ path: 'slotKey', message: '该栏目不在要求补充的材料中' }],
    );
  }
  if (supplement && target.file && target.file.uploadedAt < supplement.requestedAt) {
    const status = candidateVisibleStatus(row, ctx.phases, now);
    throw new AppError(
      'invalid_transition',
      '该文件在要求补充材料之前已提交审核，不能删除。如需更正，请上传新的文件。',
      { status, statusLabel: REGISTRATION_STATUS_LABELS[status] },
    );
  }
}

/**
 * Material files (R17): several ordered files per slot, images and PDFs checked by their content
 * (lib/material-files), stored through the file storage. Bytes are written before the row's
 * transaction and removed if it fails; a removed file's bytes go once the removal is committed.
 */
export function createMaterialsService(deps: RegistrationDeps) {
  const { db, clock, storage, materialLimits } = deps;

  /** The slot may take one more file: asked for now, and not full. */
  function assertSlotOpen(ctx: RegistrationContext, slotKey: MaterialSlotKey): void {
    const slot = ctx.slots.find((s) => s.key === slotKey && s.requested);
    const label = MATERIAL_SLOT_LABELS[slotKey];
    if (!slot || slotKey === 'photo') {
      throw validationFailed(`当前报名无需上传“${label}”，请在材料列表中选择需要上传的栏目。`, [
        { path: 'slotKey', message: '该栏目无需上传材料' },
      ]);
    }
    const count = ctx.files.filter((f) => f.slotKey === slotKey).length;
    if (count >= MATERIAL_FILES_PER_SLOT_MAX) {
      throw validationFailed(
        `“${label}”最多上传 ${MATERIAL_FILES_PER_SLOT_MAX} 个文件。请删除不需要的文件后再上传，或将多页材料合并为一个 PDF 文件。`,
        [{ path: 'slotKey', message: `每个栏目最多 ${MATERIAL_FILES_PER_SLOT_MAX} 个文件` }],
      );
    }
  }

  /**
   * Runs a change of the files under the registration's row lock and the gate of the slot it
   * touches (`target`: the slot, and the file for a deletion).
   */
  async function change<T>(
    actor: Actor,
    id: number,
    target: (ctx: RegistrationContext) => FilesTarget,
    apply: (trx: Db, ctx: RegistrationContext, now: Date) => Promise<T>,
  ): Promise<{ view: RegistrationView; result: T }> {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const row = await loadOwned(trx, actor.accountId, id, { lock: true });
      const ctx = await loadContext(trx, row);
      assertFilesChangeable(ctx, now, target(ctx));
      const result = await apply(trx, ctx, now);
      const updated = await repo.update(
        trx,
        row.id,
        row.version,
        { updatedAt: now },
        { bump: false },
      );
      if (!updated) throw new AppError('version_conflict');
      return { view: toRegistrationView(await loadContext(trx, updated), now), result };
    });
  }

  async function read(key: string): Promise<Buffer> {
    try {
      return await storage.get(key);
    } catch (error) {
      if (error instanceof FileNotFoundError) throw notFound('材料文件已丢失，请重新上传该文件。');
      throw error;
    }
  }

  return {
    /** Checks a file by its content and appends it at the end of the slot. */
    async upload(
      actor: Actor,
      id: number,
      slotKey: MaterialSlotKey,
      request: UploadMaterialRequest,
    ): Promise<RegistrationView> {
      // Cheap refusals first, before the file is decoded and stored.
      const current = await loadOwned(db, actor.accountId, id);
      const before = await loadContext(db, current);
      assertFilesChangeable(before, clock.now(), { slotKey });
      assertSlotOpen(before, slotKey);

      const processed = await processMaterialFile({
        bytes: Buffer.from(request.contentBase64, 'base64'),
        declaredName: request.fileName,
        limits: materialLimits,
      });
      if (!processed.ok) throw materialRejected(processed.problems);

      const now = clock.now();
      const storageKey = newStorageKey('registration-materials', now);
      const thumbnailKey = processed.thumbnail
        ? newStorageKey('registration-thumbnails', now)
        : null;
      await storage.put(storageKey, processed.bytes);
      try {
        if (thumbnailKey && processed.thumbnail) {
          await storage.put(thumbnailKey, processed.thumbnail.bytes);
        }
        const { view } = await change(
          actor,
          id,
          () => ({ slotKey }),
          async (trx, ctx, at) => {
            assertSlotOpen(ctx, slotKey);
            const position =
              Math.max(
                0,
                ...ctx.files.filter((f) => f.slotKey === slotKey).map((f) => f.position),
              ) + 1;
            const file = await repo.insertFile(trx, {
              registrationId: ctx.row.id,
              slotKey,
              position,
              storageKey,
              thumbnailKey,
              contentType: processed.contentType,
              kind: processed.kind,
              sizeBytes: processed.sizeBytes,
              sha256: processed.sha256,
              pages: processed.pages,
              width: processed.width,
              height: processed.height,
              originalName: processed.fileName,
              uploadedAt: at,
            });
            await recordAuditEvent(trx, {
              occurredAt: at,
              actorAccountId: actor.accountId,
              examAreaId: ctx.row.examAreaId,
              action: 'registration.material_uploaded',
              entityType: ENTITY,
              entityId: ctx.row.id,
              after: {
                fileId: file.id,
                slotKey,
                position,
                kind: file.kind,
                sizeBytes: file.sizeBytes,
                sha256: file.sha256,
              },
              requestId: actor.requestId,
            });
          },
        );
        return view;
      } catch (error) {
        await storage.delete(storageKey);
        if (thumbnailKey) await storage.delete(thumbnailKey);
        throw error;
      }
    },

    /** Removes a file; the others of its slot close up. */
    async remove(actor: Actor, id: number, fileId: number): Promise<RegistrationView> {
      const fileOf = (ctx: RegistrationContext) => {
        const file = ctx.files.find((f) => f.id === fileId);
        if (!file) throw notFound(FILE_NOT_FOUND);
        return file;
      };
      const target = (ctx: RegistrationContext) => {
        const file = fileOf(ctx);
        return { slotKey: file.slotKey, file };
      };
      const { view, result: removed } = await change(actor, id, target, async (trx, ctx, at) => {
        const file = fileOf(ctx);
        await repo.deleteFile(trx, file.id);
        const rest = ctx.files
          .filter((f) => f.slotKey === file.slotKey && f.id !== file.id)
          .sort((a, b) => a.position - b.position)
          .map((f) => f.id);
        await repo.setPositions(trx, ctx.row.id, file.slotKey, rest);
        await recordAuditEvent(trx, {
          occurredAt: at,
          actorAccountId: actor.accountId,
          examAreaId: ctx.row.examAreaId,
          action: 'registration.material_removed',
          entityType: ENTITY,
          entityId: ctx.row.id,
          before: { fileId: file.id, slotKey: file.slotKey, position: file.position },
          requestId: actor.requestId,
        });
        return file;
      });
      // Committed: the bytes are garbage now. Failing to remove them leaves an unreferenced file.
      await storage.delete(removed.storageKey).catch(() => undefined);
      if (removed.thumbnailKey) await storage.delete(removed.thumbnailKey).catch(() => undefined);
      return view;
    },

    /** Puts a slot's files in a new order: every file of the slot, each once. */
    async reorder(
      actor: Actor,
      id: number,
      slotKey: MaterialSlotKey,
      request: ReorderMaterialsRequest,
    ): Promise<RegistrationView> {
      const { view } = await change(
        actor,
        id,
        () => ({ slotKey }),
        async (trx, ctx, at) => {
          const current = ctx.files.filter((f) => f.slotKey === slotKey).map((f) => f.id);
          const same =
            current.length === request.fileIds.length &&
            request.fileIds.every((fileId) => current.includes(fileId));
          if (!same) {
            throw validationFailed(
              `请提供“${MATERIAL_SLOT_LABELS[slotKey]}”中全部 ${current.length} 个文件的新顺序，每个文件出现一次。请刷新页面后重试。`,
              [{ path: 'fileIds', message: '须为该栏目的全部文件，每个一次' }],
            );
          }
          await repo.setPositions(trx, ctx.row.id, slotKey, request.fileIds);
          await recordAuditEvent(trx, {
            occurredAt: at,
            actorAccountId: actor.accountId,
            examAreaId: ctx.row.examAreaId,
            action: 'registration.materials_reordered',
            entityType: ENTITY,
            entityId: ctx.row.id,
            before: { slotKey, fileIds: current },
            after: { slotKey, fileIds: request.fileIds },
            requestId: actor.requestId,
          });
        },
      );
      return view;
    },

    /** A stored material file of the candidate's registration. */
    async download(actor: Actor, id: number, fileId: number): Promise<MaterialDownload> {
      const row = await loadOwned(db, actor.accountId, id);
      const file = await repo.findFile(db, row.id, fileId);
      if (!file) throw notFound(FILE_NOT_FOUND);
      return {
        fileName: file.originalName,
        contentType: file.contentType,
        bytes: await read(file.storageKey),
      };
    },

    /** The thumbnail (JPEG) of an image file; PDFs have none. */
    async thumbnail(actor: Actor, id: number, fileId: number): Promise<Buffer> {
      const row = await loadOwned(db, actor.accountId, id);
      const file = await repo.findFile(db, row.id, fileId);
      if (!file) throw notFound(FILE_NOT_FOUND);
      if (!file.thumbnailKey) throw notFound('PDF 文件没有缩略图，请打开文件查看。');
      return read(file.thumbnailKey);
    },

    /**
     * A material file, or its thumbnail, for the staff of the registration's exam area (the review
     * console, issue #6). A registration of another area is "not found", like a missing one.
     */
    async staffDownload(
      examAreaId: number,
      id: number,
      fileId: number,
      options: { thumbnail: boolean },
    ): Promise<MaterialDownload> {
      const row = await repo.findById(db, id);
      if (row?.examAreaId !== examAreaId) throw notFound(STAFF_NOT_FOUND);
      const file = await repo.findFile(db, row.id, fileId);
      if (!file) throw notFound(FILE_NOT_FOUND);
      if (!options.thumbnail) {
        return {
          fileName: file.originalName,
          contentType: file.contentType,
          bytes: await read(file.storageKey),
        };
      }
      if (!file.thumbnailKey) throw notFound('PDF 文件没有缩略图，请打开文件查看。');
      return {
        fileName: file.originalName,
        contentType: 'image/jpeg',
        bytes: await read(file.thumbnailKey),
      };
    },

    /** The registration photo (JPEG) for the staff of the registration's exam area. */
    async staffPhoto(examAreaId: number, id: number): Promise<Buffer> {
      const row = await repo.findById(db, id);
      if (row?.examAreaId !== examAreaId) throw notFound(STAFF_NOT_FOUND);
      if (!row.photoStorageKey) throw notFound('该报名尚未确认报名照片。');
      try {
        return await storage.get(row.photoStorageKey);
      } catch (error) {
        if (error instanceof FileNotFoundError) throw notFound('报名照片文件已丢失。');
        throw error;
      }
    },
  };
}
export type MaterialsService = ReturnType<typeof createMaterialsService>;
