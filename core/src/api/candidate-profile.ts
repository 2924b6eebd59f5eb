import { z } from 'zod';
import {
  EARLY_APPLICATION_KINDS,
  EDUCATION_LEVELS,
  ELIGIBILITY_LEVELS,
  EMPLOYER_KINDS,
  type eligibilityDeclarationsSchema,
  eligibilityProfileSchema,
  IDENTITY_DOCUMENT_TYPES,
  PRACTICE_QUALIFICATION_KINDS,
  TITLE_TRACKS,
} from '../domain/eligibility';

/**
 * The candidate's basic information (基本信息维护), kept once and reused by every registration:
 * the schemas of each section as the candidate saves it (strict, with Chinese messages), the
 * requests that replace a section, and the whole profile as the candidate reads it back.
 */

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** 民族, by their GB/T 3304 codes: the 56 ethnic groups, 其他 (97) and 外国血统中国籍人士 (98). */
const ETHNICITY_LIST = [
  ['01', '汉族'],
  ['02', '蒙古族'],
  ['03', '回族'],
  ['04', '藏族'],
  ['05', '维吾尔族'],
  ['06', '苗族'],
  ['07', '彝族'],
  ['08', '壮族'],
  ['09', '布依族'],
  ['10', '朝鲜族'],
  ['11', '满族'],
  ['12', '侗族'],
  ['13', '瑶族'],
  ['14', '白族'],
  ['15', '土家族'],
  ['16', '哈尼族'],
  ['17', '哈萨克族'],
  ['18', '傣族'],
  ['19', '黎族'],
  ['20', '傈僳族'],
  ['21', '佤族'],
  ['22', '畲族'],
  ['23', '高山族'],
  ['24', '拉祜族'],
  ['25', '水族'],
  ['26', '东乡族'],
  ['27', '纳西族'],
  ['28', '景颇族'],
  ['29', '柯尔克孜族'],
  ['30', '土族'],
  ['31', '达斡尔族'],
  ['32', '仫佬族'],
  ['33', '羌族'],
  ['34', '布朗族'],
  ['35', '撒拉族'],
  ['36', '毛南族'],
  ['37', '仡佬族'],
  ['38', '锡伯族'],
  ['39', '阿昌族'],
  ['40', '普米族'],
  ['41', '塔吉克族'],
  ['42', '怒族'],
  ['43', '乌孜别克族'],
  ['44', '俄罗斯族'],
  ['45', '鄂温克族'],
  ['46', '德昂族'],
  ['47', '保安族'],
  ['48', '裕固族'],
  ['49', '京族'],
  ['50', '塔塔尔族'],
  ['51', '独龙族'],
  ['52', '鄂伦春族'],
  ['53', '赫哲族'],
  ['54', '门巴族'],
  ['55', '珞巴族'],
  ['56', '基诺族'],
  ['97', '其他'],
  ['98', '外国血统中国籍人士'],
] as const;
export type EthnicityCode = (typeof ETHNICITY_LIST)[number][0];
/** The codes in GB/T 3304 order (an object would sort '10' … '98' before '01'). */
export const ETHNICITY_CODES = ETHNICITY_LIST.map(([code]) => code) as [
  EthnicityCode,
  ...EthnicityCode[],
];
export const ETHNICITIES = Object.fromEntries(ETHNICITY_LIST) as Record<EthnicityCode, string>;

export const HOUSEHOLD_REGISTRATIONS = ['local', 'non_local'] as const;
export type HouseholdRegistration = (typeof HOUSEHOLD_REGISTRATIONS)[number];

/** 居住证, 居住证受理凭证, 居住证（B证） (foreign nationals), or none. */
export const RESIDENCE_PERMITS = ['none', 'permit', 'receipt', 'permit_b'] as const;
export type ResidencePermit = (typeof RESIDENCE_PERMITS)[number];

export const COVID_FRONTLINE_STATUSES = ['none', 'front_line', 'award'] as const;
export type CovidFrontlineStatus = (typeof COVID_FRONTLINE_STATUSES)[number];

export const EDUCATION_MODES = ['full_time', 'in_service'] as const;
export type EducationMode = (typeof EDUCATION_MODES)[number];

/** Most records of each repeated section. */
export const PROFILE_LIMITS = {
  education: 5,
  workHistory: 20,
  practiceQualifications: 3,
  titles: 5,
  earlyApplicationClaims: 10,
  clinicalSubjects: 100,
} as const;

/** Chinese labels of the profile's own vocabulary (the eligibility labels cover the rest). */
export const CANDIDATE_PROFILE_LABELS = {
  householdRegistration: { local: '本市户籍', non_local: '非本市户籍' },
  residencePermit: {
    none: '未办理',
    permit: '居住证',
    receipt: '居住证受理凭证',
    permit_b: '居住证（B证）',
  },
  covidFrontline: {
    none: '不属于',
    front_line: '新冠肺炎疫情防控一线医务人员',
    award: '受省部级及以上表彰的疫情防控人员',
  },
  educationMode: { full_time: '全日制', in_service: '在职（成人教育、自学考试、网络教育等）' },
} as const satisfies {
  householdRegistration: Record<HouseholdRegistration, string>;
  residencePermit: Record<ResidencePermit, string>;
  covidFrontline: Record<CovidFrontlineStatus, string>;
  educationMode: Record<EducationMode, string>;
};

// ---------------------------------------------------------------------------------------------
// Building blocks

const isoDate = z.iso.date('请填写有效日期（YYYY-MM-DD）');
const text = (max: number) =>
  z.string().trim().min(1, '此项不能为空，请填写').max(max, `不能超过 ${max} 个字，请精简后填写`);
/** Certificate numbers: digits, letters and hyphens as printed; spaces dropped, letters upper-case. */
const certificateNumber = z
  .string()
  .trim()
  .overwrite((s) => s.replace(/\s+/g, '').toUpperCase())
  .regex(/^[0-9A-Z-]{4,40}$/, '证书编号应为 4–40 位数字、字母或连字符，请按证书上的编号填写');
const choose = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: `请选择${what}` });

const duplicates = <T>(items: readonly T[], key: (item: T) => string): number[] => {
  const seen = new Set<string>();
  const repeated: number[] = [];
  items.forEach((item, index) => {
    const k = key(item);
    if (seen.has(k)) repeated.push(index);
    seen.add(k);
  });
  return repeated;
};

// ---------------------------------------------------------------------------------------------
// Sections

/**
 * 个人信息. Which fields apply depends on the identity document of the account (household
 * registration only for 居民身份证 holders, and so on); `personalSectionIssues` in the domain checks
 * that against the account.
 */
export const personalSectionSchema = z
  .strictObject({
    ethnicity: choose(ETHNICITY_CODES, '民族'),
    /** 户籍: 本市 / 非本市 relative to the exam area; only for 居民身份证 holders. */
    householdRegistration: choose(HOUSEHOLD_REGISTRATIONS, '户籍所在地').optional(),
    residencePermit: choose(RESIDENCE_PERMITS, '居住证办理情况'),
    /** 社保缴费记录: the institution paying the candidate's social security in the area. */
    socialSecurity: z.strictObject({ payingInstitution: text(100) }).optional(),
    /** Holds a 港澳台居民居住证. */
    hmtResidencePermit: z.boolean({ error: '请选择是否持有港澳台居民居住证' }),
    /** Holds a 外国人永久居留身份证. */
    foreignPermanentResidenceId: z.boolean({ error: '请选择是否持有外国人永久居留身份证' }),
    covidFrontline: choose(COVID_FRONTLINE_STATUSES, '是否为新冠肺炎疫情防控一线人员'),
  })
  .meta({ id: 'CandidatePersonalSection' });
export type PersonalSection = z.infer<typeof personalSectionSchema>;

/** 现工作单位, with the clinical subjects (诊疗科目) on its licence where the candidate knows them. */
export const currentEmployerSectionSchema = z
  .strictObject({
    name: text(100),
    kind: choose(EMPLOYER_KINDS, '单位类别'),
    department: text(50).optional(),
    post: text(50).optional(),
    clinicalSubjects: z
      .array(text(50))
      .max(
        PROFILE_LIMITS.clinicalSubjects,
        `诊疗科目最多填写 ${PROFILE_LIMITS.clinicalSubjects} 项`,
      )
      .optional(),
  })
  .superRefine((employer, ctx) => {
    for (const index of duplicates(employer.clinicalSubjects ?? [], (s) => s)) {
      ctx.addIssue({
        code: 'custom',
        message: '诊疗科目重复，请删除重复的一项',
        path: ['clinicalSubjects', index],
      });
    }
  })
  .meta({ id: 'CandidateCurrentEmployerSection' });
export type CurrentEmployerSection = z.infer<typeof currentEmployerSectionSchema>;

/** One education (学历) and the degree (学位) that goes with it. */
export const educationRecordSchema = z
  .strictObject({
    level: choose(EDUCATION_LEVELS, '学历层次'),
    mode: choose(EDUCATION_MODES, '学习形式'),
    school: text(100),
    major: text(100),
    /** The major is medical or health-related (医学或相关专业). */
    healthRelated: z.boolean({ error: '请选择是否为医学或相关专业' }),
    startDate: isoDate,
    graduationDate: isoDate,
    /** 学历证书编号; not asked for a foreign education. */
    certificateNumber: certificateNumber.optional(),
    /** A degree certificate (学位证书) goes with this education. */
    withDegree: z.boolean({ error: '请选择是否取得学位' }),
    degreeCertificateNumber: certificateNumber.optional(),
    /** Obtained abroad (国(境)外学历学位). */
    foreign: z.boolean({ error: '请选择是否为国(境)外学历' }),
    /** Certified by 教育部留学服务中心. */
    foreignCertified: z.boolean({ error: '请选择是否已经教育部留学服务中心认证' }),
  })
  .superRefine((e, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', message, path: [path] });
    if (e.graduationDate <= e.startDate) issue('graduationDate', '毕业日期应晚于入学日期');
    if (!e.foreign && e.certificateNumber === undefined) {
      issue('certificateNumber', '请填写学历证书编号');
    }
    if (e.withDegree && !e.foreign && e.degreeCertificateNumber === undefined) {
      issue('degreeCertificateNumber', '已取得学位的，请填写学位证书编号');
    }
    if (!e.withDegree && e.degreeCertificateNumber !== undefined) {
      issue('degreeCertificateNumber', '未取得学位的，请不要填写学位证书编号');
    }
    if (!e.foreign && e.foreignCertified) {
      issue('foreignCertified', '只有国(境)外学历才需要教育部留学服务中心认证');
    }
  })
  .meta({ id: 'CandidateEducationRecord' });
export type EducationRecord = z.infer<typeof educationRecordSchema>;

export const educationSectionSchema = z
  .array(educationRecordSchema)
  .max(PROFILE_LIMITS.education, `学历最多填写 ${PROFILE_LIMITS.education} 条`)
  .superRefine((records, ctx) => {
    for (const index of duplicates(
      records.filter((r) => r.certificateNumber !== undefined),
      (r) => r.certificateNumber ?? '',
    )) {
      ctx.addIssue({
        code: 'custom',
        message: '学历证书编号与前面的记录重复，请核对',
        path: [index, 'certificateNumber'],
      });
    }
  });
export type EducationSection = z.infer<typeof educationSectionSchema>;

/** One period of work (工作经历). */
export const workPeriodRecordSchema = z
  .strictObject({
    employer: text(100),
    department: text(50).optional(),
    post: text(50).optional(),
    from: isoDate,
    /** Absent: still working there. */
    to: isoDate.optional(),
    /** Worked inside the exam area (e.g. in Shanghai). */
    inExamArea: z.boolean({ error: '请选择是否在本考区工作' }),
    /** Work in the specialty the candidate registers for (本专业工作). */
    inSpecialty: z.boolean({ error: '请选择是否从事本专业工作' }),
  })
  .refine((p) => p.to === undefined || p.to >= p.from, {
    error: '结束日期不能早于开始日期',
    path: ['to'],
  })
  .meta({ id: 'CandidateWorkPeriod' });
export type WorkPeriodRecord = z.infer<typeof workPeriodRecordSchema>;

export const workHistorySectionSchema = z
  .array(workPeriodRecordSchema)
  .max(PROFILE_LIMITS.workHistory, `工作经历最多填写 ${PROFILE_LIMITS.workHistory} 段`);
export type WorkHistorySection = z.infer<typeof workHistorySectionSchema>;

/** A practice qualification (执业资格) and its registration (执业注册), as on the certificates. */
export const practiceQualificationRecordSchema = z
  .strictObject({
    kind: choose(PRACTICE_QUALIFICATION_KINDS, '执业资格类别'),
    certificateNumber,
    qualifiedOn: isoDate,
    /** First practice registration; absent: not registered. */
    registeredOn: isoDate.optional(),
    /** 主执业地点 on the practice certificate. */
    principalPracticeSite: text(100).optional(),
    /** 执业类别 (e.g. 临床). */
    practiceCategory: text(50).optional(),
    /** 执业范围 (e.g. 内科专业). */
    practiceScope: text(100).optional(),
  })
  .superRefine((q, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', message, path: [path] });
    if (q.registeredOn === undefined) {
      for (const field of ['principalPracticeSite', 'practiceCategory', 'practiceScope'] as const) {
        if (q[field] !== undefined) issue(field, '尚未执业注册的，请先填写执业注册日期');
      }
      return;
    }
    if (q.registeredOn < q.qualifiedOn) issue('registeredOn', '执业注册日期不能早于资格取得日期');
    if (q.principalPracticeSite === undefined) {
      issue('principalPracticeSite', '已执业注册的，请按执业证书填写主执业地点');
    }
  })
  .meta({ id: 'CandidatePracticeQualification' });
export type PracticeQualificationRecord = z.infer<typeof practiceQualificationRecordSchema>;

/** A title held (职称): 士, 师 or 中级, in its track. */
export const titleRecordSchema = z
  .strictObject({
    level: choose(ELIGIBILITY_LEVELS, '职称级别'),
    track: choose(TITLE_TRACKS, '职称系列'),
    obtainedOn: isoDate,
    name: text(50).optional(),
  })
  .meta({ id: 'CandidateTitle' });
export type TitleRecord = z.infer<typeof titleRecordSchema>;

/** 资格与职称: practice qualifications, titles, the residency-training certificate, a change of post. */
export const qualificationsSectionSchema = z
  .strictObject({
    practiceQualifications: z
      .array(practiceQualificationRecordSchema)
      .max(
        PROFILE_LIMITS.practiceQualifications,
        `执业资格最多填写 ${PROFILE_LIMITS.practiceQualifications} 项`,
      ),
    titles: z
      .array(titleRecordSchema)
      .max(PROFILE_LIMITS.titles, `职称最多填写 ${PROFILE_LIMITS.titles} 项`),
    /** 住院医师规范化培训合格证书; null: none. */
    residencyTraining: z.strictObject({ certifiedOn: isoDate, certificateNumber }).nullable(),
    /** Changed post into another specialty (因工作岗位变动变更专业); null: no change. */
    postChange: z.strictObject({ changedOn: isoDate }).nullable(),
  })
  .superRefine((s, ctx) => {
    for (const index of duplicates(s.practiceQualifications, (q) => q.kind)) {
      ctx.addIssue({
        code: 'custom',
        message: '同一类执业资格只需填写一次',
        path: ['practiceQualifications', index, 'kind'],
      });
    }
    for (const index of duplicates(s.titles, (t) => `${t.track}:${t.level}`)) {
      ctx.addIssue({
        code: 'custom',
        message: '同一职称只需填写一次',
        path: ['titles', index, 'level'],
      });
    }
  })
  .meta({ id: 'CandidateQualificationsSection' });
export type QualificationsSection = z.infer<typeof qualificationsSectionSchema>;

/** An early-application preference (提前申报) used in an earlier cycle. */
export const earlyApplicationClaimRecordSchema = z
  .strictObject({
    kind: choose(EARLY_APPLICATION_KINDS, '提前申报类别'),
    year: z
      .number({ error: '请填写年度' })
      .int('年度须为整数')
      .min(2000, '年度不能早于2000年')
      .max(2100, '年度不能晚于2100年'),
  })
  .meta({ id: 'CandidateEarlyApplicationClaim' });
export type EarlyApplicationClaimRecord = z.infer<typeof earlyApplicationClaimRecordSchema>;

export const earlyApplicationClaimsSectionSchema = z
  .array(earlyApplicationClaimRecordSchema)
  .max(
    PROFILE_LIMITS.earlyApplicationClaims,
    `提前申报记录最多填写 ${PROFILE_LIMITS.earlyApplicationClaims} 条`,
  )
  .superRefine((claims, ctx) => {
    for (const index of duplicates(claims, (c) => `${c.kind}:${c.year}`)) {
      ctx.addIssue({ code: 'custom', message: '该记录重复，请删除', path: [index, 'year'] });
    }
  });
export type EarlyApplicationClaimsSection = z.infer<typeof earlyApplicationClaimsSectionSchema>;

const declared = (what: string) => z.boolean({ error: `请如实声明：${what}` });
/** 声明: every barred case of the eligibility rules, each answered yes or no. */
export const declarationsSectionSchema = z
  .strictObject({
    malpracticeWithin3Years: declared('是否为医疗事故责任者且未满3年'),
    errorWithin1Year: declared('是否为医疗差错责任者且未满1年'),
    sanctionInForce: declared('是否受到行政处分且在处分期内'),
    forgeryOrExamDisciplineWithin2Years: declared('是否伪造学历或考试期间有违纪行为且未满2年'),
    retired: declared('是否已退休'),
  })
  .meta({ id: 'CandidateDeclarationsSection' });
export type DeclarationsSection = z.infer<typeof declarationsSectionSchema>;

// The declarations section answers exactly the engine's barred cases (checked at compile time).
type SameKeys<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? true
    : false
  : false;
const _declarationsMatchEngine: SameKeys<
  DeclarationsSection,
  z.infer<typeof eligibilityDeclarationsSchema>
> = true;

/** The sections a candidate saves one at a time (the photo has its own upload). */
export const PROFILE_SECTIONS = {
  personal: personalSectionSchema,
  currentEmployer: currentEmployerSectionSchema,
  education: educationSectionSchema,
  workHistory: workHistorySectionSchema,
  qualifications: qualificationsSectionSchema,
  earlyApplicationClaims: earlyApplicationClaimsSectionSchema,
  declarations: declarationsSectionSchema,
} as const;
export type ProfileSectionKey = keyof typeof PROFILE_SECTIONS;
export type ProfileSectionData<K extends ProfileSectionKey> = z.infer<(typeof PROFILE_SECTIONS)[K]>;
export const PROFILE_SECTION_KEYS = Object.keys(PROFILE_SECTIONS) as ProfileSectionKey[];

/** Everything the completeness check covers: the sections and the photo. */
export const PROFILE_PARTS = [
  'personal',
  'photo',
  'education',
  'currentEmployer',
  'workHistory',
  'qualifications',
  'earlyApplicationClaims',
  'declarations',
] as const;
export type ProfilePart = (typeof PROFILE_PARTS)[number];

export const PROFILE_PART_LABELS: Record<ProfilePart, string> = {
  personal: '个人信息',
  photo: '基本照片',
  education: '学历学位',
  currentEmployer: '现工作单位',
  workHistory: '工作经历',
  qualifications: '执业资格与职称',
  earlyApplicationClaims: '提前申报情况',
  declarations: '诚信声明',
};

// ---------------------------------------------------------------------------------------------
// Requests

/** The profile's version as the candidate last read it (0 before anything was saved). */
export const profileVersionSchema = z
  .number({ error: '缺少信息版本号，请刷新页面后重试' })
  .int('信息版本号须为整数')
  .min(0, '信息版本号不能为负数')
  .max(2 ** 31 - 1, '信息版本号过大');

const saveRequest = <S extends z.ZodType>(data: S, id: string) =>
  z.strictObject({ version: profileVersionSchema, data }).meta({ id });

/** Each PUT replaces one whole section, from the version the candidate read. */
export const saveProfileSectionRequestSchemas = {
  personal: saveRequest(personalSectionSchema, 'SavePersonalSectionRequest'),
  currentEmployer: saveRequest(currentEmployerSectionSchema, 'SaveCurrentEmployerRequest'),
  education: saveRequest(educationSectionSchema, 'SaveEducationSectionRequest'),
  workHistory: saveRequest(workHistorySectionSchema, 'SaveWorkHistoryRequest'),
  qualifications: saveRequest(qualificationsSectionSchema, 'SaveQualificationsSectionRequest'),
  earlyApplicationClaims: saveRequest(
    earlyApplicationClaimsSectionSchema,
    'SaveEarlyApplicationClaimsRequest',
  ),
  declarations: saveRequest(declarationsSectionSchema, 'SaveDeclarationsSectionRequest'),
} as const satisfies Record<ProfileSectionKey, z.ZodType>;
export type SaveProfileSectionRequest<K extends ProfileSectionKey> = z.infer<
  (typeof saveProfileSectionRequestSchemas)[K]
>;

/** The URL segment of each section: PUT /api/candidate/profile/<segment>. */
export const PROFILE_SECTION_PATHS: Record<ProfileSectionKey, string> = {
  personal: 'personal',
  currentEmployer: 'current-employer',
  education: 'education',
  workHistory: 'work-history',
  qualifications: 'qualifications',
  earlyApplicationClaims: 'early-application-claims',
  declarations: 'declarations',
};

/** Hard ceiling of a photo upload (the configured limit is at most this). */
export const PHOTO_UPLOAD_HARD_MAX_BYTES = 20 * 1024 * 1024;

/** The base photo (基本照片) as base64 inside JSON (see decision 0007). */
export const uploadPhotoRequestSchema = z
  .strictObject({
    contentBase64: z
      .string({ error: '请选择要上传的照片' })
      .min(4, '照片内容不能为空，请重新选择照片')
      .max(
        Math.ceil(PHOTO_UPLOAD_HARD_MAX_BYTES / 3) * 4,
        `照片不能超过 ${PHOTO_UPLOAD_HARD_MAX_BYTES / 1024 / 1024} MB`,
      )
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, '照片内容须为 Base64 编码')
      .refine((s) => s.length % 4 === 0, '照片内容须为 Base64 编码（长度须为 4 的倍数）'),
  })
  .meta({ id: 'UploadPhotoRequest' });
export type UploadPhotoRequest = z.infer<typeof uploadPhotoRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Responses

/** The checks a photo goes through; each failed one is reported on its own. */
export const PHOTO_CHECKS = [
  'format',
  'pixels',
  'dimensions',
  'ratio',
  'background',
  'file_size',
] as const;
export type PhotoCheck = (typeof PHOTO_CHECKS)[number];

export const PHOTO_CHECK_LABELS: Record<PhotoCheck, string> = {
  format: '文件格式',
  pixels: '图片总像素',
  dimensions: '照片尺寸',
  ratio: '照片比例',
  background: '照片背景',
  file_size: '处理后文件大小',
};

export const photoCheckResultSchema = z
  .object({
    check: z.enum(PHOTO_CHECKS),
    passed: z.boolean(),
    /** What was found and, when failed, what to do. */
    message: z.string(),
  })
  .meta({ id: 'PhotoCheckResult' });
export type PhotoCheckResult = z.infer<typeof photoCheckResultSchema>;

export const photoViewSchema = z
  .object({
    width: z.number().int(),
    height: z.number().int(),
    sizeBytes: z.number().int(),
    uploadedAt: z.iso.datetime(),
    /** GET it (owner only) to show the normalised JPEG; changes with each upload. */
    url: z.string(),
  })
  .meta({ id: 'CandidatePhoto' });
export type PhotoView = z.infer<typeof photoViewSchema>;

export const uploadPhotoResponseSchema = z
  .object({ photo: photoViewSchema, checks: z.array(photoCheckResultSchema) })
  .meta({ id: 'UploadPhotoResponse' });
export type UploadPhotoResponse = z.infer<typeof uploadPhotoResponseSchema>;

export const profileCompletenessSchema = z
  .object({
    complete: z.boolean(),
    missing: z.array(z.enum(PROFILE_PARTS)),
    parts: z.array(
      z.object({
        part: z.enum(PROFILE_PARTS),
        label: z.string(),
        complete: z.boolean(),
        /** What to do to complete it (empty when complete). */
        hint: z.string(),
      }),
    ),
  })
  .meta({ id: 'ProfileCompleteness' });
export type ProfileCompleteness = z.infer<typeof profileCompletenessSchema>;

/** The whole profile as its owner reads it; a section never saved is null. */
export const candidateProfileViewSchema = z
  .object({
    version: z.number().int(),
    /** The identity document the account registered with (decides which personal fields apply). */
    identityDocument: z.enum(IDENTITY_DOCUMENT_TYPES).nullable(),
    personal: personalSectionSchema.nullable(),
    currentEmployer: currentEmployerSectionSchema.nullable(),
    education: educationSectionSchema.nullable(),
    workHistory: workHistorySectionSchema.nullable(),
    qualifications: qualificationsSectionSchema.nullable(),
    earlyApplicationClaims: earlyApplicationClaimsSectionSchema.nullable(),
    declarations: declarationsSectionSchema.nullable(),
    photo: photoViewSchema.nullable(),
    /** Set once a confirmed registration depends on this information: edits are refused. */
    locked: z.object({ at: z.iso.datetime(), reason: z.string() }).nullable(),
    updatedAt: z.iso.datetime().nullable(),
    completeness: profileCompletenessSchema,
  })
  .meta({ id: 'CandidateProfile' });
export type CandidateProfileView = z.infer<typeof candidateProfileViewSchema>;

/** What the eligibility check needs and the profile does not hold yet. */
export const ELIGIBILITY_PROFILE_GAPS = [
  'identityDocument',
  'personal',
  'currentEmployer',
  'education',
  'workHistory',
  'qualifications',
  'earlyApplicationClaims',
  'declarations',
] as const;
export type EligibilityProfileGap = (typeof ELIGIBILITY_PROFILE_GAPS)[number];

/** The eligibility input mapped so far: complete, it is an `EligibilityProfile`. */
export const eligibilityProfileDraftSchema = eligibilityProfileSchema
  .extend({
    identityDocument: eligibilityProfileSchema.shape.identityDocument.optional(),
    currentEmployer: eligibilityProfileSchema.shape.currentEmployer.optional(),
  })
  .meta({ id: 'EligibilityProfileDraft' });
export type EligibilityProfileDraft = z.infer<typeof eligibilityProfileDraftSchema>;

export const candidateEligibilityProfileSchema = z
  .object({
    /** True when every part the check needs is filled in: `profile` is then a whole profile. */
    complete: z.boolean(),
    missing: z.array(z.enum(ELIGIBILITY_PROFILE_GAPS)),
    profile: eligibilityProfileDraftSchema,
  })
  .meta({ id: 'CandidateEligibilityProfile' });
export type CandidateEligibilityProfile = z.infer<typeof candidateEligibilityProfileSchema>;
