import { describe, expect, it } from 'vitest';
import { checkEligibility } from './check-eligibility';
import {
  CUTOFF,
  doctor,
  EMPLOYER,
  input,
  lineOf,
  nurse,
  profile,
  slotOf,
  SPECIALTIES,
  work,
} from './fixtures';
import { eligibilityInputSchema } from './profile';
import type { DeclarationKey } from './profile';
import { MATERIAL_SLOT_KEYS } from './result';

describe('doctor and nurse practice qualifications', () => {
  it.each([
    ['301', SPECIALTIES.generalPractice],
    ['365', SPECIALTIES.publicHealth],
    ['392', SPECIALTIES.emergency],
  ])(
    'when a nurse applies for doctor code %s, then the doctor qualification is not met',
    (_code, specialty) => {
      const result = checkEligibility(input(nurse('2015-01-01'), specialty));
      expect(lineOf(result, 'practice.doctor').outcome).toBe('not_met');
      expect(result.eligible).toBe(false);
    },
  );

  it('when a doctor holds only an assistant doctor qualification, then it is not met and says so', () => {
    const candidate = profile({
      practiceQualifications: [
        { kind: 'assistant_doctor', qualifiedOn: '2015-01-01', registeredOn: '2015-03-01' },
      ],
    });
    const result = checkEligibility(input(candidate, SPECIALTIES.internalMedicine));
    expect(lineOf(result, 'practice.doctor').actual).toContain('仅具有执业助理医师资格');
    expect(result.eligible).toBe(false);
  });

  it.each([
    ['203', SPECIALTIES.nurse],
    ['368', SPECIALTIES.seniorNurse],
    ['373', SPECIALTIES.communityNurse],
  ])(
    'when a doctor applies for nursing code %s, then the nurse qualification is not met',
    (_code, specialty) => {
      const result = checkEligibility(input(doctor('2015-01-01'), specialty));
      expect(lineOf(result, 'practice.nurse').outcome).toBe('not_met');
    },
  );

  it('when a nurse is registered the day after the cut-off, then the registration is not met', () => {
    const candidate = nurse('2015-01-01', {
      practiceQualifications: [
        { kind: 'nurse', qualifiedOn: '2015-01-01', registeredOn: '2024-01-01' },
      ],
    });
    const result = checkEligibility(input(candidate, SPECIALTIES.nurse));
    expect(lineOf(result, 'practice.nurse.registration').outcome).toBe('not_met');
    expect(lineOf(result, 'practice.nurse.registration').actual).toContain('晚于截止日期');
  });

  it('when a pharmacist applies, then no practice qualification is asked', () => {
    const result = checkEligibility(input(profile(), SPECIALTIES.pharmacist));
    expect(result.lines.some((l) => l.ruleId.startsWith('practice.'))).toBe(false);
    expect(slotOf(result, 'practice_qualification')).toBeUndefined();
  });

  it('when a doctor code is chosen, then the qualification and registration slots are required', () => {
    const result = checkEligibility(input(doctor('2015-01-01'), SPECIALTIES.internalMedicine));
    expect(slotOf(result, 'practice_qualification')?.required).toBe(true);
    expect(slotOf(result, 'practice_registration')?.required).toBe(true);
  });
});

describe('change of post', () => {
  it('when exactly 2 years in the new post on the cut-off day, then it is met', () => {
    const result = checkEligibility(
      input(
        doctor('2012-01-01', { postChange: { changedOn: '2022-01-01' } }),
        SPECIALTIES.internalMedicine,
      ),
    );
    expect(lineOf(result, 'post_change').outcome).toBe('met');
    expect(slotOf(result, 'work_certificate')?.required).toBe(true);
  });

  it('when the change was one day later, then it is not met and met on 2024-01-01', () => {
    const result = checkEligibility(
      input(
        doctor('2012-01-01', { postChange: { changedOn: '2022-01-02' } }),
        SPECIALTIES.internalMedicine,
      ),
    );
    expect(lineOf(result, 'post_change')).toMatchObject({
      outcome: 'not_met',
      metOn: '2024-01-01',
    });
    expect(result.eligible).toBe(false);
  });

  it('when only part of the time since the change was in the specialty, then only that part counts', () => {
    const candidate = doctor('2012-01-01', {
      postChange: { changedOn: '2021-01-01' },
      workPeriods: [work('2012-01-01', '2022-06-30', { inSpecialty: false }), work('2022-07-01')],
    });
    const result = checkEligibility(input(candidate, SPECIALTIES.internalMedicine));
    expect(lineOf(result, 'post_change')).toMatchObject({
      outcome: 'not_met',
      metOn: '2024-06-30',
    });
  });

  it('when there was no change of post, then the rule is not listed', () => {
    const result = checkEligibility(input(doctor('2015-01-01'), SPECIALTIES.internalMedicine));
    expect(result.lines.some((l) => l.ruleId === 'post_change')).toBe(false);
  });
});

describe('barred cases', () => {
  it.each<[DeclarationKey, string]>([
    ['malpracticeWithin3Years', 'barred.malpractice'],
    ['errorWithin1Year', 'barred.error'],
    ['sanctionInForce', 'barred.sanction'],
    ['forgeryOrExamDisciplineWithin2Years', 'barred.forgery_or_discipline'],
    ['retired', 'barred.retired'],
  ])('when %s is declared, then %s is not met', (key, ruleId) => {
    const base = doctor('2015-01-01');
    const candidate = { ...base, declarations: { ...base.declarations, [key]: true } };
    const result = checkEligibility(input(candidate, SPECIALTIES.internalMedicine));
    expect(lineOf(result, ruleId).outcome).toBe('not_met');
    expect(result.eligible).toBe(false);
  });

  it('when every case is declared absent, then each is a line for the reviewer to check', () => {
    const result = checkEligibility(input(doctor('2015-01-01'), SPECIALTIES.internalMedicine));
    const barred = result.lines.filter((l) => l.ruleId.startsWith('barred.'));
    expect(barred).toHaveLength(5);
    expect(barred.every((l) => l.outcome === 'review')).toBe(true);
    expect(result).toMatchObject({ eligible: true, needsReview: true });
  });

  it('when a case is not declared yet, then the candidate is asked to declare it', () => {
    const result = checkEligibility(
      input(doctor('2015-01-01', { declarations: {} }), SPECIALTIES.internalMedicine),
    );
    expect(lineOf(result, 'barred.retired')).toMatchObject({ outcome: 'review' });
    expect(lineOf(result, 'barred.retired').actual).toContain('请在报名信息中如实声明');
  });

  it('when the malpractice rule is read, then it is marked uncertain (an older rule)', () => {
    const result = checkEligibility(input(doctor('2015-01-01'), SPECIALTIES.internalMedicine));
    expect(lineOf(result, 'barred.malpractice').source.certainty).toBe('uncertain');
    expect(lineOf(result, 'barred.retired').source.certainty).toBe('sourced');
  });
});

describe('employer', () => {
  it('when the registered employer differs from the current one, then it is not met', () => {
    const result = checkEligibility(
      input(doctor('2015-01-01'), SPECIALTIES.internalMedicine, {
        registeredEmployer: '某挂靠单位',
      }),
    );
    expect(lineOf(result, 'employment.employer').outcome).toBe('not_met');
    expect(result.eligible).toBe(false);
  });

  it('when the names differ only in spacing and full-width brackets, then they match', () => {
    const result = checkEligibility(
      input(
        doctor('2015-01-01', {
          currentEmployer: { name: '上海市第一人民医院（北部）', kind: 'hospital' },
        }),
        SPECIALTIES.internalMedicine,
        { registeredEmployer: '上海市第一人民医院 (北部)' },
      ),
    );
    expect(lineOf(result, 'employment.employer').outcome).toBe('met');
  });

  it('when the clinical subjects are known, then they are shown for the reviewer', () => {
    const result = checkEligibility(
      input(
        doctor('2015-01-01', {
          currentEmployer: { name: EMPLOYER, kind: 'hospital', clinicalSubjects: ['内科', '外科'] },
        }),
        SPECIALTIES.internalMedicine,
      ),
    );
    const line = lineOf(result, 'employment.clinical_subjects');
    expect(line.outcome).toBe('review');
    expect(line.actual).toContain('内科、外科');
  });
});

describe('work years across employers', () => {
  it('when out-of-town work fills the years, then it counts and its contracts are asked for', () => {
    const candidate = doctor('2020-01-01', {
      workPeriods: [
        work('2020-01-01', '2021-12-31', { employer: '杭州市第一人民医院', inExamArea: false }),
        work('2022-01-01'),
      ],
    });
    const result = checkEligibility(input(candidate, SPECIALTIES.internalMedicine));
    const line = lineOf(result, 'years.intermediate.doctor.bachelor');
    expect(line.outcome).toBe('met');
    expect(line.actual).toContain('含外地工作：杭州市第一人民医院');
    expect(slotOf(result, 'labour_contract')?.reason).toContain('包括外地工作期间的合同');
    expect(slotOf(result, 'labour_contract')?.reason).toContain('杭州市第一人民医院');
  });

  it('when two jobs overlap, then the overlap counts once', () => {
    const candidate = doctor('2020-01-01', {
      workPeriods: [
        work('2020-01-01', '2022-12-31'),
        work('2022-01-01', '2023-06-30', { employer: '兼职医院' }),
      ],
    });
    const result = checkEligibility(input(candidate, SPECIALTIES.internalMedicine));
    const line = lineOf(result, 'years.intermediate.doctor.bachelor');
    expect(line.outcome).toBe('not_met');
    expect(line.actual).toContain('3年6个月');
    expect(line.metOn).toBeUndefined();
  });

  it('when work outside the specialty is recorded, then it does not count', () => {
    const candidate = doctor('2020-01-01', {
      workPeriods: [work('2020-01-01', '2021-12-31', { inSpecialty: false }), work('2022-01-01')],
    });
    const result = checkEligibility(input(candidate, SPECIALTIES.internalMedicine));
    expect(lineOf(result, 'years.intermediate.doctor.bachelor')).toMatchObject({
      outcome: 'not_met',
      metOn: '2025-12-31',
    });
  });

  it('when the years are short, then the lost-contract alternatives are offered, not required', () => {
    const result = checkEligibility(input(doctor('2015-01-01'), SPECIALTIES.internalMedicine));
    expect(slotOf(result, 'labour_contract')?.required).toBe(true);
    expect(slotOf(result, 'housing_fund_record')?.required).toBe(false);
    expect(slotOf(result, 'work_certificate')?.required).toBe(false);
  });
});

describe('result and materials', () => {
  it('when the check runs, then photo, identity document and the stamped form are required', () => {
    const result = checkEligibility(input(doctor('2015-01-01'), SPECIALTIES.internalMedicine));
    for (const key of ['photo', 'identity_document', 'application_form', 'education_certificate']) {
      expect(slotOf(result, key)?.required).toBe(true);
    }
    expect(slotOf(result, 'other')?.required).toBe(false);
    const order = result.materialSlots.map((s) => MATERIAL_SLOT_KEYS.indexOf(s.key));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('when the candidate is a returning candidate, then last year’s score report or ticket is required', () => {
    const result = checkEligibility(
      input(doctor('2015-01-01', { returningCandidate: true }), SPECIALTIES.internalMedicine),
    );
    expect(slotOf(result, 'previous_score_report_or_ticket')?.required).toBe(true);
  });

  it('when the route counts from the lower title, then the title certificate is required', () => {
    const candidate = nurse('2010-01-01', {
      titles: [{ level: 'junior', track: 'nursing', obtainedOn: '2018-01-01' }],
    });
    const result = checkEligibility(input(candidate, SPECIALTIES.seniorNurse));
    expect(result.eligible).toBe(true);
    expect(slotOf(result, 'title_certificate')?.reason).toContain('护师');
  });

  it('when the route rests on residency training, then the training certificate is required', () => {
    const candidate = doctor('2020-01-01', { residencyTraining: { certifiedOn: '2021-06-30' } });
    const result = checkEligibility(input(candidate, SPECIALTIES.internalMedicine));
    expect(lineOf(result, 'years.intermediate.doctor.bachelor_residency').outcome).toBe('met');
    expect(slotOf(result, 'residency_training_certificate')?.required).toBe(true);
  });

  it('when the category has no rows, then a reviewer decides the years', () => {
    const result = checkEligibility(input(profile(), SPECIALTIES.otherSpecialty));
    expect(lineOf(result, 'years.no_rule')).toMatchObject({ outcome: 'review' });
  });

  it('when any line is not met, then the result is not eligible; otherwise it is', () => {
    const ok = checkEligibility(input(doctor('2015-01-01'), SPECIALTIES.internalMedicine));
    const short = checkEligibility(input(doctor('2022-01-01'), SPECIALTIES.internalMedicine));
    expect(ok.lines.some((l) => l.outcome === 'not_met')).toBe(false);
    expect(ok.eligible).toBe(true);
    expect(short.eligible).toBe(false);
  });

  it('when every line is produced, then each has an id, Chinese text and a source', () => {
    const result = checkEligibility(
      input(
        doctor('2022-01-01', { householdRegistration: 'non_local' }),
        SPECIALTIES.internalMedicine,
      ),
    );
    for (const line of result.lines) {
      expect(line.ruleId).toMatch(/^[a-z0-9_.]+$/);
      expect(line.required).toMatch(/\p{Script=Han}/u);
      expect(line.actual).toMatch(/\p{Script=Han}/u);
      expect(['sourced', 'uncertain']).toContain(line.source.certainty);
    }
  });
});

describe('input schema', () => {
  it('when a complete input is parsed, then it passes unchanged', () => {
    const value = input(doctor('2015-01-01'), SPECIALTIES.internalMedicine);
    expect(eligibilityInputSchema.parse(value)).toEqual(value);
  });

  it('when a work period ends before it starts, then the input is refused on that field', () => {
    const value = input(
      doctor('2015-01-01', { workPeriods: [work('2020-01-01', '2019-12-31')] }),
      SPECIALTIES.internalMedicine,
    );
    const parsed = eligibilityInputSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['profile', 'workPeriods', 0, 'to']);
  });

  it('when an unknown field or a malformed date is sent, then the input is refused', () => {
    const value = input(doctor('2015-01-01'), SPECIALTIES.internalMedicine);
    expect(eligibilityInputSchema.safeParse({ ...value, extra: 1 }).success).toBe(false);
    expect(eligibilityInputSchema.safeParse({ ...value, cutoffDate: '2023-13-01' }).success).toBe(
      false,
    );
    expect(eligibilityInputSchema.safeParse({ ...value, cutoffDate: CUTOFF }).success).toBe(true);
  });

  it('when a practice registration predates its qualification, or a claim year is absurd, then the input is refused on that field', () => {
    const value = input(doctor('2015-01-01'), SPECIALTIES.internalMedicine);
    const [qualification] = value.profile.practiceQualifications;
    if (!qualification) throw new Error('the doctor fixture has a qualification');
    const early = {
      ...value,
      profile: {
        ...value.profile,
        practiceQualifications: [{ ...qualification, registeredOn: '2000-01-01' }],
      },
    };
    const parsed = eligibilityInputSchema.safeParse(early);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([
      'profile',
      'practiceQualifications',
      0,
      'registeredOn',
    ]);
    const claims = {
      ...value,
      profile: { ...value.profile, earlyApplicationClaims: [{ kind: 'community', year: -5 }] },
    };
    expect(eligibilityInputSchema.safeParse(claims).success).toBe(false);
  });

  it('when the specialty code is not three digits, then the input is refused', () => {
    const value = input(doctor('2015-01-01'), { ...SPECIALTIES.internalMedicine, code: '3031' });
    expect(eligibilityInputSchema.safeParse(value).success).toBe(false);
  });
});
