import { describe, expect, it } from 'vitest';
import { checkEligibility } from './check-eligibility';
import { addDays } from './dates';
import { LOWER_LEVEL } from './early-application';
import { CUTOFF, education, input, lineOf, profile, SPECIALTIES, work } from './fixtures';
import type { EligibilityProfile, EligibilitySpecialty } from './profile';
import type { EligibilityResult } from './result';
import {
  DEFAULT_ELIGIBILITY_RULES,
  DEFAULT_YEARS_RULES,
  practiceRequirementFor,
  type YearsRule,
} from './rules';

const SPECIALTY_FOR: Record<string, EligibilitySpecialty> = {
  'junior_assistant/pharmacy': SPECIALTIES.pharmacyAssistant,
  'junior_assistant/technician': SPECIALTIES.labAssistant,
  'junior/pharmacy': SPECIALTIES.pharmacist,
  'junior/technician': SPECIALTIES.radiographer,
  'junior/nursing': SPECIALTIES.nurse,
  'intermediate/pharmacy': SPECIALTIES.seniorPharmacist,
  'intermediate/technician': SPECIALTIES.seniorLab,
  'intermediate/nursing': SPECIALTIES.seniorNurse,
  'intermediate/doctor': SPECIALTIES.internalMedicine,
};

const LONG_AGO = '2008-07-01';

/**
 * A profile that fits exactly one row of the table: its education, and its counting start (or, for
 * rows asking no years, the date that decides the row: graduation, registration or residency
 * training) on `date`.
 */
function profileFor(row: YearsRule, date: string): EligibilityProfile {
  const graduation = row.countFrom === 'graduation' || row.countFrom === 'none' ? date : LONG_AGO;
  const registration = row.countFrom === 'lower_title' ? LONG_AGO : date;
  const lower = LOWER_LEVEL[row.level];
  const qualification =
    row.track === 'doctor' ? 'doctor' : row.track === 'nursing' ? 'nurse' : undefined;
  return profile({
    education: [education({ level: row.education, graduationDate: graduation })],
    practiceQualifications: qualification
      ? [{ kind: qualification, qualifiedOn: LONG_AGO, registeredOn: registration }]
      : [],
    titles:
      row.countFrom === 'lower_title' && lower
        ? [{ level: lower, track: row.track, obtainedOn: date }]
        : [],
    ...(row.requiresResidencyTraining ? { residencyTraining: { certifiedOn: date } } : {}),
    currentEmployer: {
      name: '上海市第一人民医院',
      kind: row.requiresGrassrootsEmployer ? 'community_health_service_centre' : 'hospital',
    },
    workPeriods: [work(row.countFrom === 'lower_title' ? LONG_AGO : date)],
  });
}

function check(row: YearsRule, date: string): EligibilityResult {
  const specialty = SPECIALTY_FOR[`${row.level}/${row.track}`];
  if (!specialty) throw new Error(`no specialty for ${row.id}`);
  return checkEligibility(input(profileFor(row, date), specialty));
}

function yearsLine(result: EligibilityResult) {
  const line = result.lines.find((l) => l.ruleId.startsWith('years.'));
  if (!line) throw new Error('no years line');
  return line;
}

const withYears = DEFAULT_YEARS_RULES.filter((r) => r.years > 0);
const withoutYears = DEFAULT_YEARS_RULES.filter((r) => r.years === 0);

describe('years table: rows asking N years', () => {
  it.each(withYears.map((r) => [r.id, r] as const))(
    'when %s is met exactly on the cut-off day, then the line is met',
    (_id, row) => {
      const start = `${2024 - row.years}-01-01`;
      const result = check(row, start);
      expect(lineOf(result, row.id)).toMatchObject({ outcome: 'met' });
      expect(lineOf(result, row.id).metOn).toBeUndefined();
      expect(result.eligible).toBe(true);
    },
  );

  it.each(withYears.map((r) => [r.id, r] as const))(
    'when %s is one day short on the cut-off day, then it is not met and met on 2024-01-01',
    (_id, row) => {
      const start = `${2024 - row.years}-01-02`;
      const result = check(row, start);
      expect(lineOf(result, row.id)).toMatchObject({ outcome: 'not_met', metOn: '2024-01-01' });
      expect(lineOf(result, row.id).actual).toContain('2024年1月1日');
      expect(result.eligible).toBe(false);
    },
  );
});

describe('years table: rows asking no years', () => {
  it.each(withoutYears.map((r) => [r.id, r] as const))(
    'when the deciding date of %s is the cut-off day, then the line is met',
    (_id, row) => {
      const result = check(row, CUTOFF);
      expect(lineOf(result, row.id).outcome).toBe('met');
      expect(result.eligible).toBe(true);
    },
  );

  it.each(withoutYears.map((r) => [r.id, r] as const))(
    'when the deciding date of %s is the day after the cut-off, then the years rule is not met',
    (_id, row) => {
      const result = check(row, addDays(CUTOFF, 1));
      expect(yearsLine(result).outcome).toBe('not_met');
      expect(result.eligible).toBe(false);
    },
  );
});

describe('years table: data', () => {
  it('when the table is read, then every level × track the exam offers has rows', () => {
    const combos = new Set(DEFAULT_YEARS_RULES.map((r) => `${r.level}/${r.track}`));
    expect([...combos].sort()).toEqual(Object.keys(SPECIALTY_FOR).sort());
  });

  it('when the table is read, then row ids are unique and every row names its source', () => {
    const ids = DEFAULT_YEARS_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of DEFAULT_YEARS_RULES) {
      expect(row.source.document.length).toBeGreaterThan(0);
      expect(row.requirement.length).toBeGreaterThan(0);
    }
  });

  it('when the table is read, then doctors and nurses count from registration or the lower title, pharmacy and technicians never from registration', () => {
    const starts = (track: string) =>
      new Set(DEFAULT_YEARS_RULES.filter((r) => r.track === track).map((r) => r.countFrom));
    expect(starts('doctor')).toEqual(new Set(['practice_registration', 'residency_training']));
    expect(starts('nursing')).toEqual(new Set(['practice_registration', 'lower_title']));
    expect(starts('pharmacy').has('practice_registration')).toBe(false);
    expect(starts('technician').has('practice_registration')).toBe(false);
  });

  it('when the table is read, then the rows counting from graduation are marked uncertain', () => {
    const uncertain = DEFAULT_YEARS_RULES.filter((r) => r.source.certainty === 'uncertain').map(
      (r) => r.id,
    );
    expect(uncertain).toEqual([
      'years.junior.pharmacy.bachelor',
      'years.junior.pharmacy.junior_college',
      'years.junior.technician.bachelor',
      'years.junior.technician.junior_college',
    ]);
  });

  it('when an administrator passes a corrected table, then the check follows it', () => {
    const rules = {
      ...DEFAULT_ELIGIBILITY_RULES,
      years: DEFAULT_YEARS_RULES.map((r) =>
        r.id === 'years.intermediate.doctor.bachelor' ? { ...r, years: 3 } : r,
      ),
    };
    const candidate = profileFor(
      DEFAULT_YEARS_RULES.find((r) => r.id === 'years.intermediate.doctor.bachelor')!,
      '2021-01-01',
    );
    const spec = SPECIALTIES.internalMedicine;
    expect(checkEligibility(input(candidate, spec)).eligible).toBe(false);
    expect(checkEligibility(input(candidate, spec), rules).eligible).toBe(true);
  });
});

describe('practice qualification code ranges', () => {
  it.each([
    ['301', 'practice.doctor'],
    ['303', 'practice.doctor'],
    ['365', 'practice.doctor'],
    ['392', 'practice.doctor'],
    ['203', 'practice.nurse'],
    ['368', 'practice.nurse'],
    ['373', 'practice.nurse'],
    ['204', 'practice.nurse_tcm'],
    ['374', 'practice.nurse_tcm'],
    ['201', undefined],
    ['366', undefined],
    ['367', undefined],
    ['375', undefined],
    ['391', undefined],
  ])('when the specialty code is %s, then the practice requirement is %s', (code, id) => {
    expect(practiceRequirementFor(code, DEFAULT_ELIGIBILITY_RULES.practice)?.id).toBe(id);
  });

  it('when the traditional-Chinese-medicine nursing codes are read, then they are marked uncertain', () => {
    const tcm = DEFAULT_ELIGIBILITY_RULES.practice.find((r) => r.id === 'practice.nurse_tcm');
    expect(tcm?.source.certainty).toBe('uncertain');
  });
});
