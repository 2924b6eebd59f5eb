import { z } from 'zod';
import { ELIGIBILITY_LEVELS } from '../domain/eligibility';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../domain/registration-lifecycle';
import { REVIEW_STAGES, reviewQueueFiltersSchema } from './review';

/*
 * Oversight of an exam area's review work (issue #6, "Oversight"): the dashboard and the Excel
 * export of the registrations. Both are read-only and scoped like the rest of the review console:
 * area administrators and reviewers see their own exam area (asking for another area answers "not
 * found"); a platform administrator names the area with `examAreaId`.
 *
 * Routes (prefix /api/review):
 *   GET /dashboard?cycleId=[&examAreaId=]          → ReviewDashboard
 *   GET /export?cycleId=[&examAreaId=]&…filters     → an .xlsx file (REVIEW_EXPORT_COLUMNS), streamed
 *
 * Days are calendar days in Asia/Shanghai ('YYYY-MM-DD'); instants are ISO 8601 in UTC.
 */

const positiveId = (what: string) =>
  z.coerce
    .number({ error: `${what}编号须为正整数` })
    .int(`${what}编号须为正整数`)
    .positive(`${what}编号须为正整数`)
    .max(2 ** 31 - 1, `${what}编号过大`);

/** Only for a platform administrator, who has no exam area of their own; others may omit it. */
const examAreaId = positiveId('考区').optional();

/**
 * Statuses that have passed 报名确认 (the registration was confirmed, by a reviewer or
 * automatically, and has not lapsed since).
 */
export const CONFIRMED_STATUSES = [
  'confirmed',
  'supplement_requested',
  'qualified',
  'disqualified',
  'paid',
] as const satisfies readonly RegistrationStatus[];

// ---------------------------------------------------------------------------------------------
// The dashboard

export const reviewDashboardQuerySchema = z.strictObject({
  cycleId: positiveId('考试年度'),
  examAreaId,
});
export type ReviewDashboardQuery = z.infer<typeof reviewDashboardQuerySchema>;

const count = z.number().int().min(0);

export const reviewDashboardSchema = z
  .object({
    cycle: z.object({ id: z.number().int(), year: z.number().int(), name: z.string() }),
    examArea: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
    /** When the figures were read. */
    generatedAt: z.iso.datetime(),
    /** Every registration of the area and cycle, drafts included. */
    total: count,
    /** One entry per status, in the lifecycle's order, zeros included. */
    byStatus: z.array(
      z.object({ status: z.enum(REGISTRATION_STATUSES), label: z.string(), count }),
    ),
    /**
     * Per specialty chosen: `count` the registrations submitted at least once (every status but
     * 未提交), `confirmed` those past 报名确认 (CONFIRMED_STATUSES). By code, then level.
     */
    bySpecialty: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        level: z.enum(ELIGIBILITY_LEVELS),
        levelLabel: z.string(),
        count,
        confirmed: count,
      }),
    ),
    /**
     * Per 报名地市 (every city of the area, zeros included, in the area's order; `cityId` null for
     * submitted registrations without a city, which should not happen). Same counts as above.
     */
    byCity: z.array(
      z.object({
        cityId: z.number().int().nullable(),
        code: z.string().nullable(),
        name: z.string(),
        active: z.boolean(),
        count,
        confirmed: count,
      }),
    ),
    /**
     * Per Asia/Shanghai day with any activity, oldest first, from the timeline: submissions
     * (提交 and 重新提交), confirmations (by a reviewer or automatic), returns (退回修改),
     * qualification decisions (通过, 不通过, 要求补充材料).
     */
    perDay: z.array(
      z.object({
        date: z.iso.date(),
        submissions: count,
        confirmations: count,
        autoConfirmations: count,
        returns: count,
        qualificationDecisions: count,
      }),
    ),
    /** Per reviewer: the totals, and the same per Asia/Shanghai day (oldest first). */
    reviewers: z.array(
      z.object({
        accountId: z.number().int(),
        name: z.string(),
        confirmed: count,
        returned: count,
        qualificationDecisions: count,
        lastDecisionAt: z.iso.datetime(),
        perDay: z.array(
          z.object({
            date: z.iso.date(),
            confirmed: count,
            returned: count,
            qualificationDecisions: count,
          }),
        ),
      }),
    ),
    /**
     * The two queues: `inQueue` registrations waiting for a decision in the stage, of which
     * `claimed` are held by a reviewer (an unexpired claim) and `waiting` are free to take;
     * `oldest` is the one waiting longest (claimed or not).
     */
    queues: z.array(
      z.object({
        stage: z.enum(REVIEW_STAGES),
        label: z.string(),
        inQueue: count,
        waiting: count,
        claimed: count,
        oldest: z
          .object({
            registrationId: z.number().int(),
            registrationNumber: z.string(),
            queuedAt: z.iso.datetime(),
          })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewDashboard' });
export type ReviewDashboard = z.infer<typeof reviewDashboardSchema>;

// ---------------------------------------------------------------------------------------------
// The Excel export

/**
 * The queue's filters (without paging): with a `stage` and no `status`, the statuses waiting in
 * that stage, as in the queue; with neither, every registration of the area and cycle.
 */
export const reviewExportQuerySchema = reviewQueueFiltersSchema
  .partial({ stage: true })
  .extend({ examAreaId });
export type ReviewExportQuery = z.infer<typeof reviewExportQuerySchema>;

/** The sheet's columns, in order (the first row of the sheet). */
export const REVIEW_EXPORT_COLUMNS = [
  '网报号',
  '姓名',
  '证件类型',
  '证件号码',
  '性别',
  '出生日期',
  '手机号',
  '报名地市',
  '考点',
  '专业代码',
  '专业名称',
  '级别',
  '科目',
  '工作单位',
  '科室',
  '学历',
  '毕业院校',
  '所学专业',
  '毕业时间',
  '状态',
  '提交时间',
  '确认时间',
  '退回原因',
  '审核结论',
] as const;

/** Most rows one export holds (an Excel sheet holds 1,048,576; an area's cycle is far below). */
export const REVIEW_EXPORT_MAX_ROWS = 1_000_000;
