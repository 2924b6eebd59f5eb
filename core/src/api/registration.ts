import { z } from 'zod';
import { autoConfirmationSchema } from './previous-results';
import {
  EARLY_APPLICATION_KINDS,
  EDUCATION_LEVELS,
  ELIGIBILITY_CATEGORIES,
  ELIGIBILITY_LABELS,
  ELIGIBILITY_LEVELS,
  MATERIAL_SLOT_KEYS,
} from '../domain/eligibility';
import {
  REGISTRATION_ACTORS,
  REGISTRATION_EVENTS,
  REGISTRATION_STATUSES,
  REGISTRATION_TRANSITIONS,
  type RegistrationActor,
} from '../domain/registration-lifecycle';
import { REGISTRATION_STEPS, type RegistrationStepKey } from '../domain/registration-steps';
import { examAreaViewSchema, phaseViewSchema } from './catalog';
import { EXAM_MODE_LIST } from './catalog-admin';
import { eligibilityLineSchema } from './eligibility';

/*
 * Online registration (网上报名, issue #5): the candidate's registration for one exam cycle, its
 * steps (R3), materials (R17), the application form, submission, withdrawal and change of area.
 * Every request schema is strict; every response is the whole registration as the stepper shows it,
 * so a client (the web app or a mini-program) needs nothing else to draw any step.
 */

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Most files one material slot holds (R17: several pages per slot). */
export const MATERIAL_FILES_PER_SLOT_MAX = 10;

/** Hard ceiling of one material upload; the configured limits (MATERIAL_MAX_*) are at most this. */
export const MATERIAL_UPLOAD_HARD_MAX_BYTES = 50 * 1024 * 1024;

/** The early-application preference claimed for this registration (提前报考), or none. */
export const EARLY_APPLICATION_CLAIMS = ['none', ...EARLY_APPLICATION_KINDS] as const;
export type EarlyApplicationClaim = (typeof EARLY_APPLICATION_CLAIMS)[number];

export const EARLY_APPLICATION_CLAIM_LABELS: Record<EarlyApplicationClaim, string> = {
  none: '不申请提前报考',
  ...ELIGIBILITY_LABELS.earlyApplication,
};

/** Who made a change, as the candidate reads it in the timeline (never a staff member's name). */
export const REGISTRATION_ACTOR_LABELS: Record<RegistrationActor, string> = {
  candidate: '考生',
  confirmation_reviewer: '报名确认审核员',
  qualification_reviewer: '资格审核员',
  system: '系统',
};

/** What a timeline entry records: the creation of the registration, or a lifecycle event. */
export const REGISTRATION_TIMELINE_EVENTS = ['create', ...REGISTRATION_EVENTS] as const;
export type RegistrationTimelineEvent = (typeof REGISTRATION_TIMELINE_EVENTS)[number];

/** The `Idempotency-Key` header of a submission: 8–100 visible ASCII characters (e.g. a UUID). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,100}$/;

// ---------------------------------------------------------------------------------------------
// Building blocks

const positiveId = (what: string) =>
  z.coerce
    .number({ error: `${what}编号须为正整数` })
    .int(`${what}编号须为正整数`)
    .positive(`${what}编号须为正整数`)
    .max(2 ** 31 - 1, `${what}编号过大`);
const bodyId = (what: string) =>
  z
    .number({ error: `请选择${what}` })
    .int(`${what}编号须为正整数`)
    .positive(`${what}编号须为正整数`)
    .max(2 ** 31 - 1, `${what}编号过大`);
const text = (max: number, what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过 ${max} 个字，请精简后填写`);
const examAreaCode = z
  .string({ error: '请选择考区' })
  .regex(/^\d{2}$/, '考区代码为 2 位数字，如上海考区为 31');

/** The registration's version as the candidate last read it (optimistic concurrency). */
export const registrationVersionSchema = z
  .number({ error: '缺少报名信息版本号，请刷新页面后重试' })
  .int('报名信息版本号须为整数')
  .min(1, '报名信息版本号须为正整数')
  .max(2 ** 31 - 1, '报名信息版本号过大');

// ---------------------------------------------------------------------------------------------
// Path, query and header parameters

export const registrationIdParamsSchema = z.strictObject({ id: positiveId('报名') });

export const registrationFileParamsSchema = z.strictObject({
  id: positiveId('报名'),
  fileId: positiveId('材料文件'),
});

export const registrationSlotParamsSchema = z.strictObject({
  id: positiveId('报名'),
  slotKey: z.enum(MATERIAL_SLOT_KEYS, { error: '材料栏目不正确，请刷新页面后重试' }),
});

export const registrationQuerySchema = z.strictObject({ cycleId: positiveId('考试年度') });

/** `Idempotency-Key` of POST /registrations/:id/submit (headers are not strict: browsers add more). */
export const submitHeadersSchema = z.object({
  'idempotency-key': z
    .string({ error: '缺少 Idempotency-Key 请求头，请刷新页面后重新提交' })
    .regex(IDEMPOTENCY_KEY_PATTERN, 'Idempotency-Key 须为 8–100 个可见 ASCII 字符（如 UUID）'),
});

// ---------------------------------------------------------------------------------------------
// Requests

/** 进入网上报名: a draft registration for a cycle in an exam area. */
export const createRegistrationRequestSchema = z
  .strictObject({ cycleId: bodyId('考试年度'), examAreaCode })
  .meta({ id: 'CreateRegistrationRequest' });
export type CreateRegistrationRequest = z.infer<typeof createRegistrationRequestSchema>;

/** 报名地市 and 考点, both of the registration's exam area and in use. */
export const chooseAreaRequestSchema = z
  .strictObject({
    version: registrationVersionSchema,
    cityId: bodyId('报名地市'),
    testSiteId: bodyId('考点'),
  })
  .meta({ id: 'ChooseRegistrationAreaRequest' });
export type ChooseAreaRequest = z.infer<typeof chooseAreaRequestSchema>;

/** 专业 (its code fixes the level), offered by the registration's area in its cycle. */
export const chooseSpecialtyRequestSchema = z
  .strictObject({
    version: registrationVersionSchema,
    specialtyCode: z.string({ error: '请选择报考专业' }).regex(/^\d{3}$/, '专业代码为 3 位数字'),
  })
  .meta({ id: 'ChooseRegistrationSpecialtyRequest' });
export type ChooseSpecialtyRequest = z.infer<typeof chooseSpecialtyRequestSchema>;

/** 历史考生档案号: letters, digits and hyphens as the area printed it. */
const returningFileNumber = z
  .string()
  .trim()
  .overwrite((s) => s.replace(/\s+/g, '').toUpperCase())
  .regex(
    /^[0-9A-Z-]{4,30}$/,
    '档案号应为 4–30 位数字、字母或连字符，请按上一年度准考证或成绩单填写',
  );

/** 填写报名信息: what the application form prints beside the basic information. */
export const registrationInfoRequestSchema = z
  .strictObject({
    version: registrationVersionSchema,
    employer: text(100, '工作单位'),
    department: text(50, '科室'),
    post: text(50, '岗位'),
    yearsInSpecialty: z
      .number({ error: '请填写从事本专业工作年限' })
      .int('从事本专业工作年限须为整数')
      .min(0, '从事本专业工作年限不能为负数')
      .max(70, '从事本专业工作年限不能超过 70 年，请核对'),
    /** Which education record of the basic information the registration uses (0-based). */
    educationIndex: z
      .number({ error: '请选择报考所用学历' })
      .int('请选择报考所用学历')
      .min(0, '请选择报考所用学历')
      .max(9, '请选择报考所用学历'),
    earlyApplicationClaim: z.enum(EARLY_APPLICATION_CLAIMS, {
      error: '请选择是否申请提前报考',
    }),
    /** 历史考生 only: the file number (档案号) of last year's registration; null or absent: none. */
    returningFileNumber: returningFileNumber.nullable().optional(),
  })
  .meta({ id: 'RegistrationInfoRequest' });
export type RegistrationInfoRequest = z.infer<typeof registrationInfoRequestSchema>;

/** 修改考区 (R8). */
export const changeAreaRequestSchema = z
  .strictObject({ version: registrationVersionSchema, examAreaCode })
  .meta({ id: 'ChangeRegistrationAreaRequest' });
export type ChangeAreaRequest = z.infer<typeof changeAreaRequestSchema>;

/** A material file as base64 inside JSON (decision 0007); the type is decided by its content. */
export const uploadMaterialRequestSchema = z
  .strictObject({
    fileName: z
      .string({ error: '请提供文件名' })
      .trim()
      .min(1, '请提供文件名')
      .max(200, '文件名不能超过 200 个字符')
      .refine(
        // eslint-disable-next-line no-control-regex
        (name) => !/[\u0000-\u001f\u007f]/.test(name),
        '文件名不能含控制字符',
      ),
    contentBase64: z
      .string({ error: '请选择要上传的文件' })
      .min(4, '文件内容不能为空，请重新选择文件')
      .max(
        Math.ceil(MATERIAL_UPLOAD_HARD_MAX_BYTES / 3) * 4,
        `文件不能超过 ${MATERIAL_UPLOAD_HARD_MAX_BYTES / 1024 / 1024} MB`,
      )
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容须为 Base64 编码')
      .refine((s) => s.length % 4 === 0, '文件内容须为 Base64 编码（长度须为 4 的倍数）'),
  })
  .meta({ id: 'UploadMaterialRequest' });
export type UploadMaterialRequest = z.infer<typeof uploadMaterialRequestSchema>;

/** The new order of a slot's files: every file of the slot, each once. */
export const reorderMaterialsRequestSchema = z
  .strictObject({
    fileIds: z
      .array(bodyId('材料文件'), { error: '请提供材料文件的新顺序' })
      .min(1, '请提供材料文件的新顺序')
      .max(MATERIAL_FILES_PER_SLOT_MAX, `每个栏目最多 ${MATERIAL_FILES_PER_SLOT_MAX} 个文件`)
      .refine((ids) => new Set(ids).size === ids.length, '文件不能重复出现'),
  })
  .meta({ id: 'ReorderMaterialsRequest' });
export type ReorderMaterialsRequest = z.infer<typeof reorderMaterialsRequestSchema>;

/** A return reason (退回原因): a code of the area's catalogue, its label and explanation. */
export const returnReasonSchema = z
  .strictObject({
    code: z.string().regex(/^[a-z0-9_]{1,40}$/, '原因代码为 1–40 位小写字母、数字或下划线'),
    label: text(50, '原因'),
    explanation: text(1000, '原因说明').optional(),
  })
  .meta({ id: 'RegistrationReason' });
export type RegistrationReason = z.infer<typeof returnReasonSchema>;

/** 提交补充材料 (R19): the supplement is uploaded; the registration goes back to the review queue. */
export const supplyRequestSchema = z
  .strictObject({ version: registrationVersionSchema })
  .meta({ id: 'SupplyRegistrationRequest' });
export type SupplyRequest = z.infer<typeof supplyRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Responses

export const registrationProblemSchema = z.object({ path: z.string(), message: z.string() });

export const registrationStepStateSchema = z.object({
  key: z.enum(
    REGISTRATION_STEPS.map((s) => s.key) as [RegistrationStepKey, ...RegistrationStepKey[]],
  ),
  title: z.string(),
  done: z.boolean(),
  problems: z.array(registrationProblemSchema),
});

export const materialFileViewSchema = z
  .object({
    id: z.number().int(),
    /** The name shown (the uploaded name, with the stored type's extension). */
    fileName: z.string(),
    kind: z.enum(['image', 'pdf']),
    contentType: z.enum(['image/jpeg', 'application/pdf']),
    sizeBytes: z.number().int(),
    /** PDF: estimated page count (null when unknown); images: null. */
    pages: z.number().int().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    /** 1-based order inside the slot. */
    position: z.number().int(),
    uploadedAt: z.iso.datetime(),
    url: z.string(),
    /** A small JPEG for lists; null for PDFs. */
    thumbnailUrl: z.string().nullable(),
  })
  .meta({ id: 'RegistrationMaterialFile' });
export type MaterialFileView = z.infer<typeof materialFileViewSchema>;

export const materialSlotViewSchema = z
  .object({
    key: z.enum(MATERIAL_SLOT_KEYS),
    label: z.string(),
    /** Must hold a file before submission. */
    required: z.boolean(),
    /**
     * Asked for under the current area, specialty and basic information. False: files kept from an
     * earlier choice (e.g. before a change of area); they are not needed and may be deleted.
     */
    requested: z.boolean(),
    /** Why it is asked for, in Chinese. */
    reason: z.string(),
    maxFiles: z.number().int(),
    files: z.array(materialFileViewSchema),
  })
  .meta({ id: 'RegistrationMaterialSlot' });
export type MaterialSlotView = z.infer<typeof materialSlotViewSchema>;

export const registrationTimelineEntrySchema = z
  .object({
    id: z.number().int(),
    event: z.enum(REGISTRATION_TIMELINE_EVENTS),
    label: z.string(),
    fromStatus: z.enum(REGISTRATION_STATUSES).nullable(),
    toStatus: z.enum(REGISTRATION_STATUSES),
    actorKind: z.enum(REGISTRATION_ACTORS),
    actorLabel: z.string(),
    reasons: z.array(returnReasonSchema),
    /** A reviewer's note, or what changed (e.g. the areas of a change of area). */
    note: z.string().nullable(),
    occurredAt: z.iso.datetime(),
  })
  .meta({ id: 'RegistrationTimelineEntry' });
export type RegistrationTimelineEntry = z.infer<typeof registrationTimelineEntrySchema>;

const educationUsedSchema = z.object({
  index: z.number().int(),
  level: z.enum(EDUCATION_LEVELS),
  levelLabel: z.string(),
  mode: z.enum(['full_time', 'in_service']),
  school: z.string(),
  major: z.string(),
  graduationDate: z.iso.date(),
  withDegree: z.boolean(),
  foreign: z.boolean(),
});

export const registrationViewSchema = z
  .object({
    id: z.number().int(),
    /** 网报号, printed with its barcode on the application form. */
    registrationNumber: z.string(),
    /** Send it back with every change (PUT …/area, …/specialty, …/info, POST …/change-area). */
    version: z.number().int(),
    status: z.enum(REGISTRATION_STATUSES),
    statusLabel: z.string(),
    exam: z.object({ code: z.string(), name: z.string() }),
    cycle: z.object({
      id: z.number().int(),
      year: z.number().int(),
      name: z.string(),
      workYearsCutoff: z.iso.date(),
    }),
    examArea: examAreaViewSchema,
    city: z
      .object({ id: z.number().int(), code: z.string(), name: z.string(), active: z.boolean() })
      .nullable(),
    testSite: z
      .object({
        id: z.number().int(),
        code: z.string(),
        name: z.string(),
        address: z.string(),
        active: z.boolean(),
      })
      .nullable(),
    specialty: z
      .object({
        code: z.string(),
        name: z.string(),
        level: z.enum(ELIGIBILITY_LEVELS),
        levelLabel: z.string(),
        category: z.enum(ELIGIBILITY_CATEGORIES),
        subjects: z.array(z.string()),
        examMode: z.enum(EXAM_MODE_LIST),
        feePerSubjectFen: z.number().int(),
        /** Still offered by the area in the cycle. */
        offered: z.boolean(),
      })
      .nullable(),
    info: z
      .object({
        employer: z.string(),
        department: z.string(),
        post: z.string(),
        yearsInSpecialty: z.number().int(),
        /** The education record used, as it was when the info was saved. */
        education: educationUsedSchema,
        earlyApplicationClaim: z.enum(EARLY_APPLICATION_CLAIMS),
        earlyApplicationClaimLabel: z.string(),
        returningFileNumber: z.string().nullable(),
        savedAt: z.iso.datetime(),
      })
      .nullable(),
    /** The registration photo, copied from the base photo when confirmed. */
    photo: z.object({ confirmedAt: z.iso.datetime(), url: z.string() }).nullable(),
    applicationForm: z.object({
      url: z.string(),
      /** Null: to be downloaded (never, or what it prints changed since: download it again). */
      downloadedAt: z.iso.datetime().nullable(),
      /**
       * Files of the stamped-form slot printed from an earlier form (uploaded before what the form
       * prints changed and it was downloaded again): they no longer count and may be deleted.
       */
      outdatedFileIds: z.array(z.number().int()),
    }),
    materialSlots: z.array(materialSlotViewSchema),
    /** The eligibility check of the chosen specialty against the basic information, now. */
    eligibility: z
      .object({
        eligible: z.boolean(),
        needsReview: z.boolean(),
        lines: z.array(eligibilityLineSchema),
      })
      .nullable(),
    /** Why `eligibility` is null (no specialty chosen yet, basic information incomplete). */
    eligibilityNote: z.string().nullable(),
    completeness: z.object({
      complete: z.boolean(),
      steps: z.array(registrationStepStateSchema),
      missing: z.array(registrationProblemSchema),
    }),
    /** Lifecycle actions the candidate may take now (status and calendar). */
    actions: z.array(z.enum(REGISTRATION_EVENTS)),
    /** The area, specialty, info, photo and materials may be changed now. */
    canEdit: z.boolean(),
    /** Submission would be accepted now: allowed, complete and eligible. */
    readyToSubmit: z.boolean(),
    /** The reasons of the last return (确认不通过), while returned. */
    returnReasons: z.array(returnReasonSchema),
    returnNote: z.string().nullable(),
    /**
     * 补充材料 (R19): while the status is 待补充材料, the slots the reviewer named (uploads and
     * deletions of files added since the request are allowed there only) and the reviewer's note;
     * then `POST …/supply`. Null otherwise.
     */
    supplement: z
      .object({
        slots: z.array(z.enum(MATERIAL_SLOT_KEYS)),
        note: z.string().nullable(),
        requestedAt: z.iso.datetime(),
      })
      .nullable(),
    /**
     * 资格审核结果 (R18): shown from the start of the area's 审核结果公布 phase on. Before it a
     * decided registration reads exactly like an undecided one: status 报名确认 (confirmed), no
     * reasons, no review entry in the timeline.
     */
    qualificationResult: z
      .object({
        result: z.enum(['qualified', 'disqualified']),
        reasons: z.array(returnReasonSchema),
        note: z.string().nullable(),
        decidedAt: z.iso.datetime(),
      })
      .nullable(),
    /**
     * 历史考生自动确认 (R6, R7): the outcome at the last submission; null when the candidate has no
     * record of the previous cycle in this area (manual confirmation, nothing to say).
     */
    autoConfirmation: autoConfirmationSchema.nullable(),
    /** The area's calendar for the cycle (registration, confirmation, resubmission …). */
    calendar: z.array(phaseViewSchema),
    timeline: z.array(registrationTimelineEntrySchema),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    submittedAt: z.iso.datetime().nullable(),
    confirmedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Registration' });
export type RegistrationView = z.infer<typeof registrationViewSchema>;

/** GET /registrations?cycleId=: the candidate's registration for the cycle, or null. */
export const registrationLookupSchema = z
  .object({ registration: registrationViewSchema.nullable() })
  .meta({ id: 'RegistrationLookup' });
export type RegistrationLookup = z.infer<typeof registrationLookupSchema>;

/** What the candidate may choose for a registration: its area's cities, test sites, specialties. */
export const registrationChoicesSchema = z
  .object({
    examArea: examAreaViewSchema,
    cities: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string() })),
    testSites: z.array(
      z.object({ id: z.number().int(), code: z.string(), name: z.string(), address: z.string() }),
    ),
    specialties: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        level: z.enum(ELIGIBILITY_LEVELS),
        levelLabel: z.string(),
        category: z.enum(ELIGIBILITY_CATEGORIES),
        subjects: z.array(z.string()),
        examMode: z.enum(EXAM_MODE_LIST),
        feePerSubjectFen: z.number().int(),
      }),
    ),
    /** Exam areas a change of area (修改考区) may move to: every area but the current one. */
    otherExamAreas: z.array(examAreaViewSchema),
  })
  .meta({ id: 'RegistrationChoices' });
export type RegistrationChoices = z.infer<typeof registrationChoicesSchema>;

/** The label of a timeline entry: the lifecycle's action name, or the creation. */
export function timelineEventLabel(event: RegistrationTimelineEvent): string {
  return event === 'create' ? '进入网上报名' : REGISTRATION_TRANSITIONS[event].label;
}
