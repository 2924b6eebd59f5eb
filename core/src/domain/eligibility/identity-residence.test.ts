import { describe, expect, it } from 'vitest';
import { checkEligibility } from './check-eligibility';
import { doctor, EMPLOYER, input, lineOf, nurse, profile, slotOf, SPECIALTIES } from './fixtures';
import type { EligibilityProfile, IdentityDocumentType } from './profile';

const registeredDoctor = (overrides: Partial<EligibilityProfile> = {}) =>
  doctor('2019-01-01', overrides);
const NO_AREA_RULES = {
  nonLocalHouseholdDocuments: false,
  socialSecurityEmployerMatch: false,
  practiceSiteEmployerMatch: false,
  hmtAndForeignDocuments: false,
};

describe('P2: identity documents', () => {
  it.each<
    [
      IdentityDocumentType,
      Partial<EligibilityProfile>,
      string | undefined,
      boolean,
      string | undefined,
    ]
  >([
    ['resident_id', {}, undefined, true, undefined],
    [
      'hmt_residence_permit',
      {},
      'p2.hmt_residence_permit',
      true,
      'hk_macao_taiwan_residence_permit',
    ],
    [
      'hk_macao_pass',
      { hmtResidencePermit: true },
      'p2.hmt_residence_permit',
      true,
      'hk_macao_taiwan_residence_permit',
    ],
    ['hk_macao_pass', {}, 'p2.hmt_residence_permit', false, 'hk_macao_taiwan_residence_permit'],
    [
      'taiwan_pass',
      { hmtResidencePermit: true },
      'p2.hmt_residence_permit',
      true,
      'hk_macao_taiwan_residence_permit',
    ],
    ['taiwan_pass', {}, 'p2.hmt_residence_permit', false, 'hk_macao_taiwan_residence_permit'],
    [
      'foreign_permanent_residence_id',
      {},
      'p2.foreign_residence',
      true,
      'foreign_permanent_residence_id',
    ],
    [
      'passport',
      { foreignPermanentResidenceId: true },
      'p2.foreign_residence',
      true,
      'foreign_permanent_residence_id',
    ],
    ['passport', { residencePermit: 'permit_b' }, 'p2.foreign_residence', true, 'residence_permit'],
    ['passport', {}, 'p2.foreign_residence', false, 'foreign_permanent_residence_id'],
  ])(
    'when the document is %s with %o, then the P2 line is %s, eligible %s, and slot %s is required',
    (type, extra, ruleId, eligible, slot) => {
      const result = checkEligibility(
        input(registeredDoctor({ identityDocument: type, ...extra }), SPECIALTIES.internalMedicine),
      );
      expect(result.eligible).toBe(eligible);
      expect(slotOf(result, 'identity_document')?.required).toBe(true);
      if (ruleId) {
        expect(lineOf(result, ruleId).outcome).toBe(eligible ? 'met' : 'not_met');
        expect(lineOf(result, 'identity.document').outcome).toBe('review');
      } else {
        expect(lineOf(result, 'identity.document').outcome).toBe('met');
        expect(result.lines.some((l) => l.ruleId.startsWith('p2.'))).toBe(false);
      }
      if (slot) expect(slotOf(result, slot)?.required).toBe(true);
    },
  );

  it('when a Hong Kong resident lacks the residence permit, then the line tells what to obtain', () => {
    const result = checkEligibility(
      input(registeredDoctor({ identityDocument: 'hk_macao_pass' }), SPECIALTIES.internalMedicine),
    );
    expect(lineOf(result, 'p2.hmt_residence_permit').actual).toContain(
      '请办理并上传港澳台居民居住证',
    );
  });

  it('when the area does not ask for P2 documents, then a passport holder is only sent to review', () => {
    const result = checkEligibility(
      input(registeredDoctor({ identityDocument: 'passport' }), SPECIALTIES.internalMedicine, {
        examArea: { code: '99', rules: NO_AREA_RULES },
      }),
    );
    expect(result.eligible).toBe(true);
    expect(lineOf(result, 'identity.document').outcome).toBe('review');
    expect(result.lines.some((l) => l.ruleId.startsWith('p2.'))).toBe(false);
  });

  it('when the candidate is not a mainland resident, then household rules (P1) do not apply', () => {
    const result = checkEligibility(
      input(
        registeredDoctor({
          identityDocument: 'hmt_residence_permit',
          householdRegistration: 'non_local',
        }),
        SPECIALTIES.internalMedicine,
      ),
    );
    expect(result.lines.some((l) => l.ruleId.startsWith('p1.'))).toBe(false);
  });
});

describe('P1: non-local household registration', () => {
  it('when the household is local, then no residence document is asked', () => {
    const result = checkEligibility(input(registeredDoctor(), SPECIALTIES.internalMedicine));
    expect(lineOf(result, 'p1.household').outcome).toBe('met');
    expect(slotOf(result, 'residence_permit')).toBeUndefined();
    expect(result.lines.some((l) => l.ruleId === 'p1.practice_site')).toBe(false);
  });

  it.each([
    ['permit', '居住证'],
    ['receipt', '居住证受理凭证'],
  ] as const)(
    'when a non-local candidate holds a %s, then P1 is met and the permit slot is required',
    (permit, text) => {
      const result = checkEligibility(
        input(
          registeredDoctor({ householdRegistration: 'non_local', residencePermit: permit }),
          SPECIALTIES.internalMedicine,
        ),
      );
      expect(lineOf(result, 'p1.household')).toMatchObject({ outcome: 'met' });
      expect(lineOf(result, 'p1.household').actual).toContain(text);
      expect(slotOf(result, 'residence_permit')?.required).toBe(true);
      expect(result.eligible).toBe(true);
    },
  );

  it('when a non-local candidate has social-security records paid by the registered employer, then P1 is met', () => {
    const result = checkEligibility(
      input(
        registeredDoctor({
          householdRegistration: 'non_local',
          socialSecurity: { payingInstitution: ` ${EMPLOYER} ` },
        }),
        SPECIALTIES.internalMedicine,
      ),
    );
    expect(lineOf(result, 'p1.household').outcome).toBe('met');
    expect(lineOf(result, 'p1.social_security_employer').outcome).toBe('met');
    expect(slotOf(result, 'social_security_record')?.required).toBe(true);
    expect(result.eligible).toBe(true);
  });

  it('when the social security is paid by another institution, then P1 is not met and both names are shown', () => {
    const result = checkEligibility(
      input(
        registeredDoctor({
          householdRegistration: 'non_local',
          socialSecurity: { payingInstitution: '某人力资源服务有限公司' },
        }),
        SPECIALTIES.internalMedicine,
      ),
    );
    const line = lineOf(result, 'p1.social_security_employer');
    expect(line.outcome).toBe('not_met');
    expect(line.actual).toContain('某人力资源服务有限公司');
    expect(line.actual).toContain(EMPLOYER);
    expect(result.eligible).toBe(false);
  });

  it('when a non-local candidate has neither permit nor social security, then P1 is not met', () => {
    const result = checkEligibility(
      input(registeredDoctor({ householdRegistration: 'non_local' }), SPECIALTIES.internalMedicine),
    );
    expect(lineOf(result, 'p1.household').outcome).toBe('not_met');
    expect(slotOf(result, 'residence_permit')?.required).toBe(true);
    expect(slotOf(result, 'social_security_record')?.required).toBe(false);
    expect(result.eligible).toBe(false);
  });

  it('when a non-local doctor practises principally at another institution, then P1 is not met', () => {
    const result = checkEligibility(
      input(
        doctor('2019-01-01', {
          householdRegistration: 'non_local',
          residencePermit: 'permit',
          practiceQualifications: [
            {
              kind: 'doctor',
              qualifiedOn: '2018-06-01',
              registeredOn: '2019-01-01',
              principalPracticeSite: '上海市第二人民医院',
            },
          ],
        }),
        SPECIALTIES.internalMedicine,
      ),
    );
    const line = lineOf(result, 'p1.practice_site');
    expect(line.outcome).toBe('not_met');
    expect(line.actual).toContain('上海市第二人民医院');
    expect(result.eligible).toBe(false);
  });

  it('when a non-local nurse practises principally at the registered employer, then the practice site is met', () => {
    const result = checkEligibility(
      input(
        nurse('2019-01-01', { householdRegistration: 'non_local', residencePermit: 'permit' }),
        SPECIALTIES.nurse,
      ),
    );
    expect(lineOf(result, 'p1.practice_site').outcome).toBe('met');
    expect(result.eligible).toBe(true);
  });

  it('when a non-local pharmacist applies, then no practice site is asked', () => {
    const result = checkEligibility(
      input(
        profile({ householdRegistration: 'non_local', residencePermit: 'permit' }),
        SPECIALTIES.pharmacist,
      ),
    );
    expect(result.lines.some((l) => l.ruleId === 'p1.practice_site')).toBe(false);
  });

  it('when the area does not have P1, then a non-local candidate needs no residence documents', () => {
    const result = checkEligibility(
      input(
        registeredDoctor({ householdRegistration: 'non_local' }),
        SPECIALTIES.internalMedicine,
        {
          examArea: { code: '99', rules: NO_AREA_RULES },
        },
      ),
    );
    expect(result.lines.some((l) => l.ruleId.startsWith('p1.'))).toBe(false);
    expect(result.eligible).toBe(true);
  });
});
