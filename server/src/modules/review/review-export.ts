import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  ELIGIBILITY_LABELS,
  formatShanghai,
  GENDER_LABELS,
  MATERIAL_SLOT_LABELS,
  normalizeDocumentNumber,
  REGISTRATION_STATUS_LABELS,
  REGISTRATION_STATUSES,
  REVIEW_EXPORT_COLUMNS,
  REVIEW_EXPORT_MAX_ROWS,
  ROLES,
  type MaterialSlotKey,
  type RegistrationStatus,
  type ReviewExportQuery,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { validationFailed } from '../../lib/errors';
import { maskDocumentNumber, maskMobile, type FieldCrypto } from '../../lib/field-crypto';
import { recordAuditEvent } from '../audit';
import { loadScope } from './review-dashboard.service';
import { assertStageStatus, resolveQueueFilters, resolveQueueSearch } from './review-queue.filters';
import { countQueue, queueQuery, type ResolvedQueueFilters } from './review-queue.repository';
import { assertCanReadStage, STAGE_WAITING_STATUS } from './review-scope';

/*
 * 导出 Excel (issue #6, "Oversight"): an exam area's registrations of one cycle as an .xlsx sheet,
 * with the queue's filters. The workbook is streamed (exceljs' WorkbookWriter, one committed row
 * at a time) from keyset-paged reads of BATCH rows, so an area of 100,000 registrations never sits
 * in memory and other requests are served between the reads.
 *
 * Who: area administrators (and platform administrators, who name the area) get the office's
 * working file with full document numbers and mobiles; reviewers get them masked. Every export is
 * audited before its first byte leaves: who, the area, the filters (a searched name or document
 * number masked) and the number of rows.
 *
 * Rows come status by status in the lifecycle's order (未提交, 待确认, …), each by 网报号, through the
 * queue's own conditions (review-queue.filters.ts), so the export matches what the list shows.
 *
 * Formula injection: every value is written as a plain string cell (never a formula), and a value
 * beginning with = + - @ tab or carriage return gets a leading apostrophe, so neither Excel nor a
 * later CSV round trip evaluates it.
 */

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows read per statement. */
const BATCH = 1000;

const COLUMN_WIDTHS: Record<(typeof REVIEW_EXPORT_COLUMNS)[number], number> = {
  网报号: 17,
  姓名: 12,
  证件类型: 14,
  证件号码: 22,
  性别: 6,
  出生日期: 12,
  手机号: 15,
  报名地市: 12,
  考点: 22,
  专业代码: 9,
  专业名称: 22,
  级别: 9,
  科目: 40,
  工作单位: 28,
  科室: 14,
  学历: 16,
  毕业院校: 24,
  所学专业: 18,
  毕业时间: 12,
  状态: 14,
  提交时间: 17,
  确认时间: 17,
  退回原因: 36,
  审核结论: 36,
};

/** Characters XML 1.0 cannot carry (a workbook holding one would not open). */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * A cell's text made inert: control characters removed, and a leading apostrophe before = + - @
 * tab or carriage return (OWASP's advice against formula injection in exported sheets). The cell
 * is a string cell anyway; the apostrophe is kept visible because exceljs (4.4) has no way to set
 * the `quotePrefix` cell style (Excel's hidden apostrophe), and without a marker the value would
 * become a live formula when the sheet is edited or saved as CSV and opened again.
 */
export function inertCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = value.replace(XML_INVALID, '');
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** `q` as the audit keeps it: a 网报号 as it is; a name or document number masked. */
function maskedSearch(q: string): string {
  const normalised = normalizeDocumentNumber(q);
  if (/^\d{1,14}$/.test(normalised)) return normalised;
  if (/^[0-9A-Z]{5,30}$/.test(normalised) && /\d/.test(normalised)) {
    return maskDocumentNumber(normalised);
  }
  return `${Array.from(q.trim())[0] ?? ''}**`;
}

/**
 * The statuses an export covers, in the lifecycle's order: the one asked for; else the stage's
 * waiting status; else every status.
 */
function statusesOf(query: ReviewExportQuery): RegistrationStatus[] {
  if (query.status) return [query.status];
  if (query.stage) return [STAGE_WAITING_STATUS[query.stage]];
  return [...REGISTRATION_STATUSES];
}

/**
 * The queue's conditions (review-queue.filters.ts: the same filters and search box as the list
 * and "next"), once per status covered.
 */
async function resolveFilters(
  db: Db,
  crypto: FieldCrypto,
  examAreaId: number,
  query: ReviewExportQuery,
): Promise<ResolvedQueueFilters[]> {
  const { q, examAreaId: _area, stage, status: _status, ...filters } = query;
  // Named a stage: the stage's statuses only, as in its list; without one, any status.
  if (stage) assertStageStatus(stage, query.status);
  const statuses = statusesOf(query);
  const common = await resolveQueueFilters(db, examAreaId, {
    ...filters,
    stage: stage ?? 'confirmation',
    status: statuses[0],
  });
  if (q !== undefined) common.search = await resolveQueueSearch(db, crypto, examAreaId, q);
  return statuses.map((status) => ({ ...common, status }));
}

/** One batch of a status's rows after `after` (a 网报号), in 网报号 order, as the sheet shows them. */
function readBatch(db: Db, filters: ResolvedQueueFilters, after: string | null) {
  let q = queueQuery(db, filters)
    .innerJoin('candidates as c', 'c.accountId', 'r.accountId')
    .leftJoin('examAreaCities as city', 'city.id', 'r.cityId')
    .leftJoin('testSites as site', 'site.id', 'r.testSiteId')
    .leftJoin('areaOfferings as o', 'o.id', 'r.areaOfferingId')
    .leftJoin('specialties as s', 's.id', 'o.specialtyId')
    .select([
      'r.registrationNumber',
      'r.status',
      'r.employer',
      'r.department',
      'r.educationSnapshot',
      'r.submittedAt',
      'r.confirmedAt',
      'r.returnReasons',
      'r.returnNote',
      'r.reviewResult',
      'r.reviewReasons',
      'r.reviewNote',
      'r.supplementSlots',
      'r.supplementNote',
      'c.name',
      'c.documentType',
      'c.documentNumberEncrypted',
      'c.gender',
      'c.birthDate',
      'c.mobileEncrypted',
      'city.name as cityName',
      'site.name as testSiteName',
      's.code as specialtyCode',
      's.name as specialtyName',
      's.level',
      's.subjects',
    ])
    .orderBy('r.registrationNumber')
    .limit(BATCH);
  if (after !== null) q = q.where('r.registrationNumber', '>', after);
  return q.execute();
}
type ExportRow = Awaited<ReturnType<typeof readBatch>>[number];

interface StoredReason {
  label?: unknown;
}

/** The labels of stored reasons (jsonb arrays of { code, label, explanation }). */
function labelsOf(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((r: StoredReason) =>
    typeof r.label === 'string' && r.label ? [r.label] : [],
  );
}

function withNote(text: string, note: string | null): string {
  return note ? `${text}${text ? '；' : ''}备注：${note}` : text;
}

/** 退回原因: the last return's reasons and note (cleared once confirmed). */
function returnText(row: ExportRow): string {
  return withNote(labelsOf(row.returnReasons).join('、'), row.returnNote);
}

/** 审核结论: the qualification decision (recorded, whether published yet or not) or a supplement. */
function reviewText(row: ExportRow): string {
  if (row.reviewResult === 'qualified') return withNote('通过', row.reviewNote);
  if (row.reviewResult === 'disqualified') {
    const reasons = labelsOf(row.reviewReasons).join('、');
    return withNote(reasons ? `不通过：${reasons}` : '不通过', row.reviewNote);
  }
  if (row.status === 'supplement_requested') {
    const slots = Array.isArray(row.supplementSlots)
      ? (row.supplementSlots as unknown[]).flatMap((k) =>
          typeof k === 'string' && k in MATERIAL_SLOT_LABELS
            ? [MATERIAL_SLOT_LABELS[k as MaterialSlotKey]]
            : [],
        )
      : [];
    return withNote(
      `要求补充材料${slots.length ? `：${slots.join('、')}` : ''}`,
      row.supplementNote,
    );
  }
  return '';
}

interface EducationSnapshot {
  level?: keyof typeof ELIGIBILITY_LABELS.educationLevel;
  mode?: string;
  school?: string;
  major?: string;
  graduationDate?: string;
}

const shanghai = (instant: Date | null) => (instant ? formatShanghai(new Date(instant)) : '');

/** The sheet's cells of one registration, in REVIEW_EXPORT_COLUMNS' order. */
function cellsOf(row: ExportRow, crypto: FieldCrypto, full: boolean): string[] {
  const documentNumber = crypto.decrypt(row.documentNumberEncrypted, 'candidates.document_number');
  const mobile = crypto.decrypt(row.mobileEncrypted, 'candidates.mobile');
  const education = (row.educationSnapshot ?? {}) as EducationSnapshot;
  const educationLevel = education.level ? ELIGIBILITY_LABELS.educationLevel[education.level] : '';
  const values: string[] = [
    row.registrationNumber,
    row.name,
    ELIGIBILITY_LABELS.identityDocument[row.documentType],
    full ? documentNumber : maskDocumentNumber(documentNumber),
    row.gender ? GENDER_LABELS[row.gender] : '',
    row.birthDate ?? '',
    full ? mobile : maskMobile(mobile),
    row.cityName ?? '',
    row.testSiteName ?? '',
    row.specialtyCode ?? '',
    row.specialtyName ?? '',
    row.level ? ELIGIBILITY_LABELS.level[row.level] : '',
    (row.subjects ?? []).join('、'),
    row.employer ?? '',
    row.department ?? '',
    educationLevel && education.mode === 'in_service'
      ? `${educationLevel}（在职）`
      : educationLevel,
    education.school ?? '',
    education.major ?? '',
    education.graduationDate ?? '',
    REGISTRATION_STATUS_LABELS[row.status],
    shanghai(row.submittedAt),
    shanghai(row.confirmedAt),
    returnText(row),
    reviewText(row),
  ];
  return values.map(inertCell);
}

/** Resolves when the stream wants more, or when it has been closed (the client went away). */
async function drained(stream: PassThrough): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return;
  const controller = new AbortController();
  await Promise.race([
    once(stream, 'drain', { signal: controller.signal }),
    once(stream, 'close', { signal: controller.signal }),
  ]).catch(() => undefined);
  controller.abort();
}

/** A file name without the characters file systems refuse. */
const safeName = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_');

export interface ReviewExportFile {
  fileName: string;
  rowCount: number;
  stream: Readable;
}

export function createReviewExportService({
  db,
  clock,
  crypto,
  onStreamError,
}: {
  db: Db;
  clock: Clock;
  crypto: FieldCrypto;
  /** Told when writing the sheet fails after the response started (the message, no data). */
  onStreamError: (error: Error) => void;
}) {
  /** Writes the workbook into `out`, batch by batch; destroys `out` on failure. */
  async function writeWorkbook(
    out: PassThrough,
    perStatus: readonly ResolvedQueueFilters[],
    full: boolean,
  ) {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    workbook.creator = '全国卫生专业技术资格考试网上报名系统';
    const sheet = workbook.addWorksheet('报名信息', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = REVIEW_EXPORT_COLUMNS.map((header) => ({
      header,
      key: header,
      width: COLUMN_WIDTHS[header],
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
    for (const filters of perStatus) {
      let after: string | null = null;
      for (;;) {
        if (out.destroyed) return;
        const rows = await readBatch(db, filters, after);
        for (const row of rows) sheet.addRow(cellsOf(row, crypto, full)).commit();
        const last = rows.at(-1);
        if (!last || rows.length < BATCH) break;
        after = last.registrationNumber;
        await drained(out);
      }
    }
    sheet.commit();
    await workbook.commit();
  }

  return {
    /**
     * Checks the scope, counts the rows, audits the export, and returns the file's name, its row
     * count and the stream the sheet is written into (started at once, read by the response).
     */
    async exportRegistrations(actor: Actor, query: ReviewExportQuery): Promise<ReviewExportFile> {
      const isPlatformAdmin = actor.roles.includes(ROLES.platform_admin);
      if (query.stage && !isPlatformAdmin) assertCanReadStage(actor, query.stage);
      const { cycle, area } = await loadScope(db, actor, query);
      const full = isPlatformAdmin || actor.roles.includes(ROLES.area_admin);
      const perStatus = await resolveFilters(db, crypto, area.id, query);
      let rowCount = 0;
      for (const filters of perStatus) rowCount += await countQueue(db, filters);
      if (rowCount > REVIEW_EXPORT_MAX_ROWS) {
        throw validationFailed(
          `符合条件的报名有 ${rowCount} 条，超过一次导出的上限 ${REVIEW_EXPORT_MAX_ROWS} 条。请增加筛选条件（如状态、专业或报名地市）后分批导出。`,
          [],
        );
      }
      const now = clock.now();
      const { examAreaId: _area, cycleId: _cycle, q, ...filters } = query;
      await db.transaction().execute((trx) =>
        recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: area.id,
          action: 'review.export',
          entityType: 'exam_area',
          entityId: area.id,
          after: {
            cycleId: cycle.id,
            filters: { ...filters, ...(q !== undefined ? { q: maskedSearch(q) } : {}) },
            rowCount,
            personalData: full ? 'full' : 'masked',
          },
          requestId: actor.requestId,
        }),
      );

      const stream = new PassThrough();
      writeWorkbook(stream, perStatus, full).catch((error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        onStreamError(failure);
        stream.destroy(failure);
      });
      const stamp = formatShanghai(now).replace(/[-:]/g, '').replace(' ', '-');
      return {
        fileName: `${safeName(`报名信息_${area.name}_${cycle.name}`)}_${stamp}.xlsx`,
        rowCount,
        stream,
      };
    },
  };
}
export type ReviewExportService = ReturnType<typeof createReviewExportService>;
