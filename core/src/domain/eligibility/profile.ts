import { z } from 'zod';

/**
 * The input of the eligibility check: the candidate's profile, the chosen specialty, the cycle's
 * cut-off date, the exam area's rules and the employer named at registration. The schemas are
 * strict, so the server can validate a request body with them at the boundary.
 */

export const ELIGIBILITY_LEVELS = ['junior_assistant', 'junior', 'intermediate'] as const;
export type EligibilityLevel = (typeof ELIGIBILITY_LEVELS)[number];

export const ELIGIBILITY_CATEGORIES = [
  'doctor',
  'nursing',
  'pharmacy',
  'technician',
  'other',
] as const;
export type EligibilityCategory = (typeof ELIGIBILITY_CATEGORIES)[number];

/** Tracks of titles held (职称系列); a specialty's category maps to the track of the same name. */
export const TITLE_TRACKS = ['doctor', 'nursing', 'pharmacy', 'technician'] as const;
export type TitleTrack = (typeof TITLE_TRACKS)[number];

export const IDENTITY_DOCUMENT_TYPES = [
  'resident_id',
  'hmt_residence_permit',
  'hk_macao_pass',
  'taiwan_pass',
  'foreign_permanent_residence_id',
  'passport',
] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

/** Lowest to highest: the order matters (a route asking for 本科 accepts 硕士 and 博士 too). */
export const EDUCATION_LEVELS = [
  'secondary',
  'junior_college',
  'bachelor',
  'master',
  'doctorate',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const EMPLOYER_KINDS = [
  'community_health_service_centre',
  'township_health_centre',
  'village_clinic',
  'hospital',
  'other',
] as const;
export type EmployerKind = (typeof EMPLOYER_KINDS)[number];

export const PRACTICE_QUALIFICATION_KINDS = ['doctor', 'assistant_doctor', 'nurse'] as const;
export type PracticeQualificationKind = (typeof PRACTICE_QUALIFICATION_KINDS)[number];

export const EARLY_APPLICATION_KINDS = ['community', 'covid_front_line', 'covid_award'] as const;
export type EarlyApplicationKind = (typeof EARLY_APPLICATION_KINDS)[number];

const isoDate = z.iso.date('请填写有效日期（YYYY-MM-DD）');
const text = (max: number) =>
  z.string().trim().min(1, '此项不能为空，请填写').max(max, `不能超过 ${max} 个字，请精简后填写`);

export const eligibilityEducationSchema = z.strictObject({
  level: z.enum(EDUCATION_LEVELS),
  /** 全日制 or 在职 (成考、自考、网教、开放大学 …). */
  mode: z.enum(['full_time', 'in_service']),
  /** The major is medical or health-related (医学或相关专业). */
  healthRelated: z.boolean(),
  major: text(100),
  school: text(100).optional(),
  graduationDate: isoDate,
  /** Obtained abroad (国(境)外学历). */
  foreign: z.boolean(),
  /** Certified by 教育部留学服务中心 (only meaningful when foreign). */
  foreignCertified: z.boolean(),
  /** A degree certificate (学位证书) goes with this education. */
  withDegree: z.boolean(),
});
export type EligibilityEducation = z.infer<typeof eligibilityEducationSchema>;

export const eligibilityPracticeQualificationSchema = z
  .strictObject({
    kind: z.enum(PRACTICE_QUALIFICATION_KINDS),
    /** Date on the qualification certificate (资格证书). */
    qualifiedOn: isoDate,
    /** First practice registration (执业注册); absent: not registered. */
    registeredOn: isoDate.optional(),
    /** 主执业地点: the institution on the practice certificate. */
    principalPracticeSite: text(100).optional(),
  })
  .refine((q) => q.registeredOn === undefined || q.registeredOn >= q.qualifiedOn, {
    error: '执业注册日期不能早于资格证书取得日期',
    path: ['registeredOn'],
  });
export type EligibilityPracticeQualification = z.infer<
  typeof eligibilityPracticeQualificationSchema
>;

export const eligibilityTitleSchema = z.strictObject({
  level: z.enum(ELIGIBILITY_LEVELS),
  track: z.enum(TITLE_TRACKS),
  obtainedOn: isoDate,
  name: text(50).optional(),
});
export type EligibilityTitle = z.infer<typeof eligibilityTitleSchema>;

export const eligibilityWorkPeriodSchema = z
  .strictObject({
    employer: text(100),
    from: isoDate,
    /** Absent: ongoing. */
    to: isoDate.optional(),
    /** Worked inside the exam area (e.g. in Shanghai); out-of-town work counts too. */
    inExamArea: z.boolean(),
    /** Work in the chosen specialty (本专业工作). */
    inSpecialty: z.boolean(),
  })
  .refine((p) => p.to === undefined || p.to >= p.from, {
    error: '结束日期不能早于开始日期',
    path: ['to'],
  });
export type EligibilityWorkPeriod = z.infer<typeof eligibilityWorkPeriodSchema>;

export const eligibilityDeclarationsSchema = z.strictObject({
  /** 医疗事故责任者未满3年 */
  malpracticeWithin3Years: z.boolean().optional(),
  /** 医疗差错责任者未满1年 */
  errorWithin1Year: z.boolean().optional(),
  /** 受行政处分者在处分期内 */
  sanctionInForce: z.boolean().optional(),
  /** 伪造学历或考试期间有违纪行为未满2年 */
  forgeryOrExamDisciplineWithin2Years: z.boolean().optional(),
  /** 已退休 */
  retired: z.boolean().optional(),
});
export type EligibilityDeclarations = z.infer<typeof eligibilityDeclarationsSchema>;
export type DeclarationKey = keyof EligibilityDeclarations;

export const eligibilityProfileSchema = z.strictObject({
  identityDocument: z.enum(IDENTITY_DOCUMENT_TYPES),
  /** 户籍 relative to the exam area; only asked of 居民身份证 holders. */
  householdRegistration: z.enum(['local', 'non_local']).optional(),
  /** Residence permit of the exam area's city: 居住证, its 受理凭证, or (foreigners) 居住证B证. */
  residencePermit: z.enum(['none', 'permit', 'receipt', 'permit_b']),
  /** Holds a 港澳台居民居住证 (besides the document registered with). */
  hmtResidencePermit: z.boolean(),
  /** Holds a 外国人永久居留身份证 (besides the document registered with). */
  foreignPermanentResidenceId: z.boolean(),
  /** Social-security payment record of the area's HR and social-security site. */
  socialSecurity: z.strictObject({ payingInstitution: text(100) }).optional(),
  education: z.array(eligibilityEducationSchema).max(10),
  practiceQualifications: z.array(eligibilityPracticeQualificationSchema).max(5),
  titles: z.array(eligibilityTitleSchema).max(10),
  /** 住院医师规范化培训合格证书 */
  residencyTraining: z.strictObject({ certifiedOn: isoDate }).optional(),
  workPeriods: z.array(eligibilityWorkPeriodSchema).max(50),
  /** Changed post into the chosen specialty (因工作岗位变动变更专业类别) on this date. */
  postChange: z.strictObject({ changedOn: isoDate }).optional(),
  currentEmployer: z.strictObject({
    name: text(100),
    kind: z.enum(EMPLOYER_KINDS),
    /** 诊疗科目 on the 医疗机构执业许可证, where known. */
    clinicalSubjects: z.array(text(50)).max(100).optional(),
  }),
  covidFrontline: z.enum(['none', 'front_line', 'award']),
  /** Early-application preferences used in earlier cycles. */
  earlyApplicationClaims: z
    .array(
      z.strictObject({
        kind: z.enum(EARLY_APPLICATION_KINDS),
        year: z.number().int().min(2000, '年度不能早于2000年').max(2100, '年度不能晚于2100年'),
      }),
    )
    .max(10),
  declarations: eligibilityDeclarationsSchema,
  /** 历史考生: failed last year's exam and registers again. */
  returningCandidate: z.boolean(),
});
export type EligibilityProfile = z.infer<typeof eligibilityProfileSchema>;

export const eligibilitySpecialtySchema = z.strictObject({
  code: z.string().regex(/^\d{3}$/, '专业代码为3位数字'),
  name: text(50),
  level: z.enum(ELIGIBILITY_LEVELS),
  category: z.enum(ELIGIBILITY_CATEGORIES),
});
export type EligibilitySpecialty = z.infer<typeof eligibilitySpecialtySchema>;

/** An exam area's own rules (P1, P2): Shanghai turns them all on; other areas may not. */
export const examAreaEligibilityRulesSchema = z.strictObject({
  /** P1: a non-local household needs a residence permit, its receipt, or social-security records. */
  nonLocalHouseholdDocuments: z.boolean(),
  /** P1: the institution paying social security must be the employer named at registration. */
  socialSecurityEmployerMatch: z.boolean(),
  /** P1: for doctor and nurse codes, the principal practice site must be that employer. */
  practiceSiteEmployerMatch: z.boolean(),
  /** P2: HK/Macao/Taiwan residents and foreign nationals submit the residence documents. */
  hmtAndForeignDocuments: z.boolean(),
});
export type ExamAreaEligibilityRules = z.infer<typeof examAreaEligibilityRulesSchema>;

export const eligibilityInputSchema = z.strictObject({
  profile: eligibilityProfileSchema,
  specialty: eligibilitySpecialtySchema,
  /** The cycle's work-years cut-off (e.g. 2023-12-31 for the 2024 exam), included. */
  cutoffDate: isoDate,
  examArea: z.strictObject({ code: text(20), rules: examAreaEligibilityRulesSchema }),
  /** The employer named at registration (报名时填写的工作单位). */
  registeredEmployer: text(100),
});
export type EligibilityInput = z.infer<typeof eligibilityInputSchema>;

/** Shanghai's rules (P1 and P2 of the Shanghai 2024 registration Q&A). */
export const SHANGHAI_AREA_ELIGIBILITY_RULES: ExamAreaEligibilityRules = {
  nonLocalHouseholdDocuments: true,
  socialSecurityEmployerMatch: true,
  practiceSiteEmployerMatch: true,
  hmtAndForeignDocuments: true,
};
