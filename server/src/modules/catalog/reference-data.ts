import { PHASE_KINDS, type PhaseKind } from '@hqe/core';
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

/** The specialty table shipped with the project, validated into database rows. */
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
    };
  });
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
    await trx
      .insertInto('specialties')
      .values(specialtyRows(exam.id))
      .onConflict((oc) => oc.columns(['examId', 'code']).doNothing())
      .execute();

    if (!options.demoCycle) return;
    const existing = await trx
      .selectFrom('cycles')
      .select('id')
      .where('examId', '=', exam.id)
      .executeTakeFirst();
    if (existing) return;
    const year =
      Number(
        new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
          options.now,
        ),
      ) + 1;
    const cycle = await trx
      .insertInto('cycles')
      .values({
        examId: exam.id,
        year,
        name: `${year}年度全国卫生专业技术资格考试（演示）`,
        workYearsCutoff: `${year - 1}-12-31`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('cyclePhases')
      .values(
        demoPhases(options.now).map((p) => ({ ...p, cycleId: cycle.id, examAreaId: area.id })),
      )
      .execute();
  });
}
