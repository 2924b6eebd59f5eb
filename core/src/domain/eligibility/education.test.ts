import { describe, expect, it } from 'vitest';
import { checkEligibility } from './check-eligibility';
import { doctor, education, input, lineOf, slotOf, SPECIALTIES } from './fixtures';
import type { EligibilityEducation } from './profile';

const withEducation = (records: EligibilityEducation[]) =>
  checkEligibility(
    input(doctor('2019-01-01', { education: records }), SPECIALTIES.internalMedicine),
  );

describe('R13: education', () => {
  it('when the only education is not health-related, then education is not met', () => {
    const result = withEducation([education({ healthRelated: false, major: '计算机科学' })]);
    expect(lineOf(result, 'education.qualifying').outcome).toBe('not_met');
    expect(lineOf(result, 'education.qualifying').actual).toContain('非医学或相关专业');
    expect(result.eligible).toBe(false);
  });

  it('when no education is filled in, then the candidate is asked to fill it in', () => {
    const result = withEducation([]);
    expect(lineOf(result, 'education.qualifying')).toMatchObject({ outcome: 'not_met' });
    expect(lineOf(result, 'education.qualifying').actual).toContain('请填写学历信息');
  });

  it('when in-service education has an earlier full-time health education, then both count', () => {
    const result = withEducation([
      education({ level: 'junior_college', graduationDate: '2010-07-01' }),
      education({ mode: 'in_service', graduationDate: '2015-01-01' }),
    ]);
    expect(lineOf(result, 'education.in_service_prior_full_time').outcome).toBe('met');
    expect(lineOf(result, 'education.qualifying').outcome).toBe('met');
    expect(result.eligible).toBe(true);
  });

  it('when in-service education has no earlier full-time health education, then it does not count', () => {
    const result = withEducation([education({ mode: 'in_service' })]);
    expect(lineOf(result, 'education.in_service_prior_full_time').outcome).toBe('not_met');
    expect(lineOf(result, 'education.qualifying').outcome).toBe('not_met');
    expect(result.eligible).toBe(false);
  });

  it('when the full-time health education came after the in-service one, then the in-service one still does not count', () => {
    const result = withEducation([
      education({ mode: 'in_service', level: 'bachelor', graduationDate: '2010-01-01' }),
      education({ level: 'junior_college', graduationDate: '2012-07-01' }),
    ]);
    const line = lineOf(result, 'education.in_service_prior_full_time');
    expect(line.outcome).toBe('met');
    expect(line.actual).toContain('该学历不计入本次报考');
    // Counted as 大专 now: 6 years from registration, 5 years held → not enough.
    expect(lineOf(result, 'years.intermediate.doctor.junior_college').outcome).toBe('not_met');
  });

  it('when foreign education is certified, then it counts and the certification slot is required', () => {
    const result = withEducation([education({ foreign: true, foreignCertified: true })]);
    expect(lineOf(result, 'education.foreign_certification').outcome).toBe('met');
    expect(slotOf(result, 'foreign_degree_certification')?.required).toBe(true);
    expect(result.eligible).toBe(true);
  });

  it('when foreign education is not certified, then it does not count and the candidate is told to certify it', () => {
    const result = withEducation([education({ foreign: true, foreignCertified: false })]);
    const line = lineOf(result, 'education.foreign_certification');
    expect(line.outcome).toBe('not_met');
    expect(line.actual).toContain('请先办理教育部留学服务中心认证');
    expect(result.eligible).toBe(false);
  });

  it('when a degree is obtained after the cut-off, then it does not count this year', () => {
    const result = withEducation([
      education({ level: 'junior_college', graduationDate: '2010-07-01' }),
      education({ level: 'master', graduationDate: '2024-01-01' }),
    ]);
    expect(lineOf(result, 'education.obtained_by_cutoff').outcome).toBe('met');
    expect(lineOf(result, 'education.qualifying').actual).toContain('取得时间晚于截止日期');
  });

  it('when education is obtained on the cut-off day, then it counts', () => {
    const result = withEducation([education({ graduationDate: '2023-12-31' })]);
    expect(lineOf(result, 'education.qualifying').outcome).toBe('met');
    expect(result.lines.some((l) => l.ruleId === 'education.obtained_by_cutoff')).toBe(false);
  });

  it('when education counts, then a reviewer checks that the major matches the specialty', () => {
    const result = withEducation([education({ major: '临床医学' })]);
    const line = lineOf(result, 'education.specialty_match');
    expect(line.outcome).toBe('review');
    expect(line.actual).toContain('临床医学');
    expect(line.actual).toContain('内科学');
    expect(result.needsReview).toBe(true);
  });

  it('when the education has a degree, then the degree certificate is required', () => {
    expect(
      slotOf(withEducation([education({ withDegree: true })]), 'degree_certificate')?.required,
    ).toBe(true);
    expect(
      slotOf(withEducation([education({ withDegree: false })]), 'degree_certificate'),
    ).toBeUndefined();
  });
});
