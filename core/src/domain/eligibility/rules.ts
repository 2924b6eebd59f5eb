import type {
  DeclarationKey,
  EarlyApplicationKind,
  EducationLevel,
  EligibilityLevel,
  EmployerKind,
  TitleTrack,
} from './profile';
import type { RuleSource } from './result';

/**
 * The national eligibility rules as data. Every row carries its source and certainty; rows marked
 * `uncertain` come from research notes marked [U] or [S-old] (see
 * shared/docs/exam-rules-research.md) and must be checked against the official documents. An
 * administrator may correct them: pass a modified copy of `DEFAULT_ELIGIBILITY_RULES` to
 * `checkEligibility`.
 */

/** Named documents the rules refer to. */
export const ELIGIBILITY_SOURCES = {
  standard51: {
    document: '人社部发〔2021〕51号附件《卫生专业技术人员职称评价基本标准》',
    certainty: 'sourced',
    note: '经二手资料转引（yixuemao.com、wxredian.com、2875825.com），未读到官方全文',
  },
  notice2024: {
    document: '《关于2024年度卫生专业技术资格考试有关问题的通知》（卫考办发〔2023〕1号）',
    certainty: 'sourced',
  },
  shanghaiFaq: {
    document: '上海考区2024年度卫生专业技术资格考试网上报名问答',
    certainty: 'sourced',
  },
  counting2024: {
    document:
      '2024年度报考条件说明：学历和工作年限计算至2023年12月31日，执业活动自执业注册之日起计算',
    certainty: 'sourced',
  },
  rejectReasons: {
    document: '各考区资格审核不通过原因汇总（学历不符、专业不符、单位不符、挂靠等）',
    certainty: 'sourced',
  },
  interimRules: {
    document: '卫生专业技术资格考试暂行规定（不得报考情形）',
    certainty: 'uncertain',
    note: '旧规定，仍被引用；未见2024年度文件确认',
  },
  retirement: {
    document: '职称评价有关规定：已退休人员不再参加职称评价',
    certainty: 'sourced',
  },
  hmtForeignReview: {
    document: '项目调研：港澳台居民及外籍人员报名的一般做法',
    certainty: 'uncertain',
    note: '未找到权威规定，按人工审核处理',
  },
} as const satisfies Record<string, RuleSource>;

/**
 * Where the counting of work years starts:
 * - `none`: no years asked;
 * - `graduation`: the graduation date of the education the route rests on;
 * - `practice_registration`: the first practice registration (执业注册) of the track's practice
 *   qualification (执业医师 for doctors, 护士执业资格 for nurses);
 * - `lower_title`: the date the title one level lower in the same track was obtained (药(技)士 for
 *   药(技)师, 药(技)师 for 主管药(技)师, 护师 for 主管护师);
 * - `residency_training`: the date of the 住院医师规范化培训合格证书.
 */
export type CountingStart =
  'none' | 'graduation' | 'practice_registration' | 'lower_title' | 'residency_training';

/** One row of the years table: level × track × education → years and the counting start. */
export interface YearsRule {
  id: string;
  level: EligibilityLevel;
  track: TitleTrack;
  /** The lowest education accepted; a higher one is accepted too. */
  education: EducationLevel;
  years: number;
  countFrom: CountingStart;
  /** Also needs the 住院医师规范化培训合格证书 (dated on or before the cut-off). */
  requiresResidencyTraining?: boolean;
  /** Also needs current work at a grassroots institution (基层医疗卫生机构). */
  requiresGrassrootsEmployer?: boolean;
  /** The condition as the candidate reads it. */
  requirement: string;
  source: RuleSource;
}

const GRADUATION_START_NOTE =
  '51号标准只写“从事本专业技术工作满N年”，未写起算点；此处按毕业之日起算。旧规定曾为“取得学历前后从事本专业工作时间的总和”，在职学历人员可能因此少算年限，请核对官方文件';

function pharmacyAndTechnician(
  level: EligibilityLevel,
  rows: readonly (Omit<YearsRule, 'id' | 'level' | 'track'> & { key: string })[],
): YearsRule[] {
  return (['pharmacy', 'technician'] as const).flatMap((track) =>
    rows.map(({ key, ...row }) => ({ id: `years.${level}.${track}.${key}`, level, track, ...row })),
  );
}

export const DEFAULT_YEARS_RULES: readonly YearsRule[] = [
  // 初级(士)：药、技
  ...pharmacyAndTechnician('junior_assistant', [
    {
      key: 'junior_college',
      education: 'junior_college',
      years: 0,
      countFrom: 'none',
      requirement: '具备相应专业大专学历',
      source: {
        ...ELIGIBILITY_SOURCES.standard51,
        note: '本科及以上学历按“及以上”同样接受，是否如此未经官方确认；2021年以前另需从事本专业工作满1年',
      },
    },
    {
      key: 'secondary',
      education: 'secondary',
      years: 0,
      countFrom: 'none',
      requirement: '具备相应专业中专学历',
      source: ELIGIBILITY_SOURCES.standard51,
    },
  ]),
  // 初级(师)：药、技
  ...pharmacyAndTechnician('junior', [
    {
      key: 'master',
      education: 'master',
      years: 0,
      countFrom: 'none',
      requirement: '具备相应专业硕士学位',
      source: ELIGIBILITY_SOURCES.standard51,
    },
    {
      key: 'bachelor',
      education: 'bachelor',
      years: 1,
      countFrom: 'graduation',
      requirement: '具备相应专业大学本科学历或学士学位，从事本专业技术工作满1年',
      source: {
        ...ELIGIBILITY_SOURCES.standard51,
        certainty: 'uncertain',
        note: GRADUATION_START_NOTE,
      },
    },
    {
      key: 'junior_college',
      education: 'junior_college',
      years: 3,
      countFrom: 'graduation',
      requirement: '具备相应专业大专学历，从事本专业技术工作满3年',
      source: {
        ...ELIGIBILITY_SOURCES.standard51,
        certainty: 'uncertain',
        note: GRADUATION_START_NOTE,
      },
    },
    {
      key: 'secondary',
      education: 'secondary',
      years: 5,
      countFrom: 'lower_title',
      requirement: '具备相应专业中专学历，取得药(技)士职称后，从事本专业技术工作满5年',
      source: ELIGIBILITY_SOURCES.standard51,
    },
  ]),
  // 初级(师)：护理学(师) 203
  {
    id: 'years.junior.nursing.bachelor',
    level: 'junior',
    track: 'nursing',
    education: 'bachelor',
    years: 1,
    countFrom: 'practice_registration',
    requirement: '具备护理专业大学本科学历或学士学位，经护士执业注册后从事护士执业活动满1年',
    source: {
      ...ELIGIBILITY_SOURCES.standard51,
      note: '部分资料称本科满1年可直接聘任护师，是否全国适用未经确认',
    },
  },
  {
    id: 'years.junior.nursing.junior_college',
    level: 'junior',
    track: 'nursing',
    education: 'junior_college',
    years: 3,
    countFrom: 'practice_registration',
    requirement: '具备护理专业大专学历，经护士执业注册后从事护士执业活动满3年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  {
    id: 'years.junior.nursing.secondary',
    level: 'junior',
    track: 'nursing',
    education: 'secondary',
    years: 5,
    countFrom: 'practice_registration',
    requirement: '具备护理专业中专学历，经护士执业注册后从事护士执业活动满5年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  // 中级：主管药师、主管技师
  ...pharmacyAndTechnician('intermediate', [
    {
      key: 'doctorate',
      education: 'doctorate',
      years: 0,
      countFrom: 'none',
      requirement: '具备相应专业博士学位',
      source: ELIGIBILITY_SOURCES.standard51,
    },
    {
      key: 'master',
      education: 'master',
      years: 2,
      countFrom: 'lower_title',
      requirement: '具备相应专业硕士学位，取得药(技)师职称后，从事本专业技术工作满2年',
      source: ELIGIBILITY_SOURCES.standard51,
    },
    {
      key: 'bachelor',
      education: 'bachelor',
      years: 4,
      countFrom: 'lower_title',
      requirement:
        '具备相应专业大学本科学历或学士学位，取得药(技)师职称后，从事本专业技术工作满4年',
      source: ELIGIBILITY_SOURCES.standard51,
    },
    {
      key: 'junior_college',
      education: 'junior_college',
      years: 6,
      countFrom: 'lower_title',
      requirement: '具备相应专业大专学历，取得药(技)师职称后，从事本专业技术工作满6年',
      source: ELIGIBILITY_SOURCES.standard51,
    },
    {
      key: 'secondary',
      education: 'secondary',
      years: 7,
      countFrom: 'lower_title',
      requirement: '具备相应专业中专学历，取得药(技)师职称后，从事本专业技术工作满7年',
      source: ELIGIBILITY_SOURCES.standard51,
    },
  ]),
  // 中级：主管护师 368–373
  {
    id: 'years.intermediate.nursing.doctorate',
    level: 'intermediate',
    track: 'nursing',
    education: 'doctorate',
    years: 0,
    countFrom: 'practice_registration',
    requirement: '具备护理专业博士学位，经护士执业注册从事护理执业活动',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  {
    id: 'years.intermediate.nursing.master',
    level: 'intermediate',
    track: 'nursing',
    education: 'master',
    years: 2,
    countFrom: 'practice_registration',
    requirement: '具备护理专业硕士学位，经护士执业注册后从事护理执业活动满2年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  {
    id: 'years.intermediate.nursing.bachelor',
    level: 'intermediate',
    track: 'nursing',
    education: 'bachelor',
    years: 4,
    countFrom: 'lower_title',
    requirement:
      '具备护理专业大学本科学历或学士学位，经护士执业注册并取得护师职称后，从事护理执业活动满4年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  {
    id: 'years.intermediate.nursing.junior_college',
    level: 'intermediate',
    track: 'nursing',
    education: 'junior_college',
    years: 6,
    countFrom: 'lower_title',
    requirement: '具备护理专业大专学历，经护士执业注册并取得护师职称后，从事护理执业活动满6年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  {
    id: 'years.intermediate.nursing.secondary',
    level: 'intermediate',
    track: 'nursing',
    education: 'secondary',
    years: 7,
    countFrom: 'lower_title',
    requirement: '具备护理专业中专学历，经护士执业注册并取得护师职称后，从事护理执业活动满7年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  // 中级：主治医师 301–365、392
  {
    id: 'years.intermediate.doctor.doctorate_residency',
    level: 'intermediate',
    track: 'doctor',
    education: 'doctorate',
    years: 0,
    countFrom: 'residency_training',
    requiresResidencyTraining: true,
    requirement: '具备博士学位，并取得住院医师规范化培训合格证书',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  {
    id: 'years.intermediate.doctor.master_residency',
    level: 'intermediate',
    track: 'doctor',
    education: 'master',
    years: 2,
    countFrom: 'residency_training',
    requiresResidencyTraining: true,
    requirement: '具备硕士学位，取得住院医师规范化培训合格证书后从事医疗执业活动满2年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  {
    id: 'years.intermediate.doctor.bachelor_residency',
    level: 'intermediate',
    track: 'doctor',
    education: 'bachelor',
    years: 2,
    countFrom: 'residency_training',
    requiresResidencyTraining: true,
    requirement:
      '具备大学本科学历或学士学位，取得住院医师规范化培训合格证书后从事医疗执业活动满2年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  {
    id: 'years.intermediate.doctor.grassroots_residency',
    level: 'intermediate',
    track: 'doctor',
    education: 'bachelor',
    years: 0,
    countFrom: 'residency_training',
    requiresResidencyTraining: true,
    requiresGrassrootsEmployer: true,
    requirement:
      '具有大学本科及以上学历，经住院医师规范化培训合格并到基层医疗卫生机构工作，可直接参加中级职称考试',
    source: { ...ELIGIBILITY_SOURCES.notice2024, note: '国办发〔2017〕63号' },
  },
  {
    id: 'years.intermediate.doctor.bachelor',
    level: 'intermediate',
    track: 'doctor',
    education: 'bachelor',
    years: 4,
    countFrom: 'practice_registration',
    requirement: '具备大学本科学历或学士学位，经执业医师注册后从事医疗执业活动满4年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  {
    id: 'years.intermediate.doctor.junior_college',
    level: 'intermediate',
    track: 'doctor',
    education: 'junior_college',
    years: 6,
    countFrom: 'practice_registration',
    requirement: '具备大专学历，经执业医师注册后从事医疗执业活动满6年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
  {
    id: 'years.intermediate.doctor.secondary',
    level: 'intermediate',
    track: 'doctor',
    education: 'secondary',
    years: 7,
    countFrom: 'practice_registration',
    requirement: '具备中专学历，经执业医师注册后从事医疗执业活动满7年',
    source: ELIGIBILITY_SOURCES.standard51,
  },
];

/** Specialty codes that need a practice qualification (code ranges, both ends included). */
export interface PracticeRequirement {
  id: string;
  kind: 'doctor' | 'nurse';
  codeRanges: readonly (readonly [number, number])[];
  requirement: string;
  source: RuleSource;
}

export const DEFAULT_PRACTICE_REQUIREMENTS: readonly PracticeRequirement[] = [
  {
    id: 'practice.doctor',
    kind: 'doctor',
    codeRanges: [
      [301, 365],
      [392, 392],
    ],
    requirement:
      '报考专业代码301至365及392的专业，须具有相应专业执业医师资格并经执业注册（执业助理医师资格不符合）',
    source: ELIGIBILITY_SOURCES.shanghaiFaq,
  },
  {
    id: 'practice.nurse',
    kind: 'nurse',
    codeRanges: [
      [203, 203],
      [368, 373],
    ],
    requirement: '报考专业代码203及368至373的专业，须具有护士执业资格并经执业注册',
    source: ELIGIBILITY_SOURCES.shanghaiFaq,
  },
  {
    id: 'practice.nurse_tcm',
    kind: 'nurse',
    codeRanges: [
      [204, 204],
      [374, 374],
    ],
    requirement: '报考中医护理学（专业代码204、374），须具有护士执业资格并经执业注册',
    source: {
      document:
        '2013年度报考通知：“报考专业代码203、204、368至374专业的人员…须同时提交护士执业资格证书”',
      certainty: 'uncertain',
      note: '中医护理学2024年度是否仍开考未经确认',
    },
  },
];

/** An early-application preference (P4). */
export interface EarlyApplicationRule {
  id: string;
  kind: EarlyApplicationKind;
  /** One year fewer, or no years asked at all. */
  effect: 'one_year_early' | 'direct';
  /** Only for these specialty codes (absent: any). */
  specialtyCodes?: readonly string[];
  /** Only for these levels (absent: any). */
  levels?: readonly EligibilityLevel[];
  /** Only for staff of these institutions (absent: any). */
  employerKinds?: readonly EmployerKind[];
  /** Only for candidates with one of these COVID front-line statuses (absent: any). */
  covidStatuses?: readonly ('front_line' | 'award')[];
  /** Only for the level right above the one held (申报高一级职称). */
  nextHigherLevelOnly: boolean;
  /** Not available to a person who already used an early-application preference. */
  oncePerPerson: boolean;
  requirement: string;
  material: 'community_employment_proof' | 'covid_frontline_proof';
  source: RuleSource;
}

/** Tried in this order; the first that makes a years route met is used. */
export const DEFAULT_EARLY_APPLICATION_RULES: readonly EarlyApplicationRule[] = [
  {
    id: 'early.covid_award',
    kind: 'covid_award',
    effect: 'direct',
    covidStatuses: ['award'],
    nextHigherLevelOnly: true,
    oncePerPerson: true,
    requirement:
      '获得省部级以上表彰奖励的新冠肺炎疫情防控一线医务人员，可直接申报高一级职称考试；每人原则上只享受一次提前申报政策',
    material: 'covid_frontline_proof',
    source: {
      ...ELIGIBILITY_SOURCES.notice2024,
      note: '国发明电〔2020〕5号、人社厅发〔2020〕23号；所需证明材料未经确认',
    },
  },
  {
    id: 'early.community',
    kind: 'community',
    effect: 'one_year_early',
    specialtyCodes: ['301', '302', '373'],
    levels: ['intermediate'],
    employerKinds: ['community_health_service_centre', 'township_health_centre'],
    nextHigherLevelOnly: false,
    oncePerPerson: true,
    requirement:
      '在社区卫生服务机构、乡镇卫生院正式工作的医师、护师，可提前一年报考中级全科医学（301）、全科医学(中医类)（302）、社区护理（373）；每人只享受一次提前申报政策',
    material: 'community_employment_proof',
    source: ELIGIBILITY_SOURCES.shanghaiFaq,
  },
  {
    id: 'early.covid_front_line',
    kind: 'covid_front_line',
    effect: 'one_year_early',
    covidStatuses: ['front_line', 'award'],
    nextHigherLevelOnly: true,
    oncePerPerson: true,
    requirement:
      '参加新冠肺炎疫情防控的一线医务人员，可提前一年申报高一级职称考试；每人原则上只享受一次提前申报政策',
    material: 'covid_frontline_proof',
    source: {
      ...ELIGIBILITY_SOURCES.notice2024,
      note: '国发明电〔2020〕5号、人社厅发〔2020〕23号；所需证明材料未经确认',
    },
  },
];

/** Barred cases, declared by the candidate and checked by a reviewer. */
export interface DeclarationRule {
  id: string;
  key: DeclarationKey;
  title: string;
  requirement: string;
  /** Told to the candidate who declares the case. */
  whenDeclared: string;
  source: RuleSource;
}

export const DEFAULT_DECLARATION_RULES: readonly DeclarationRule[] = [
  {
    id: 'barred.malpractice',
    key: 'malpracticeWithin3Years',
    title: '医疗事故',
    requirement: '医疗事故责任者未满3年的，不得报考',
    whenDeclared: '您声明为医疗事故责任者且未满3年，本年度不能报考',
    source: ELIGIBILITY_SOURCES.interimRules,
  },
  {
    id: 'barred.error',
    key: 'errorWithin1Year',
    title: '医疗差错',
    requirement: '医疗差错责任者未满1年的，不得报考',
    whenDeclared: '您声明为医疗差错责任者且未满1年，本年度不能报考',
    source: ELIGIBILITY_SOURCES.interimRules,
  },
  {
    id: 'barred.sanction',
    key: 'sanctionInForce',
    title: '行政处分',
    requirement: '受到行政处分且在处分期内的，不得报考',
    whenDeclared: '您声明正处于行政处分期内，本年度不能报考',
    source: ELIGIBILITY_SOURCES.interimRules,
  },
  {
    id: 'barred.forgery_or_discipline',
    key: 'forgeryOrExamDisciplineWithin2Years',
    title: '伪造学历或考试违纪',
    requirement: '伪造学历或考试期间有违纪行为未满2年的，不得报考',
    whenDeclared: '您声明有伪造学历或考试违纪情形且未满2年，本年度不能报考',
    source: ELIGIBILITY_SOURCES.interimRules,
  },
  {
    id: 'barred.retired',
    key: 'retired',
    title: '退休人员',
    requirement: '已退休人员不参加职称评价，不得报考',
    whenDeclared: '您声明已退休，不能报考',
    source: ELIGIBILITY_SOURCES.retirement,
  },
];

export interface PostChangeRule {
  id: string;
  years: number;
  requirement: string;
  source: RuleSource;
}

export interface EligibilityRules {
  years: readonly YearsRule[];
  practice: readonly PracticeRequirement[];
  earlyApplication: readonly EarlyApplicationRule[];
  /** 基层医疗卫生机构, for the grassroots residency-training route. */
  grassrootsEmployerKinds: readonly EmployerKind[];
  postChange: PostChangeRule;
  declarations: readonly DeclarationRule[];
}

export const DEFAULT_ELIGIBILITY_RULES: EligibilityRules = {
  years: DEFAULT_YEARS_RULES,
  practice: DEFAULT_PRACTICE_REQUIREMENTS,
  earlyApplication: DEFAULT_EARLY_APPLICATION_RULES,
  grassrootsEmployerKinds: [
    'community_health_service_centre',
    'township_health_centre',
    'village_clinic',
  ],
  postChange: {
    id: 'post_change',
    years: 2,
    requirement: '因工作岗位变动需变更专业类别的，从事现岗位专业工作须满2年',
    source: { ...ELIGIBILITY_SOURCES.notice2024, note: '见于2023年度通知，2024年度按相同规定处理' },
  },
  declarations: DEFAULT_DECLARATION_RULES,
};

/** The practice requirement covering a specialty code, if any. */
export function practiceRequirementFor(
  code: string,
  requirements: readonly PracticeRequirement[],
): PracticeRequirement | undefined {
  const n = Number(code);
  return requirements.find((r) => r.codeRanges.some(([lo, hi]) => lo <= n && n <= hi));
}
