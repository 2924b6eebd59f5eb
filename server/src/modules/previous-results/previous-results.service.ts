import { createHash } from 'node:crypto';
import {
  PREVIOUS_RESULTS_IMPORT_MAX_BYTES,
  PREVIOUS_RESULTS_IMPORT_MAX_ROWS,
  type PreviousResultsImportReport,
  type PreviousResultsImportRequest,
  type PreviousResultsSummary,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import { recordAuditEvent } from '../audit';
import { assertManagesArea, readTable } from '../catalog';
import { parsePreviousResultRows } from './previous-results-import';
import * as repo from './previous-results.repository';

const TABLE_LIMITS = {
  maxRows: PREVIOUS_RESULTS_IMPORT_MAX_ROWS,
  tooManyRows: `文件行数过多：一次最多导入 ${PREVIOUS_RESULTS_IMPORT_MAX_ROWS} 行（不含表头），请分成几个文件导入。`,
};

/**
 * 历史考生成绩 (R6): an area's administrators import last year's results; the registrations module
 * reads them at submission (`findPreviousResults`). Lists carry counts only, never personal data.
 */
export function createPreviousResultsService({
  db,
  clock,
  crypto,
}: {
  db: Db;
  clock: Clock;
  crypto: FieldCrypto;
}) {
  async function areaOf(actor: Actor, examAreaId: number) {
    assertManagesArea(actor, examAreaId);
    const area = await repo.findAreaReference(db, examAreaId);
    if (!area) throw notFound('未找到该考区。');
    return area;
  }

  return {
    /**
     * Checks every row, then saves all of them or none (a faulty row, or `dryRun`). A record with
     * the same area, year, document and specialty is replaced by the file's row.
     */
    async importResults(
      actor: Actor,
      examAreaId: number,
      input: PreviousResultsImportRequest,
    ): Promise<PreviousResultsImportReport> {
      const area = await areaOf(actor, examAreaId);
      const bytes = Buffer.from(input.contentBase64, 'base64');
      if (bytes.length > PREVIOUS_RESULTS_IMPORT_MAX_BYTES) {
        throw new AppError('payload_too_large', '导入文件不能超过 10 MB，请分成几个文件导入。');
      }
      const table = await readTable(input.fileName, bytes, TABLE_LIMITS);
      const { results, errors } = parsePreviousResultRows(table.rows, area);
      const hashed = results.map((r) => ({
        ...r,
        hash: crypto.lookupHash('document', r.documentNumber),
      }));
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const existing = await repo.existingKeys(trx, examAreaId, input.year);
        const replaced = hashed.filter((r) => existing.has(`${r.hash}:${r.specialtyCode}`)).length;
        const report: PreviousResultsImportReport = {
          dryRun: input.dryRun,
          applied: false,
          format: table.format,
          year: input.year,
          rows: Math.max(0, table.rows.length - 1),
          created: hashed.length - replaced,
          replaced,
          errors,
        };
        if (errors.length > 0 || input.dryRun) return report;
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const { id: importId } = await repo.insertImport(trx, {
          examAreaId,
          year: input.year,
          fileName: input.fileName,
          sha256,
          rowCount: hashed.length,
          importedBy: actor.accountId,
          importedAt: now,
        });
        await repo.upsertResults(
          trx,
          hashed.map((r) => ({
            examAreaId,
            year: input.year,
            documentNumberHash: r.hash,
            documentNumberEncrypted: crypto.encrypt(
              r.documentNumber,
              'previous_results.document_number',
            ),
            name: r.name,
            cityCode: r.cityCode,
            testSiteCode: r.testSiteCode,
            specialtyCode: r.specialtyCode,
            level: r.level,
            subjectResults: JSON.stringify(r.subjectResults),
            absent: r.absent,
            disciplined: r.disciplined,
            importId,
            importedAt: now,
          })),
        );
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId,
          action: 'previous_results.imported',
          entityType: 'previous_result_import',
          entityId: importId,
          after: {
            year: input.year,
            fileName: input.fileName,
            sha256,
            rows: report.rows,
            created: report.created,
            replaced: report.replaced,
          },
          requestId: actor.requestId,
        });
        return { ...report, applied: true };
      });
    },

    /** Counts per year and the last import: no personal data. */
    async summary(actor: Actor, examAreaId: number): Promise<PreviousResultsSummary> {
      await areaOf(actor, examAreaId);
      const [years, last] = await Promise.all([
        repo.countsByYear(db, examAreaId),
        repo.lastImport(db, examAreaId),
      ]);
      return {
        examAreaId,
        years: years.map((y) => ({
          year: y.year,
          count: Number(y.count),
          absent: Number(y.absent),
          disciplined: Number(y.disciplined),
        })),
        lastImport: last
          ? {
              year: last.year,
              fileName: last.fileName,
              rowCount: last.rowCount,
              importedAt: last.importedAt.toISOString(),
              importedBy: last.displayName,
            }
          : null,
      };
    },
  };
}
export type PreviousResultsService = ReturnType<typeof createPreviousResultsService>;

/** One record of a previous cycle, as the automatic confirmation compares it. */
export type PreviousResult = Awaited<ReturnType<typeof repo.findForAccount>>[number];

/**
 * The candidate account's records of `year` in an area (normally none or one; one per specialty),
 * found by the keyed hash of the account's document number.
 */
export function findPreviousResults(
  db: Db,
  query: { accountId: number; examAreaId: number; year: number },
): Promise<PreviousResult[]> {
  return repo.findForAccount(db, query);
}
