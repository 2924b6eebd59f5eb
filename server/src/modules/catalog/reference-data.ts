import {
  DEFAULT_SUBJECTS,
  EXAM_MODES,
  PHASE_KINDS,
  SHANGHAI_AREA_ELIGIBILITY_RULES,
  type PhaseKind,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { SpecialtyCategory, SpecialtyLevel } from '../../db/schema';
import specialtiesJson from './data/specialties.json';

/** The exam this platform runs. */
export const EXAM = { code: 'HPTQ', name: '全国卫生专业技术资格考试' } as const;

/** The first exam area and its registration cities (报名地市: Shanghai's 16 districts). */
export const SHANGHAI = {
  code: '31',
  name: '上海',
  cities: [
    ['310101', '黄浦区'],
    ['310104', '徐汇区'],
    ['310105', '长宁区'],
    ['310106', '静安区'],
    ['310107', '普陀区'],
    ['310109', '虹口区'],
    ['310110', '杨浦区'],
    ['310112', '闵行区'],
    ['310113', '宝山区'],
    ['310114', '嘉定区'],
    ['310115', '浦东新区'],
    ['310116', '金山区'],
    ['310117', '松江区'],
    ['310118', '青浦区'],
    ['310120', '奉贤区'],
    ['310151', '崇明区'],
  ],
} as const;

const LEVELS: Record<string, SpecialtyLevel> = {
  '初级(士)': 'junior_assistant',
  '初级(师)': 'junior',
  中级: 'intermediate',
};

interface SpecialtyRow {
  code: string;
  name: string;
  level: string;
  category: string;
  certainty: string;
}

/** The one paper-based specialty in 2024 (护理学(师)); every other one is 人机对话. */
export const PAPER_SPECIALTY_CODES: readonly string[] = ['203'];

/**
 * The specialty table shipped with the project, validated into database rows: every specialty
 * has the four standard subjects (科目); 203 is taken on paper, the rest by computer (2024).
 */
export function specialtyRows(examId: number) {
  return (specialtiesJson as SpecialtyRow[]).map((s) => {
    const level = LEVELS[s.level];
    if (!level) throw new Error(`specialties.json: unknown level "${s.level}" for ${s.code}`);
    return {
      examId,
      code: s.code,
      name: s.name,
      level,
      category: s.category as SpecialtyCategory,
      certainty: s.certainty === 'sourced' ? ('sourced' as const) : ('uncertain' as const),
      subjects: [...DEFAULT_SUBJECTS],
      examMode: PAPER_SPECIALTY_CODES.includes(s.code) ? EXAM_MODES.paper : EXAM_MODES.computer,
    };
  });
}

/**
 * Demonstration test sites (考点) of the Shanghai area: invented names and no real addresses,
 * marked 演示 so nobody takes them for the official list (附件3 of the Shanghai notice).
 */
export const DEMO_TEST_SITES = [
  { code: '3101', name: '演示考点一（黄浦区）', address: '演示数据，非真实地址' },
  { code: '3102', name: '演示考点二（徐汇区）', address: '演示数据，非真实地址' },
  { code: '3103', name: '演示考点三（浦东新区）', address: '演示数据，非真实地址' },
] as const;

/**
 * Demonstration fee per subject, in fen: 50 元. The 2024 Shanghai fee was not found; 50 元 per
 * subject is Shanghai's 2016 figure (exam-rules-research.md §5). Administrators set the real one.
 */
export const DEMO_FEE_PER_SUBJECT_FEN = 5000;

/** The demonstration exam notice (考试通知), published; it has no attachment (see README). */
export function demoNotice(year: number) {
  return {
    title: `${year}年度卫生专业技术资格考试上海考区考试通知（演示）`,
    body: [
      '本通知为演示数据，正式内容以上海考区发布的考试通知为准。',
      '',
      '一、报名方式：网上报名、线上报名确认、网上缴费。考生须在规定时间内完成各环节，逾期视为放弃。',
      '二、报名地市：请按所在医疗机构的辖区选择报名地市；历史考生须与首次报名时选择的报名地市一致。',
      '三、申报表：考生下载并打印报名申报表，经单位人事部门审核签字盖章后，与其他材料一并上传。',
      '四、各环节的具体时间见本考区时间安排。',
    ].join('\n'),
  };
}

const DAY = 86_400_000;
const SHANGHAI_OFFSET = 8 * 3_600_000;

/** Midnight in Shanghai (UTC+8, no daylight saving) of the day `instant` falls on. */
export function startOfShanghaiDay(instant: Date): Date {
  const local = instant.getTime() + SHANGHAI_OFFSET;
  return new Date(Math.floor(local / DAY) * DAY - SHANGHAI_OFFSET);
}

/**
 * A demonstration calendar in which every candidate and staff phase is open today (exam days
 * excepted, which lie ahead), so a newcomer can try each step at once.
 */
export function demoPhases(now: Date): { kind: PhaseKind; startsAt: Date; endsAt: Date }[] {
  const today = startOfShanghaiDay(now).getTime();
  const span = (fromDays: number, toDays: number) => ({
    startsAt: new Date(today + fromDays * DAY),
    endsAt: new Date(today + toDays * DAY),
  });
  return [
    { kind: PHASE_KINDS.registration, ...span(-7, 30) },
    { kind: PHASE_KINDS.confirmation, ...span(-7, 35) },
    { kind: PHASE_KINDS.resubmission, ...span(-7, 35) },
    { kind: PHASE_KINDS.qualification_review, ...span(-7, 60) },
    { kind: PHASE_KINDS.results_publication, ...span(-7, 60) },
    { kind: PHASE_KINDS.payment, ...span(-7, 75) },
    { kind: PHASE_KINDS.admission_ticket, ...span(-7, 120) },
    { kind: PHASE_KINDS.exam, ...span(130, 132) },
  ];
}

/** How the demonstration cycle's name ends; it is how the seed finds that cycle again. */
const DEMO_SUFFIX = '（演示）';

export interface SeedOptions {
  now: Date;
  demoCycle: boolean;
}

/** Loads the reference data; safe to run at every start, it never overwrites an admin's edits. */
export async function seedReferenceData(db: Db, options: SeedOptions): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('exams')
      .values({ code: EXAM.code, name: EXAM.name })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    const exam = await trx
      .selectFrom('exams')
      .select('id')
      .where('code', '=', EXAM.code)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('examAreas')
      .values({ code: SHANGHAI.code, name: SHANGHAI.name })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    const area = await trx
      .selectFrom('examAreas')
      .select('id')
      .where('code', '=', SHANGHAI.code)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('examAreaCities')
      .values(
        SHANGHAI.cities.map(([code, name], i) => ({
          examAreaId: area.id,
          code,
          name,
          sortOrder: i + 1,
        })),
      )
      .onConflict((oc) => oc.columns(['examAreaId', 'code']).doNothing())
      .execute();
    // Shanghai's own eligibility rules (P1, P2), once: an administrator's later edit stays.
    await trx
      .insertInto('examAreaSettings')
      .values({ examAreaId: area.id, ...SHANGHAI_AREA_ELIGIBILITY_RULES, updatedAt: options.now })
      .onConflict((oc) => oc.column('examAreaId').doNothing())
      .execute();
    await trx
      .insertInto('specialties')
      .values(specialtyRows(exam.id))
      .onConflict((oc) => oc.columns(['examId', 'code']).doNothing())
      .execute();

    if (!options.demoCycle) return;
    await trx
      .insertInto('testSites')
      .values(
        DEMO_TEST_SITES.map((site) => ({
          ...site,
          examAreaId: area.id,
          createdAt: options.now,
          updatedAt: options.now,
        })),
      )
      .onConflict((oc) => oc.columns(['examAreaId', 'code']).doNothing())
      .execute();
    await seedDemoCycle(trx, { examId: exam.id, examAreaId: area.id, now: options.now });
  });
}

/**
 * The demonstration cycle (only on an empty cycles table) with its calendar, and — once per
 * demonstration cycle, even one created by an earlier version — its offerings and its notice.
 */
async function seedDemoCycle(
  trx: Db,
  { examId, examAreaId, now }: { examId: number; examAreaId: number; now: Date },
): Promise<void> {
  const existing = await trx
    .selectFrom('cycles')
    .select('id')
    .where('examId', '=', examId)
    .executeTakeFirst();
  if (!existing) await insertDemoCycle(trx, { examId, examAreaId, now });
  const demo = await trx
    .selectFrom('cycles')
    .select(['id', 'year'])
    .where('examId', '=', examId)
    .where('name', 'like', `%${DEMO_SUFFIX}`)
    .orderBy('id')
    .executeTakeFirst();
  if (!demo) return;
  const offered = await trx
    .selectFrom('areaOfferings')
    .select('id')
    .where('cycleId', '=', demo.id)
    .where('examAreaId', '=', examAreaId)
    .executeTakeFirst();
  if (!offered) {
    const specialties = await trx
      .selectFrom('specialties')
      .select('id')
      .where('examId', '=', examId)
      .execute();
    if (specialties.length > 0) {
      await trx
        .insertInto('areaOfferings')
        .values(
          specialties.map((s) => ({
            cycleId: demo.id,
            examAreaId,
            specialtyId: s.id,
            feePerSubjectFen: DEMO_FEE_PER_SUBJECT_FEN,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .execute();
    }
  }
  const noticed = await trx
    .selectFrom('examNotices')
    .select('id')
    .where('cycleId', '=', demo.id)
    .where('examAreaId', '=', examAreaId)
    .executeTakeFirst();
  if (!noticed) {
    await trx
      .insertInto('examNotices')
      .values({
        cycleId: demo.id,
        examAreaId,
        ...demoNotice(demo.year),
        publishedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }
}

/** The demonstration cycle (year after the current one, phases open today) and its calendar. */
async function insertDemoCycle(
  trx: Db,
  { examId, examAreaId, now }: { examId: number; examAreaId: number; now: Date },
): Promise<void> {
  const year =
    Number(
      new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now),
    ) + 1;
  const cycle = await trx
    .insertInto('cycles')
    .values({
      examId,
      year,
      name: `${year}年度全国卫生专业技术资格考试${DEMO_SUFFIX}`,
      workYearsCutoff: `${year - 1}-12-31`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('cyclePhases')
    .values(demoPhases(now).map((p) => ({ ...p, cycleId: cycle.id, examAreaId })))
    .execute();
}
