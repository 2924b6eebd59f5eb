import { z } from 'zod';
import { ELIGIBILITY_LEVELS, MATERIAL_SLOT_KEYS } from '../domain/eligibility';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../domain/registration-lifecycle';
import { eligibilityLineSchema } from './eligibility';
import { autoConfirmationSchema } from './previous-results';
import {
  materialSlotViewSchema,
  registrationTimelineEntrySchema,
  returnReasonSchema,
} from './registration';

/*
 * The review console (审核, issue #6): an exam area's staff work two queues — online confirmation
 * (报名确认, status 待确认) and qualification review (资格审核, confirmed registrations from the
 * review phase on). Every route is scoped to the reviewer's own exam area: another area's
 * registration answers "not found". Request schemas are strict; messages are Chinese.
 *
 * Routes (prefix /api/review):
 *   GET    /queue                          ReviewQueueQuery → ReviewQueuePage
 *   POST   /claims/next                    ClaimNextRequest → ClaimNextResult (lease, SKIP LOCKED)
 *   POST   /claims/:id                     claim one registration picked from the list → ReviewClaim
 *   DELETE /claims/:id                     release my claim → { ok: true }
 *   GET    /registrations/:id              → ReviewRegistration (everything the decision needs)
 *   GET    /registrations/:id/files/:fileId[?thumbnail=1]   a material file (staff of the area)
 *   GET    /registrations/:id/photo        the registration photo
 *   POST   /registrations/:id/confirmation ConfirmationDecisionRequest → ReviewDecisionOutcome
 *   POST   /registrations/:id/qualification QualificationDecisionRequest → ReviewDecisionOutcome
 *   POST   /confirmation/bulk              BulkConfirmationRequest → BulkDecisionResult
 *   GET    /reasons?stage=                 → ReviewReasonList (the area's catalogue)
 *   POST   /reasons                        CreateReviewReasonRequest → ReviewReasonItem (area admin)
 *   PATCH  /reasons/:id                    UpdateReviewReasonRequest → ReviewReasonItem (area admin)
 *   GET    /dashboard?cycleId=             → ReviewDashboard
 *   GET    /export?cycleId=&…queue filters → .xlsx of the registrations
 */

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** The two queues: 报名确认 (confirmation reviewers) and 资格审核 (qualification reviewers). */
export const REVIEW_STAGES = ['confirmation', 'qualification'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];
export const REVIEW_STAGE_LABELS: Record<ReviewStage, string> = {
  confirmation: '报名确认',
  qualification: '资格审核',
};

/** How long a claim (领取) holds a registration for one reviewer before it returns to the queue. */
export const REVIEW_LEASE_MINUTES = 20;

/**
 * The statuses a queue's `status` filter may ask for, per stage; the first is the default (the
 * registrations waiting in it). 报名确认 shows what waits for, was returned by, passed or lapsed
 * after confirmation; 资格审核 what waits for, is being supplemented in or was decided by
 * qualification review (and paid afterwards). A stage's queue is read only by its reviewers and
 * the area administrator, so 资格审核通过 / 不通过 are listed only to qualification reviewers and
 * area administrators. Anything else (a draft, another stage's status) is refused (400).
 */
export const REVIEW_STAGE_STATUSES: Record<ReviewStage, readonly RegistrationStatus[]> = {
  confirmation: ['submitted', 'returned', 'confirmed', 'abandoned'],
  qualification: ['confirmed', 'supplement_requested', 'qualified', 'disqualified', 'paid'],
};

/** Most registrations one bulk decision takes. */
export const BULK_DECISION_MAX = 200;

/** The standard return / failure reasons every area starts with (editable per area afterwards). */
export const DEFAULT_REVIEW_REASONS: readonly {
  stage: ReviewStage;
  code: string;
  label: string;
  explanation: string;
}[] = [
  {
    stage: 'confirmation',
    code: 'education_mismatch',
    label: '学历不符',
    explanation:
      '所填学历与上传的学历证书不一致，或学历不符合所报专业级别的报考条件（R13）。请核对学历信息并上传清晰的学历证书。',
  },
  {
    stage: 'confirmation',
    code: 'major_mismatch',
    label: '专业不符',
    explanation: '所学专业与报考专业不对应（R14）。请核对所报专业，或上传可证明专业对应的材料。',
  },
  {
    stage: 'confirmation',
    code: 'years_short',
    label: '年限不够',
    explanation:
      '截至报考年度规定日期，从事本专业工作年限不足（R15）。请核对工作经历和取得资格的时间。',
  },
  {
    stage: 'confirmation',
    code: 'photo_rejected',
    label: '照片不合格',
    explanation:
      '报名照片不符合要求（近期免冠正面证件照、浅色纯色背景、清晰可辨）。请重新上传基本照片并确认报名照片。',
  },
  {
    stage: 'confirmation',
    code: 'materials_incomplete',
    label: '材料不全',
    explanation: '所需材料未上传齐全或无法辨认。请按材料栏目的说明补齐清晰的材料。',
  },
  {
    stage: 'confirmation',
    code: 'form_not_signed',
    label: '申报表未签字盖章',
    explanation:
      '上传的申报表缺少本人签字、单位经办人签字或单位人事部门公章。请下载申报表，签字盖章后重新上传。',
  },
  {
    stage: 'confirmation',
    code: 'wrong_city',
    label: '报名地市错误',
    explanation: '所选报名地市与工作单位所在区不一致。请修改报名地市后重新提交。',
  },
  {
    stage: 'confirmation',
    code: 'info_mismatch',
    label: '信息与材料不一致',
    explanation: '所填信息（姓名、证件号码、工作单位等）与上传材料不一致。请核对后修改。',
  },
  {
    stage: 'qualification',
    code: 'not_eligible',
    label: '不符合报考条件',
    explanation: '经审核，不符合所报专业和级别的报考条件。',
  },
  {
    stage: 'qualification',
    code: 'false_materials',
    label: '材料不真实',
    explanation: '经核查，所提交的材料与事实不符。',
  },
  {
    stage: 'qualification',
    code: 'materials_unclear',
    label: '材料需补充',
    explanation: '所提交的材料不足以证明报考条件，请按要求补充材料。',
  },
];

// ---------------------------------------------------------------------------------------------
// Building blocks

const positiveId = (what: string) =>
  z.coerce
    .number({ error: `${what}编号须为正整数` })
    .int(`${what}编号须为正整数`)
    .positive(`${what}编号须为正整数`)
    .max(2 ** 31 - 1, `${what}编号过大`);
const note = z
  .string({ error: '备注须为文字' })
  .trim()
  .min(1, '备注不能为空白')
  .max(1000, '备注不能超过 1000 个字');
const reasonCode = z
  .string()
  .regex(/^[a-z0-9_]{1,40}$/, '原因代码为 1–40 位小写字母、数字或下划线');
const reasonCodes = z
  .array(reasonCode)
  .max(20, '原因最多 20 项')
  .refine((c) => new Set(c).size === c.length, '原因不能重复选择');
const stage = z.enum(REVIEW_STAGES, { error: '请选择报名确认或资格审核' });
/** The registration's `version` the reviewer read (ReviewRegistration / ReviewQueueItem). */
const readVersion = z
  .number({ error: '缺少报名版本号，请刷新页面后重新审核' })
  .int('报名版本号须为正整数')
  .positive('报名版本号须为正整数')
  .max(2 ** 31 - 1, '报名版本号过大');
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

// ---------------------------------------------------------------------------------------------
// The queue

/** Filters shared by the list, "next" and the export. */
export const reviewQueueFiltersSchema = z.strictObject({
  stage,
  cycleId: positiveId('考试年度'),
  /**
   * Default: the status waiting in the stage (submitted; confirmed for qualification). Only one of
   * REVIEW_STAGE_STATUSES[stage] (checked by the server: 400 validation_failed otherwise).
   */
  status: z.enum(REGISTRATION_STATUSES, { error: '状态不正确' }).optional(),
  specialtyCode: z
    .string()
    .regex(/^\d{3}[A-Z]?$/, '专业代码格式不正确')
    .optional(),
  level: z.enum(ELIGIBILITY_LEVELS, { error: '级别不正确' }).optional(),
  cityId: positiveId('报名地市').optional(),
  testSiteId: positiveId('考点').optional(),
  /** Only candidates with a record of the previous cycle (历史考生), or only those without. */
  returning: boolParam.optional(),
  /** Only those whose automatic confirmation failed (自动确认未通过). */
  autoFailed: boolParam.optional(),
  submittedFrom: z.iso.datetime({ offset: true, error: '开始时间格式不正确' }).optional(),
  submittedTo: z.iso.datetime({ offset: true, error: '结束时间格式不正确' }).optional(),
  /** Name (prefix), 网报号 (exact or prefix) or document number (exact, matched by its hash). */
  q: z.string().trim().min(1).max(40, '搜索内容不能超过 40 个字').optional(),
});
export type ReviewQueueFilters = z.infer<typeof reviewQueueFiltersSchema>;

export const reviewQueueQuerySchema = reviewQueueFiltersSchema.extend({
  /** Opaque keyset cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

export const reviewClaimSchema = z
  .object({
    registrationId: z.number().int(),
    reviewerAccountId: z.number().int(),
    reviewerName: z.string(),
    /** The claim is mine (the caller's). */
    mine: z.boolean(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'ReviewClaim' });
export type ReviewClaim = z.infer<typeof reviewClaimSchema>;

export const reviewQueueItemSchema = z
  .object({
    registrationId: z.number().int(),
    registrationNumber: z.string(),
    /** The registration's version: a bulk decision sends it back (BulkConfirmationRequest). */
    version: z.number().int(),
    status: z.enum(REGISTRATION_STATUSES),
    statusLabel: z.string(),
    candidateName: z.string(),
    /** Masked, e.g. 3101**********1234. */
    documentNumberMasked: z.string(),
    specialtyCode: z.string().nullable(),
    specialtyName: z.string().nullable(),
    levelLabel: z.string().nullable(),
    cityName: z.string().nullable(),
    testSiteName: z.string().nullable(),
    returning: z.boolean(),
    autoFailed: z.boolean(),
    /** A resubmission after a return (重新提交). */
    resubmitted: z.boolean(),
    submittedAt: z.iso.datetime().nullable(),
    /** When it entered the current queue (submission, resubmission, confirmation, supplement). */
    queuedAt: z.iso.datetime().nullable(),
    claim: reviewClaimSchema.nullable(),
  })
  .meta({ id: 'ReviewQueueItem' });
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

export const reviewQueuePageSchema = z
  .object({
    items: z.array(reviewQueueItemSchema),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
    /** How many match the filters in all (for 共 N 条). */
    total: z.number().int(),
  })
  .meta({ id: 'ReviewQueuePage' });
export type ReviewQueuePage = z.infer<typeof reviewQueuePageSchema>;

export const claimNextRequestSchema = reviewQueueFiltersSchema
  .omit({ status: true, q: true })
  .meta({ id: 'ClaimNextRequest' });
export type ClaimNextRequest = z.infer<typeof claimNextRequestSchema>;

/** `claim: null` — nothing is waiting (the queue is empty or every one is claimed). */
export const claimNextResultSchema = z
  .object({ claim: reviewClaimSchema.nullable() })
  .meta({ id: 'ClaimNextResult' });
export type ClaimNextResult = z.infer<typeof claimNextResultSchema>;

export const claimParamsSchema = z.strictObject({ id: positiveId('报名') });

// ---------------------------------------------------------------------------------------------
// One registration, as the reviewer decides it

/** One field that changed between the submission before the last return and the latest one. */
export const reviewChangeSchema = z.object({
  /** A stable key, e.g. 'info.employer', 'city', 'materials.education_certificate'. */
  field: z.string(),
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type ReviewChange = z.infer<typeof reviewChangeSchema>;

export const reviewRegistrationSchema = z
  .object({
    id: z.number().int(),
    registrationNumber: z.string(),
    version: z.number().int(),
    status: z.enum(REGISTRATION_STATUSES),
    statusLabel: z.string(),
    cycle: z.object({ id: z.number().int(), year: z.number().int(), name: z.string() }),
    examArea: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
    candidate: z.object({
      name: z.string(),
      documentTypeLabel: z.string(),
      documentNumberMasked: z.string(),
      gender: z.enum(['male', 'female']).nullable(),
      birthDate: z.iso.date().nullable(),
      mobileMasked: z.string(),
    }),
    city: z.object({ code: z.string(), name: z.string() }).nullable(),
    testSite: z.object({ code: z.string(), name: z.string() }).nullable(),
    specialty: z
      .object({
        code: z.string(),
        name: z.string(),
        levelLabel: z.string(),
        subjects: z.array(z.string()),
      })
      .nullable(),
    /** The registration info as submitted (employer, department, education used …). */
    info: z.array(z.object({ label: z.string(), value: z.string() })),
    /** The candidate's basic information as it was at the last submission, by section. */
    profile: z.array(
      z.object({
        title: z.string(),
        rows: z.array(z.object({ label: z.string(), value: z.string() })),
      }),
    ),
    photoUrl: z.string().nullable(),
    eligibility: z
      .object({
        eligible: z.boolean(),
        needsReview: z.boolean(),
        lines: z.array(eligibilityLineSchema),
      })
      .nullable(),
    autoConfirmation: autoConfirmationSchema.nullable(),
    /** Material slots with staff URLs (…/review/registrations/:id/files/:fileId). */
    materialSlots: z.array(materialSlotViewSchema),
    /** For a resubmission: what changed since the submission that was returned; else empty. */
    changesSinceReturn: z.array(reviewChangeSchema),
    /** The last return's reasons and note (shown beside the changes). */
    lastReturn: z
      .object({
        reasons: z.array(returnReasonSchema),
        note: z.string().nullable(),
        at: z.iso.datetime(),
      })
      .nullable(),
    /** A pending qualification decision not yet published to the candidate (R18). */
    qualificationDecision: z
      .object({
        result: z.enum(['qualified', 'disqualified']),
        reasons: z.array(returnReasonSchema),
        note: z.string().nullable(),
        decidedAt: z.iso.datetime(),
        publishedToCandidate: z.boolean(),
      })
      .nullable(),
    supplement: z
      .object({
        slots: z.array(z.enum(MATERIAL_SLOT_KEYS)),
        note: z.string().nullable(),
        requestedAt: z.iso.datetime(),
      })
      .nullable(),
    /** Decisions the caller may take now (status, role and calendar). */
    actions: z.array(
      z.enum(['confirm', 'return', 'pass_review', 'fail_review', 'request_supplement']),
    ),
    claim: reviewClaimSchema.nullable(),
    /** The history with the staff member's name on each decision (staff only). */
    timeline: z.array(registrationTimelineEntrySchema.extend({ actorName: z.string().nullable() })),
    submittedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ReviewRegistration' });
export type ReviewRegistration = z.infer<typeof reviewRegistrationSchema>;

// ---------------------------------------------------------------------------------------------
// Decisions

/** 报名确认: confirm, or return (退回修改) with reason codes of the area's catalogue and a note. */
export const confirmationDecisionRequestSchema = z
  .strictObject({
    /**
     * The registration's version the reviewer read: changed since (the candidate withdrew,
     * edited and resubmitted …) → 409 version_conflict, nothing decided.
     */
    version: readVersion,
    decision: z.enum(['confirm', 'return'], { error: '请选择确认通过或退回修改' }),
    reasonCodes: reasonCodes.default([]),
    note: note.optional(),
  })
  .refine((d) => d.decision === 'confirm' || d.reasonCodes.length > 0, {
    error: '退回修改须至少选择一项退回原因',
    path: ['reasonCodes'],
  })
  .meta({ id: 'ConfirmationDecisionRequest' });
export type ConfirmationDecisionRequest = z.infer<typeof confirmationDecisionRequestSchema>;

/** 资格审核: pass, fail with reasons, or ask for supplementary materials in named slots. */
export const qualificationDecisionRequestSchema = z
  .strictObject({
    /** The registration's version the reviewer read (409 version_conflict when changed since). */
    version: readVersion,
    decision: z.enum(['pass', 'fail', 'request_supplement'], {
      error: '请选择审核通过、审核不通过或要求补充材料',
    }),
    reasonCodes: reasonCodes.default([]),
    supplementSlots: z
      .array(z.enum(MATERIAL_SLOT_KEYS, { error: '材料栏目不正确' }))
      .max(20)
      .default([]),
    note: note.optional(),
  })
  .refine((d) => d.decision !== 'fail' || d.reasonCodes.length > 0, {
    error: '审核不通过须至少选择一项原因',
    path: ['reasonCodes'],
  })
  .refine((d) => d.decision !== 'request_supplement' || d.supplementSlots.length > 0, {
    error: '要求补充材料须至少选择一个材料栏目',
    path: ['supplementSlots'],
  })
  .meta({ id: 'QualificationDecisionRequest' });
export type QualificationDecisionRequest = z.infer<typeof qualificationDecisionRequestSchema>;

export const reviewDecisionOutcomeSchema = z
  .object({
    registrationId: z.number().int(),
    status: z.enum(REGISTRATION_STATUSES),
    statusLabel: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ReviewDecisionOutcome' });
export type ReviewDecisionOutcome = z.infer<typeof reviewDecisionOutcomeSchema>;

export const bulkConfirmationRequestSchema = z
  .strictObject({
    /** Each registration with the version the reviewer saw in the queue (ReviewQueueItem). */
    registrations: z
      .array(
        z.strictObject({
          id: z
            .number({ error: '报名编号须为正整数' })
            .int('报名编号须为正整数')
            .positive('报名编号须为正整数')
            .max(2 ** 31 - 1, '报名编号过大'),
          version: readVersion,
        }),
        { error: '请选择要处理的报名记录' },
      )
      .min(1, '请至少选择一条报名记录')
      .max(BULK_DECISION_MAX, `一次最多处理 ${BULK_DECISION_MAX} 条`)
      .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, '报名记录不能重复'),
    decision: z.enum(['confirm', 'return'], { error: '请选择确认通过或退回修改' }),
    reasonCodes: reasonCodes.default([]),
    note: note.optional(),
  })
  .refine((d) => d.decision === 'confirm' || d.reasonCodes.length > 0, {
    error: '批量退回须至少选择一项退回原因',
    path: ['reasonCodes'],
  })
  .meta({ id: 'BulkConfirmationRequest' });
export type BulkConfirmationRequest = z.infer<typeof bulkConfirmationRequestSchema>;

/** One outcome per id, in the order asked: each decided (and audited) in its own transaction. */
export const bulkDecisionResultSchema = z
  .object({
    results: z.array(
      z.object({
        registrationId: z.number().int(),
        ok: z.boolean(),
        status: z.enum(REGISTRATION_STATUSES).nullable(),
        error: z.object({ code: z.string(), message: z.string() }).nullable(),
      }),
    ),
    succeeded: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'BulkDecisionResult' });
export type BulkDecisionResult = z.infer<typeof bulkDecisionResultSchema>;

// ---------------------------------------------------------------------------------------------
// The reason catalogue (退回原因 / 不通过原因), per area

export const reviewReasonItemSchema = z
  .object({
    id: z.number().int(),
    stage: z.enum(REVIEW_STAGES),
    code: z.string(),
    label: z.string(),
    explanation: z.string(),
    position: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: 'ReviewReasonItem' });
export type ReviewReasonItem = z.infer<typeof reviewReasonItemSchema>;

export const reviewReasonListQuerySchema = z.strictObject({ stage: stage.optional() });
export const reviewReasonListSchema = z
  .object({ items: z.array(reviewReasonItemSchema) })
  .meta({ id: 'ReviewReasonList' });
export type ReviewReasonList = z.infer<typeof reviewReasonListSchema>;

const reasonLabel = z.string().trim().min(1, '请填写原因名称').max(50, '原因名称不能超过 50 个字');
const reasonExplanation = z
  .string()
  .trim()
  .min(1, '请填写原因说明')
  .max(1000, '原因说明不能超过 1000 个字');

export const createReviewReasonRequestSchema = z
  .strictObject({ stage, code: reasonCode, label: reasonLabel, explanation: reasonExplanation })
  .meta({ id: 'CreateReviewReasonRequest' });
export type CreateReviewReasonRequest = z.infer<typeof createReviewReasonRequestSchema>;

export const updateReviewReasonRequestSchema = z
  .strictObject({
    label: reasonLabel.optional(),
    explanation: reasonExplanation.optional(),
    position: z.number().int().min(0).max(1000).optional(),
    active: z.boolean().optional(),
  })
  .refine((d) => Object.keys(d).length > 0, '请至少修改一项')
  .meta({ id: 'UpdateReviewReasonRequest' });
export type UpdateReviewReasonRequest = z.infer<typeof updateReviewReasonRequestSchema>;

export const reviewReasonParamsSchema = z.strictObject({ id: positiveId('原因') });
