import { z } from 'zod';
import { PHASE_KIND_LIST, PHASE_LABELS, type PhaseKind } from '../domain/calendar';
import { phaseViewSchema } from './catalog';

/*
 * Catalog and calendar administration: cycles, an area's calendar, test sites (考点), the
 * specialties an area offers with their fees, the national specialty table and its import, and
 * exam notices (考试通知) with attachments.
 */

/** The four subjects (科目) every specialty has; the specialty table keeps them as data. */
export const DEFAULT_SUBJECTS = ['基础知识', '相关专业知识', '专业知识', '专业实践能力'] as const;

/** How a specialty's exam is taken: 人机对话 (computer) or 纸笔 (paper; 2024: only 203). */
export const EXAM_MODES = { computer: 'computer', paper: 'paper' } as const;
export type ExamMode = (typeof EXAM_MODES)[keyof typeof EXAM_MODES];
export const EXAM_MODE_LIST = Object.values(EXAM_MODES) as [ExamMode, ...ExamMode[]];
export const EXAM_MODE_LABELS: Record<ExamMode, string> = {
  computer: '人机对话',
  paper: '纸笔考试',
};

/** Whether a specialty row was confirmed by an official source (shown to administrators). */
export const CERTAINTY_LABELS = { sourced: '已核实', uncertain: '待核实' } as const;

/** Largest attachment of an exam notice, in bytes (10 MiB). */
export const NOTICE_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Largest specialty-table file for import, in bytes (2 MiB). */
export const SPECIALTY_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** Most data rows a specialty-table file may hold. */
export const SPECIALTY_IMPORT_MAX_ROWS = 1000;
/** Largest fee per subject, in fen (分): 10 000 元, far above any real fee. */
export const FEE_PER_SUBJECT_MAX_FEN = 1_000_000;

/** The length of the base64 text of `bytes` bytes. */
export const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

const id = z.number().int().positive();
const pathId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const levelSchema = z.enum(['junior_assistant', 'junior', 'intermediate']);
const categorySchema = z.enum(['doctor', 'nursing', 'pharmacy', 'technician', 'other']);
const certaintySchema = z.enum(['sourced', 'uncertain']);
const examModeSchema = z.enum(EXAM_MODE_LIST);

/** An instant in a request: ISO 8601 with a `Z` or an offset such as `+08:00`. */
const instantInput = z.iso.datetime({ offset: true, error: '请输入带时区的 ISO 8601 时间' });

/** A file as JSON: its name (with the extension) and its bytes in base64. */
export const fileNameSchema = z
  .string()
  .trim()
  .min(1, '请提供文件名')
  .max(200, '文件名不能超过 200 个字符')
  .regex(/\.[A-Za-z0-9]{1,5}$/, '文件名须带扩展名（如 .pdf）')
  .refine(isPlainFileName, '文件名不能含路径分隔符或控制字符');

/** No path separators (`/`, `\\`) and no control characters in a file name. */
function isPlainFileName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x2f || c === 0x5c) return false;
  }
  return true;
}
export const base64Schema = (maxBytes: number) =>
  z
    .string()
    .min(4, '文件内容不能为空')
    .max(base64Length(maxBytes), `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容须为 Base64 编码')
    .refine((s) => s.length % 4 === 0, '文件内容须为 Base64 编码（长度须为 4 的倍数）');

// ---------------------------------------------------------------------------------------------
// Path parameters

/** `/cycles/:cycleId/exam-areas/:examAreaId/…` */
export const cycleAreaParamsSchema = z.strictObject({ cycleId: pathId, examAreaId: pathId });
/** `/exam-areas/:examAreaId/…` */
export const examAreaParamsSchema = z.strictObject({ examAreaId: pathId });
/** `/notices/:id/attachments/:attachmentId` */
export const noticeAttachmentParamsSchema = z.strictObject({ id: pathId, attachmentId: pathId });

// ---------------------------------------------------------------------------------------------
// Cycles (考试年度)

export const cycleViewSchema = z
  .object({
    id: z.number().int(),
    examId: z.number().int(),
    year: z.number().int(),
    name: z.string(),
    workYearsCutoff: z.iso.date(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Cycle' });
export type CycleView = z.infer<typeof cycleViewSchema>;
export const cycleListSchema = z.object({ items: z.array(cycleViewSchema) });

const cycleFields = {
  year: z.number().int().min(2000, '年度须在 2000–2100 之间').max(2100, '年度须在 2000–2100 之间'),
  name: z.string().trim().min(1, '请输入名称').max(100, '名称不能超过 100 个字符'),
  workYearsCutoff: z.iso.date({ error: '请输入日期，格式为 YYYY-MM-DD' }),
};

/** The work-years cut-off lies in the year before the exam year or in it (P3: usually 12-31 of the year before). */
function refineCutoff(value: { year: number; workYearsCutoff: string }, ctx: z.RefinementCtx) {
  const cutoffYear = Number(value.workYearsCutoff.slice(0, 4));
  if (cutoffYear < value.year - 1 || cutoffYear > value.year) {
    ctx.addIssue({
      code: 'custom',
      path: ['workYearsCutoff'],
      message: `工作年限截止日期须在考试年度的上一年或当年内（通常为 ${value.year - 1}-12-31）`,
    });
  }
}

export const createCycleRequestSchema = z
  .strictObject({ examId: id, ...cycleFields })
  .superRefine(refineCutoff);
export type CreateCycleRequest = z.infer<typeof createCycleRequestSchema>;
export const updateCycleRequestSchema = z.strictObject(cycleFields).superRefine(refineCutoff);
export type UpdateCycleRequest = z.infer<typeof updateCycleRequestSchema>;

// ---------------------------------------------------------------------------------------------
// An area's calendar for a cycle (时间安排)

export interface CalendarPhaseInput {
  kind: PhaseKind;
  startsAt: string | Date;
  endsAt: string | Date;
}
type Edge = 'startsAt' | 'endsAt';

/**
 * The order rules of a calendar, as data: `then` may not come before `first` (or, when `strict`,
 * must come after it). A rule applies only when both phases are set. Each says why in Chinese.
 */
export const CALENDAR_ORDER_RULES: readonly {
  first: readonly [PhaseKind, Edge];
  then: readonly [PhaseKind, Edge];
  strict?: boolean;
  message: string;
}[] = [
  {
    first: ['registration', 'startsAt'],
    then: ['confirmation', 'startsAt'],
    message: '报名确认的开始时间不能早于网上报名的开始时间：考生须先报名，才能确认。',
  },
  {
    first: ['registration', 'endsAt'],
    then: ['confirmation', 'endsAt'],
    message: '报名确认的截止时间不能早于网上报名的截止时间：最后报名的考生也须能完成确认。',
  },
  {
    first: ['confirmation', 'startsAt'],
    then: ['resubmission', 'startsAt'],
    message: '退回后重新提交的开始时间不能早于报名确认的开始时间：先有确认不通过，才有重新提交。',
  },
  {
    first: ['confirmation', 'startsAt'],
    then: ['qualification_review', 'startsAt'],
    message: '资格审核的开始时间不能早于报名确认的开始时间：资格审核只审核已确认的报名。',
  },
  {
    first: ['qualification_review', 'startsAt'],
    then: ['results_publication', 'startsAt'],
    message: '审核结果公布的开始时间不能早于资格审核的开始时间。',
  },
  {
    first: ['qualification_review', 'startsAt'],
    then: ['payment', 'startsAt'],
    message: '网上缴费的开始时间不能早于资格审核的开始时间：只有审核通过的考生才能缴费。',
  },
  {
    first: ['payment', 'startsAt'],
    then: ['admission_ticket', 'startsAt'],
    message: '准考证打印的开始时间不能早于网上缴费的开始时间：缴费后才能打印准考证。',
  },
  {
    first: ['registration', 'endsAt'],
    then: ['exam', 'startsAt'],
    message: '考试须在网上报名截止之后开始。',
  },
  {
    first: ['payment', 'endsAt'],
    then: ['exam', 'startsAt'],
    message: '网上缴费须在考试开始之前截止。',
  },
  {
    first: ['admission_ticket', 'startsAt'],
    then: ['exam', 'startsAt'],
    strict: true,
    message: '准考证打印须在考试开始之前开放。',
  },
];

/**
 * Checks a whole calendar: each phase at most once, each ending after it starts, and the order
 * rules above. Returns one issue per fault, its path pointing into `phases`.
 */
export function checkCalendarPhases(
  phases: readonly CalendarPhaseInput[],
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const at = new Map<PhaseKind, { index: number; startsAt: number; endsAt: number }>();
  phases.forEach((phase, index) => {
    const label = PHASE_LABELS[phase.kind];
    if (at.has(phase.kind)) {
      issues.push({ path: [index, 'kind'], message: `“${label}”重复出现，每个阶段只能设置一次` });
      return;
    }
    const startsAt = new Date(phase.startsAt).getTime();
    const endsAt = new Date(phase.endsAt).getTime();
    at.set(phase.kind, { index, startsAt, endsAt });
    if (!(endsAt > startsAt)) {
      issues.push({ path: [index, 'endsAt'], message: `“${label}”的结束时间须晚于开始时间` });
    }
  });
  for (const rule of CALENDAR_ORDER_RULES) {
    const first = at.get(rule.first[0]);
    const then = at.get(rule.then[0]);
    if (!first || !then) continue;
    const a = first[rule.first[1]];
    const b = then[rule.then[1]];
    if (rule.strict ? b <= a : b < a) {
      issues.push({ path: [then.index, rule.then[1]], message: rule.message });
    }
  }
  return issues;
}

export const calendarPhaseInputSchema = z.strictObject({
  kind: z.enum(PHASE_KIND_LIST),
  startsAt: instantInput,
  endsAt: instantInput,
});

/** The whole calendar of an area in a cycle; phases left out are removed. */
export const putCalendarRequestSchema = z
  .strictObject({
    phases: z.array(calendarPhaseInputSchema).max(PHASE_KIND_LIST.length, '阶段数量过多'),
  })
  .superRefine((value, ctx) => {
    for (const issue of checkCalendarPhases(value.phases)) {
      ctx.addIssue({ code: 'custom', path: ['phases', ...issue.path], message: issue.message });
    }
  });
export type PutCalendarRequest = z.infer<typeof putCalendarRequestSchema>;

export const areaCalendarSchema = z
  .object({
    cycleId: z.number().int(),
    examAreaId: z.number().int(),
    phases: z.array(phaseViewSchema),
  })
  .meta({ id: 'AreaCalendar' });
export type AreaCalendar = z.infer<typeof areaCalendarSchema>;

// ---------------------------------------------------------------------------------------------
// Test sites (考点)

export const testSiteViewSchema = z
  .object({
    id: z.number().int(),
    examAreaId: z.number().int(),
    code: z.string(),
    name: z.string(),
    address: z.string(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'TestSite' });
export type TestSiteView = z.infer<typeof testSiteViewSchema>;
export const testSiteListSchema = z.object({ items: z.array(testSiteViewSchema) });

export const testSiteInputSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{1,16}$/, '考点代码须为 1–16 位字母或数字'),
  name: z.string().trim().min(1, '请输入考点名称').max(100, '考点名称不能超过 100 个字符'),
  address: z.string().trim().max(200, '地址不能超过 200 个字符'),
});
export type TestSiteInput = z.infer<typeof testSiteInputSchema>;

// ---------------------------------------------------------------------------------------------
// Specialties (专业) and the specialties an area offers in a cycle, with fees

export const adminSpecialtySchema = z
  .object({
    id: z.number().int(),
    examId: z.number().int(),
    code: z.string(),
    name: z.string(),
    level: levelSchema,
    category: categorySchema,
    subjects: z.array(z.string()),
    examMode: examModeSchema,
    certainty: certaintySchema,
  })
  .meta({ id: 'AdminSpecialty' });
export type AdminSpecialty = z.infer<typeof adminSpecialtySchema>;
export const adminSpecialtyListSchema = z.object({ items: z.array(adminSpecialtySchema) });
export const specialtyListQuerySchema = z.strictObject({
  examId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
});

const subjectsSchema = z
  .array(z.string().trim().min(1, '科目名称不能为空').max(20, '科目名称不能超过 20 个字符'))
  .min(1, '请至少设置一个科目')
  .max(8, '科目不能超过 8 个')
  .refine((list) => new Set(list).size === list.length, '科目名称不能重复');

export const updateSpecialtyRequestSchema = z.strictObject({
  name: z.string().trim().min(1, '请输入专业名称').max(50, '专业名称不能超过 50 个字符'),
  subjects: subjectsSchema,
  examMode: examModeSchema,
  certainty: certaintySchema,
});
export type UpdateSpecialtyRequest = z.infer<typeof updateSpecialtyRequestSchema>;

export const offeringViewSchema = z
  .object({
    specialtyId: z.number().int(),
    code: z.string(),
    name: z.string(),
    level: levelSchema,
    category: categorySchema,
    subjects: z.array(z.string()),
    examMode: examModeSchema,
    active: z.boolean(),
    feePerSubjectFen: z.number().int(),
  })
  .meta({ id: 'AreaOffering' });
export type OfferingView = z.infer<typeof offeringViewSchema>;
export const offeringListSchema = z.object({
  cycleId: z.number().int(),
  examAreaId: z.number().int(),
  items: z.array(offeringViewSchema),
});
export type OfferingList = z.infer<typeof offeringListSchema>;

/**
 * The specialties an area offers in a cycle, each with its fee per subject in fen (分). Those
 * offered before but left out become inactive (kept: registrations may refer to them).
 */
export const putOfferingsRequestSchema = z
  .strictObject({
    offerings: z
      .array(
        z.strictObject({
          specialtyId: id,
          feePerSubjectFen: z
            .number()
            .int('费用须为整数（单位：分）')
            .min(0, '费用不能为负数')
            .max(FEE_PER_SUBJECT_MAX_FEN, '费用超出合理范围'),
        }),
      )
      .max(1000, '专业数量过多'),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<number>();
    value.offerings.forEach((o, index) => {
      if (seen.has(o.specialtyId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['offerings', index, 'specialtyId'],
          message: '同一专业只能出现一次',
        });
      }
      seen.add(o.specialtyId);
    });
  });
export type PutOfferingsRequest = z.infer<typeof putOfferingsRequestSchema>;

/**
 * The specialty table as a CSV (UTF-8 or GB18030) or Excel (.xlsx) file in base64. With
 * `dryRun`, the file is only checked.
 */
export const specialtyImportRequestSchema = z.strictObject({
  examId: id,
  fileName: fileNameSchema,
  contentBase64: base64Schema(SPECIALTY_IMPORT_MAX_BYTES),
  dryRun: z.boolean().default(false),
});
export type SpecialtyImportRequest = z.infer<typeof specialtyImportRequestSchema>;

export const importIssueSchema = z.object({
  /** The row in the file as a spreadsheet numbers it (the header is row 1). */
  row: z.number().int(),
  /** The column's header as it should appear, or null for the whole row. */
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const specialtyImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    /** True when the rows were saved: never when there is an error or in a dry run. */
    applied: z.boolean(),
    format: z.enum(['csv', 'xlsx']),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(importIssueSchema),
  })
  .meta({ id: 'SpecialtyImportReport' });
export type SpecialtyImportReport = z.infer<typeof specialtyImportReportSchema>;

// ---------------------------------------------------------------------------------------------
// Exam notices (考试通知) and their attachments

export const noticeAttachmentViewSchema = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    /** Where the bytes are served (GET; `Content-Disposition: attachment` with the file name). */
    downloadUrl: z.string(),
  })
  .meta({ id: 'NoticeAttachment' });
export type NoticeAttachmentView = z.infer<typeof noticeAttachmentViewSchema>;

export const examNoticeViewSchema = z
  .object({
    id: z.number().int(),
    cycleId: z.number().int(),
    examAreaId: z.number().int(),
    title: z.string(),
    body: z.string(),
    status: z.enum(['draft', 'published']),
    publishedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    attachments: z.array(noticeAttachmentViewSchema),
  })
  .meta({ id: 'ExamNotice' });
export type ExamNoticeView = z.infer<typeof examNoticeViewSchema>;
export const examNoticeListSchema = z.object({ items: z.array(examNoticeViewSchema) });

/** A published notice as candidates see it before logging in. */
export const publicExamNoticeSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    body: z.string(),
    publishedAt: z.iso.datetime(),
    attachments: z.array(noticeAttachmentViewSchema),
  })
  .meta({ id: 'PublicExamNotice' });
export const publicExamNoticeListSchema = z.object({
  cycleId: z.number().int(),
  examAreaId: z.number().int(),
  items: z.array(publicExamNoticeSchema),
});

export const examNoticeInputSchema = z.strictObject({
  title: z.string().trim().min(1, '请输入通知标题').max(200, '通知标题不能超过 200 个字符'),
  body: z.string().max(50_000, '通知正文不能超过 50000 个字符'),
});
export type ExamNoticeInput = z.infer<typeof examNoticeInputSchema>;

/**
 * An attachment as JSON: the file name with its extension, and the bytes in base64. Accepted
 * types, decided by the content (the extension must agree): PDF, DOC/DOCX, XLS/XLSX, JPEG, PNG.
 */
export const uploadAttachmentRequestSchema = z.strictObject({
  fileName: fileNameSchema,
  contentBase64: base64Schema(NOTICE_ATTACHMENT_MAX_BYTES),
});
export type UploadAttachmentRequest = z.infer<typeof uploadAttachmentRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Exams (考试项目), exam areas (考区) and their registration cities (报名地市)

export const examViewSchema = z
  .object({ id: z.number().int(), code: z.string(), name: z.string() })
  .meta({ id: 'Exam' });
export type ExamView = z.infer<typeof examViewSchema>;
export const examListSchema = z.object({ items: z.array(examViewSchema) });

/** Longest exam-area name (新疆生产建设兵团 has 8 characters). */
export const EXAM_AREA_NAME_MAX = 20;
/** Longest registration-city name. */
export const REGISTRATION_CITY_NAME_MAX = 30;
/** Most registration cities an area may have. */
export const REGISTRATION_CITIES_MAX = 300;

const examAreaNameSchema = z
  .string()
  .trim()
  .min(1, '请输入考区名称')
  .max(EXAM_AREA_NAME_MAX, `考区名称不能超过 ${EXAM_AREA_NAME_MAX} 个字符`);

/** A new exam area: its code is the first two digits of the province's division code (上海 31). */
export const createExamAreaRequestSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[1-9][0-9]$/, '考区代码须为 2 位数字，即省级行政区划代码的前两位（如上海为 31）'),
  name: examAreaNameSchema,
});
export type CreateExamAreaRequest = z.infer<typeof createExamAreaRequestSchema>;

/** An exam area's new name; its code never changes (registrations and exports refer to it). */
export const updateExamAreaRequestSchema = z.strictObject({ name: examAreaNameSchema });
export type UpdateExamAreaRequest = z.infer<typeof updateExamAreaRequestSchema>;

export const adminRegistrationCitySchema = z
  .object({
    id: z.number().int(),
    examAreaId: z.number().int(),
    code: z.string(),
    name: z.string(),
    /** Position in the list candidates pick from (1 first). */
    sortOrder: z.number().int(),
    /** False once taken out of use; the row stays, since registrations may refer to it. */
    active: z.boolean(),
  })
  .meta({ id: 'AdminRegistrationCity' });
export type AdminRegistrationCity = z.infer<typeof adminRegistrationCitySchema>;
export const adminRegistrationCityListSchema = z.object({
  examAreaId: z.number().int(),
  items: z.array(adminRegistrationCitySchema),
});
export type AdminRegistrationCityList = z.infer<typeof adminRegistrationCityListSchema>;

const cityNameSchema = z
  .string()
  .trim()
  .min(1, '请输入报名地市名称')
  .max(REGISTRATION_CITY_NAME_MAX, `报名地市名称不能超过 ${REGISTRATION_CITY_NAME_MAX} 个字符`);

/** A new registration city: its six-digit division code (黄浦区 310101) and name. */
export const createRegistrationCityRequestSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, '报名地市代码须为 6 位数字的行政区划代码（如黄浦区为 310101）'),
  name: cityNameSchema,
});
export type CreateRegistrationCityRequest = z.infer<typeof createRegistrationCityRequestSchema>;

/** A registration city's new name; its code never changes. */
export const renameRegistrationCityRequestSchema = z.strictObject({ name: cityNameSchema });
export type RenameRegistrationCityRequest = z.infer<typeof renameRegistrationCityRequestSchema>;

/** The new order of an area's registration cities: every one of them (inactive too), once. */
export const reorderRegistrationCitiesRequestSchema = z.strictObject({
  cityIds: z
    .array(id)
    .min(1, '请提交本考区全部报名地市的顺序')
    .max(REGISTRATION_CITIES_MAX, '报名地市数量过多')
    .refine((ids) => new Set(ids).size === ids.length, '同一报名地市只能出现一次'),
});
export type ReorderRegistrationCitiesRequest = z.infer<
  typeof reorderRegistrationCitiesRequestSchema
>;
