import { describe, expect, it } from 'vitest';
import { checkEligibility } from './check-eligibility';
import {
  doctor,
  education,
  input,
  lineOf,
  nurse,
  profile,
  slotOf,
  SPECIALTIES,
  work,
} from './fixtures';
import type { EligibilityProfile, EligibilitySpecialty } from './profile';

const COMMUNITY = { name: '上海市第一人民医院', kind: 'community_health_service_centre' } as const;
const TOWNSHIP = { name: '上海市第一人民医院', kind: 'township_health_centre' } as const;

/** A bachelor doctor registered 2021-01-01: 3 years by the cut-off, one short of the 4 asked. */
const threeYearDoctor = (overrides: Partial<EligibilityProfile> = {}) =>
  doctor('2021-01-01', overrides);

/** A bachelor nurse with 护师 since 2021-01-01: 3 of the 4 years asked for 主管护师. */
const threeYearNurse = (overrides: Partial<EligibilityProfile> = {}) =>
  nurse('2012-08-01', {
    titles: [{ level: 'junior', track: 'nursing', obtainedOn: '2021-01-01' }],
    ...overrides,
  });

describe('community and township staff: one year early for 301, 302 and 373 only', () => {
  it.each<[string, EligibilitySpecialty, EligibilityProfile]>([
    ['301 全科医学', SPECIALTIES.generalPractice, threeYearDoctor({ currentEmployer: COMMUNITY })],
    [
      '302 全科医学(中医类)',
      SPECIALTIES.generalPracticeTcm,
      threeYearDoctor({ currentEmployer: TOWNSHIP }),
    ],
    ['373 社区护理', SPECIALTIES.communityNurse, threeYearNurse({ currentEmployer: COMMUNITY })],
  ])(
    'when community staff one year short apply for %s, then they may apply early, for review',
    (_name, specialty, candidate) => {
      const result = checkEligibility(input(candidate, specialty));
      expect(result.eligible).toBe(true);
      expect(lineOf(result, 'early.community').outcome).toBe('review');
      expect(result.lines.find((l) => l.ruleId.startsWith('years.'))).toMatchObject({
        outcome: 'met',
      });
      expect(slotOf(result, 'community_employment_proof')?.required).toBe(true);
    },
  );

  it.each<[string, EligibilitySpecialty, EligibilityProfile]>([
    ['303 内科学', SPECIALTIES.internalMedicine, threeYearDoctor({ currentEmployer: COMMUNITY })],
    ['392 急诊医学', SPECIALTIES.emergency, threeYearDoctor({ currentEmployer: COMMUNITY })],
    ['368 护理学(中级)', SPECIALTIES.seniorNurse, threeYearNurse({ currentEmployer: COMMUNITY })],
  ])(
    'when community staff one year short apply for %s, then it is not available and says which codes it covers',
    (_name, specialty, candidate) => {
      const result = checkEligibility(input(candidate, specialty));
      expect(result.eligible).toBe(false);
      const line = lineOf(result, 'early_application');
      expect(line.outcome).toBe('not_met');
      expect(line.actual).toContain('仅限专业代码301、302、373');
      expect(slotOf(result, 'community_employment_proof')).toBeUndefined();
    },
  );

  it('when hospital staff one year short apply for 301, then no early application is considered', () => {
    const result = checkEligibility(input(threeYearDoctor(), SPECIALTIES.generalPractice));
    expect(result.eligible).toBe(false);
    expect(result.lines.some((l) => l.ruleId.startsWith('early'))).toBe(false);
  });

  it('when community staff are two years short, then even one year early is not enough', () => {
    const result = checkEligibility(
      input(doctor('2022-01-01', { currentEmployer: COMMUNITY }), SPECIALTIES.generalPractice),
    );
    expect(result.eligible).toBe(false);
    expect(lineOf(result, 'early_application').actual).toContain('提前一年后工作年限仍不足');
  });

  it('when community staff already meet the years, then the preference is not used up', () => {
    const result = checkEligibility(
      input(doctor('2019-01-01', { currentEmployer: COMMUNITY }), SPECIALTIES.generalPractice),
    );
    expect(result.eligible).toBe(true);
    expect(result.lines.some((l) => l.ruleId.startsWith('early'))).toBe(false);
  });

  it('when the one year early is exactly reached on the cut-off day, then it is met; a day later, not', () => {
    const exact = checkEligibility(
      input(doctor('2021-01-01', { currentEmployer: COMMUNITY }), SPECIALTIES.generalPractice),
    );
    const short = checkEligibility(
      input(doctor('2021-01-02', { currentEmployer: COMMUNITY }), SPECIALTIES.generalPractice),
    );
    expect(exact.eligible).toBe(true);
    expect(short.eligible).toBe(false);
  });
});

describe('COVID-19 front-line staff', () => {
  it('when front-line staff are one year short, then they may apply one year early, for review', () => {
    const result = checkEligibility(
      input(threeYearDoctor({ covidFrontline: 'front_line' }), SPECIALTIES.internalMedicine),
    );
    expect(result.eligible).toBe(true);
    const line = lineOf(result, 'early.covid_front_line');
    expect(line.outcome).toBe('review');
    expect(line.actual).toContain('每人只享受一次');
    expect(lineOf(result, 'years.intermediate.doctor.bachelor').required).toContain('满3年即可');
    expect(slotOf(result, 'covid_frontline_proof')?.required).toBe(true);
  });

  it('when front-line staff are two years short, then one year early is not enough', () => {
    const result = checkEligibility(
      input(doctor('2022-01-01', { covidFrontline: 'front_line' }), SPECIALTIES.internalMedicine),
    );
    expect(result.eligible).toBe(false);
    expect(lineOf(result, 'early_application').outcome).toBe('not_met');
  });

  it('when staff with a provincial award have only half a year, then they may apply directly', () => {
    const result = checkEligibility(
      input(doctor('2023-07-01', { covidFrontline: 'award' }), SPECIALTIES.internalMedicine),
    );
    expect(result.eligible).toBe(true);
    expect(lineOf(result, 'early.covid_award').outcome).toBe('review');
    expect(lineOf(result, 'years.intermediate.doctor.bachelor').required).toContain(
      '不受工作年限限制',
    );
  });

  it('when staff with an award are only one year short, then the direct route is used', () => {
    const result = checkEligibility(
      input(threeYearDoctor({ covidFrontline: 'award' }), SPECIALTIES.internalMedicine),
    );
    expect(lineOf(result, 'early.covid_award').outcome).toBe('review');
  });

  it('when front-line staff already used an early application, then it is not available again', () => {
    const result = checkEligibility(
      input(
        threeYearDoctor({
          covidFrontline: 'front_line',
          earlyApplicationClaims: [{ kind: 'covid_front_line', year: 2022 }],
        }),
        SPECIALTIES.internalMedicine,
      ),
    );
    expect(result.eligible).toBe(false);
    const line = lineOf(result, 'early_application');
    expect(line.actual).toContain('您已于2022年');
    expect(line.actual).toContain('每人只享受一次');
  });

  it('when an award holder already used the community preference, then the award is not available', () => {
    const result = checkEligibility(
      input(
        doctor('2023-07-01', {
          covidFrontline: 'award',
          earlyApplicationClaims: [{ kind: 'community', year: 2021 }],
        }),
        SPECIALTIES.internalMedicine,
      ),
    );
    expect(result.eligible).toBe(false);
    expect(lineOf(result, 'early_application').actual).toContain('2021年');
  });

  it('when community staff already used a preference, then the community route is not available', () => {
    const result = checkEligibility(
      input(
        threeYearDoctor({
          currentEmployer: COMMUNITY,
          earlyApplicationClaims: [{ kind: 'covid_front_line', year: 2021 }],
        }),
        SPECIALTIES.generalPractice,
      ),
    );
    expect(result.eligible).toBe(false);
    expect(lineOf(result, 'early_application').actual).toContain('每人只享受一次');
  });

  it('when front-line staff do not hold the level below, then it is not the next-higher title and not available', () => {
    // 药学(师) by 本科 + 1 year from graduation; graduated 2023-07-01, holds no 药士 title.
    const candidate = profile({
      education: [education({ major: '药学', graduationDate: '2023-07-01' })],
      workPeriods: [work('2023-07-01')],
      covidFrontline: 'front_line',
    });
    const result = checkEligibility(input(candidate, SPECIALTIES.pharmacist));
    expect(result.eligible).toBe(false);
    expect(lineOf(result, 'early_application').actual).toContain('须已取得药士职称');
  });

  it('when community staff applying for 303 are also front-line staff, then the COVID preference applies', () => {
    const result = checkEligibility(
      input(
        threeYearDoctor({ currentEmployer: COMMUNITY, covidFrontline: 'front_line' }),
        SPECIALTIES.internalMedicine,
      ),
    );
    expect(result.eligible).toBe(true);
    expect(lineOf(result, 'early.covid_front_line').outcome).toBe('review');
    expect(result.lines.some((l) => l.ruleId === 'early_application')).toBe(false);
  });
});
