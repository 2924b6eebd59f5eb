import { z } from 'zod';
import { base64Schema, fileNameSchema, importIssueSchema } from './catalog-admin';

/*
 * Returning candidates (历史考生, R6/R7): the import of last year's results by an area's
 * administrators, its summary, and the outcome of the automatic confirmation at submission.
 */

/** Largest results file for import, in bytes (10 MiB). */
export const PREVIOUS_RESULTS_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** Most data rows a results file may hold. */
export const PREVIOUS_RESULTS_IMPORT_MAX_ROWS = 50_000;

/**
 * Last year's results as a CSV (UTF-8 or GB18030) or Excel (.xlsx) file in base64, for the cycle
 * of `year`. All or nothing: one faulty row and nothing is saved. With `dryRun`, only checked.
 */
export const previousResultsImportRequestSchema = z
  .strictObject({
    year: z
      .number({ error: '请填写成绩所属的考试年度' })
      .int('考试年度须为整数')
      .min(2000, '考试年度不能早于 2000 年')
      .max(2100, '考试年度不能晚于 2100 年'),
    fileName: fileNameSchema,
    contentBase64: base64Schema(PREVIOUS_RESULTS_IMPORT_MAX_BYTES),
    dryRun: z.boolean().default(false),
  })
  .meta({ id: 'PreviousResultsImportRequest' });
export type PreviousResultsImportRequest = z.infer<typeof previousResultsImportRequestSchema>;

export const previousResultsImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    /** True when the rows were saved: never when there is an error or in a dry run. */
    applied: z.boolean(),
    format: z.enum(['csv', 'xlsx']),
    year: z.number().int(),
    rows: z.number().int(),
    /** New records (area, year, document, specialty not known before). */
    created: z.number().int(),
    /** Records replaced by the file's row. */
    replaced: z.number().int(),
    errors: z.array(importIssueSchema),
  })
  .meta({ id: 'PreviousResultsImportReport' });
export type PreviousResultsImportReport = z.infer<typeof previousResultsImportReportSchema>;

export const previousResultsSummarySchema = z
  .object({
    examAreaId: z.number().int(),
    years: z.array(
      z.object({
        year: z.number().int(),
        count: z.number().int(),
        absent: z.number().int(),
        disciplined: z.number().int(),
      }),
    ),
    lastImport: z
      .object({
        year: z.number().int(),
        fileName: z.string(),
        rowCount: z.number().int(),
        importedAt: z.iso.datetime(),
        importedBy: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'PreviousResultsSummary' });
export type PreviousResultsSummary = z.infer<typeof previousResultsSummarySchema>;

/** Why a returning candidate was not confirmed automatically (R6, R7); each one shown. */
export const AUTO_CONFIRMATION_REASON_CODES = [
  'passed_last_year',
  'absent_last_year',
  'disciplined_last_year',
  'specialty_changed',
  'level_changed',
  'test_site_changed',
  'city_changed',
  'name_changed',
  'report_missing',
] as const;
export type AutoConfirmationReasonCode = (typeof AUTO_CONFIRMATION_REASON_CODES)[number];

export const autoConfirmationReasonSchema = z.object({
  code: z.enum(AUTO_CONFIRMATION_REASON_CODES),
  message: z.string(),
});
export type AutoConfirmationReason = z.infer<typeof autoConfirmationReasonSchema>;

/**
 * The outcome of the automatic confirmation at the last submission of a returning candidate:
 * passed (the registration was confirmed), or the reasons it was not (then the area confirms it by
 * hand; the candidate may withdraw, fix and resubmit, or upload the full materials).
 */
export const autoConfirmationSchema = z
  .object({
    attempted: z.literal(true),
    passed: z.boolean(),
    /** The previous cycle's year the registration was compared with. */
    previousYear: z.number().int(),
    evaluatedAt: z.iso.datetime(),
    reasons: z.array(autoConfirmationReasonSchema),
  })
  .meta({ id: 'AutoConfirmation' });
export type AutoConfirmation = z.infer<typeof autoConfirmationSchema>;
