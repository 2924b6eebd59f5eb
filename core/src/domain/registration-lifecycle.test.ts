import { describe, expect, it } from 'vitest';
import type { PhaseKind } from './calendar';
import {
  availableEvents,
  candidateVisibleStatus,
  formatRegistrationNumber,
  isAfterConfirmation,
  isEditable,
  planTransition,
  REGISTRATION_EVENTS,
  REGISTRATION_NUMBER_PATTERN,
  REGISTRATION_STATUSES,
  REGISTRATION_TRANSITIONS,
  type RegistrationActor,
  type RegistrationEvent,
  type RegistrationStatus,
} from './registration-lifecycle';

const open = (...phases: PhaseKind[]) => new Set<PhaseKind>(phases);
const ALL_PHASES = open(
  'registration',
  'confirmation',
  'resubmission',
  'qualification_review',
  'results_publication',
  'payment',
  'admission_ticket',
  'exam',
);

describe('registration lifecycle: every allowed transition', () => {
  const cases: [
    RegistrationEvent,
    RegistrationStatus,
    RegistrationActor,
    PhaseKind | null,
    RegistrationStatus,
  ][] = [
    ['submit', 'draft', 'candidate', 'registration', 'submitted'],
    ['resubmit', 'returned', 'candidate', 'resubmission', 'submitted'],
    ['resubmit', 'returned', 'candidate', 'registration', 'submitted'],
    ['withdraw', 'submitted', 'candidate', 'registration', 'draft'],
    ['change_area', 'draft', 'candidate', 'registration', 'draft'],
    ['change_area', 'returned', 'candidate', 'registration', 'draft'],
    ['confirm', 'submitted', 'confirmation_reviewer', 'confirmation', 'confirmed'],
    ['auto_confirm', 'submitted', 'system', null, 'confirmed'],
    ['return', 'submitted', 'confirmation_reviewer', 'confirmation', 'returned'],
    ['lapse', 'returned', 'system', null, 'abandoned'],
    ['lapse', 'supplement_requested', 'system', null, 'abandoned'],
    [
      'request_supplement',
      'confirmed',
      'qualification_reviewer',
      'qualification_review',
      'supplement_requested',
    ],
    ['supply', 'supplement_requested', 'candidate', 'qualification_review', 'confirmed'],
    ['pass_review', 'confirmed', 'qualification_reviewer', 'qualification_review', 'qualified'],
    ['fail_review', 'confirmed', 'qualification_reviewer', 'qualification_review', 'disqualified'],
    ['pay', 'qualified', 'system', 'payment', 'paid'],
    ['payment_lapse', 'qualified', 'system', null, 'abandoned'],
  ];

  it.each(cases)('%s from %s by %s while %s is open → %s', (event, from, actor, phase, to) => {
    const phases = phase === null ? open() : open(phase);
    expect(planTransition(from, event, actor, phases)).toEqual({ ok: true, to });
  });

  it('covers every event of the table', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(REGISTRATION_EVENTS));
  });
});

describe('registration lifecycle: refusals', () => {
  it('refuses every event from every status it does not start from, even with all phases open', () => {
    for (const event of REGISTRATION_EVENTS) {
      const transition = REGISTRATION_TRANSITIONS[event];
      const actor = transition.actors[0];
      for (const status of REGISTRATION_STATUSES) {
        const plan = planTransition(status, event, actor, ALL_PHASES);
        if ((transition.from as readonly RegistrationStatus[]).includes(status)) {
          expect(plan.ok, `${event} from ${status}`).toBe(true);
        } else {
          expect(plan, `${event} from ${status}`).toMatchObject({
            ok: false,
            reason: 'invalid_transition',
          });
        }
      }
    }
  });

  it('refuses every event to an actor it does not name', () => {
    const actors: RegistrationActor[] = [
      'candidate',
      'confirmation_reviewer',
      'qualification_reviewer',
      'system',
    ];
    for (const event of REGISTRATION_EVENTS) {
      const transition = REGISTRATION_TRANSITIONS[event];
      const from = transition.from[0];
      for (const actor of actors) {
        const plan = planTransition(from, event, actor, ALL_PHASES);
        if ((transition.actors as readonly RegistrationActor[]).includes(actor)) {
          expect(plan.ok).toBe(true);
        } else {
          expect(plan, `${event} by ${actor}`).toMatchObject({ ok: false, reason: 'forbidden' });
        }
      }
    }
  });

  it('refuses a gated event when none of its phases is open, naming them', () => {
    expect(planTransition('draft', 'submit', 'candidate', open('confirmation'))).toMatchObject({
      ok: false,
      reason: 'phase_closed',
      phases: ['registration'],
    });
    expect(planTransition('submitted', 'confirm', 'confirmation_reviewer', open())).toMatchObject({
      ok: false,
      reason: 'phase_closed',
    });
    // The system's own moves are not gated: the deadline job runs after the phase has closed.
    expect(planTransition('returned', 'lapse', 'system', open())).toEqual({
      ok: true,
      to: 'abandoned',
    });
  });

  it('tells a candidate that a confirmed registration needs no withdrawal (R9)', () => {
    for (const status of ['confirmed', 'qualified', 'paid'] as const) {
      const plan = planTransition(status, 'withdraw', 'candidate', ALL_PHASES);
      expect(plan).toMatchObject({ ok: false, reason: 'invalid_transition' });
      expect(!plan.ok && plan.message).toBe('您的报名已确认，无需撤回信息提交。');
    }
    const draft = planTransition('draft', 'withdraw', 'candidate', ALL_PHASES);
    expect(!draft.ok && draft.message).toContain('尚未提交');
  });

  it('refuses a withdrawal when only the resubmission window is open (the draft could not be submitted again)', () => {
    expect(
      planTransition('submitted', 'withdraw', 'candidate', open('resubmission')),
    ).toMatchObject({ ok: false, reason: 'phase_closed', phases: ['registration'] });
    expect(availableEvents('submitted', 'candidate', open('resubmission'))).toEqual([]);
  });

  it('checks the actor before the status and the status before the calendar', () => {
    expect(planTransition('confirmed', 'confirm', 'candidate', open())).toMatchObject({
      reason: 'forbidden',
    });
    expect(planTransition('confirmed', 'confirm', 'confirmation_reviewer', open())).toMatchObject({
      reason: 'invalid_transition',
    });
  });
});

describe('registration lifecycle: helpers', () => {
  it('lists what a candidate can do now', () => {
    expect(availableEvents('submitted', 'candidate', open('registration'))).toEqual(['withdraw']);
    expect(availableEvents('returned', 'candidate', open('resubmission'))).toEqual(['resubmit']);
    expect(availableEvents('returned', 'candidate', open('registration'))).toEqual([
      'resubmit',
      'change_area',
    ]);
    expect(availableEvents('confirmed', 'candidate', ALL_PHASES)).toEqual([]);
    expect(availableEvents('submitted', 'confirmation_reviewer', open('confirmation'))).toEqual([
      'confirm',
      'return',
    ]);
  });

  it('says which statuses are editable and which come after confirmation', () => {
    expect(REGISTRATION_STATUSES.filter(isEditable)).toEqual(['draft', 'returned']);
    expect(REGISTRATION_STATUSES.filter(isAfterConfirmation)).toEqual([
      'confirmed',
      'supplement_requested',
      'qualified',
      'disqualified',
      'paid',
    ]);
  });

  it('shows a candidate an unpublished qualification result as 报名确认, and nothing else changed (R18)', () => {
    expect(candidateVisibleStatus('qualified', false)).toBe('confirmed');
    expect(candidateVisibleStatus('disqualified', false)).toBe('confirmed');
    expect(candidateVisibleStatus('qualified', true)).toBe('qualified');
    expect(candidateVisibleStatus('disqualified', true)).toBe('disqualified');
    for (const status of REGISTRATION_STATUSES.filter(
      (s) => s !== 'qualified' && s !== 'disqualified',
    )) {
      expect(candidateVisibleStatus(status, false)).toBe(status);
    }
    // Seen as 报名确认, a hidden result refuses every candidate action exactly as 报名确认 does.
    for (const event of REGISTRATION_EVENTS) {
      for (const hidden of ['qualified', 'disqualified'] as const) {
        expect(planTransition(hidden, event, 'candidate', ALL_PHASES).ok).toBe(
          planTransition('confirmed', event, 'candidate', ALL_PHASES).ok,
        );
      }
    }
  });

  it('formats the registration number: area, year, 8-digit sequence', () => {
    expect(formatRegistrationNumber('31', 2024, 42)).toBe('31202400000042');
    expect(formatRegistrationNumber('31', 2024, 99_999_999)).toBe('31202499999999');
    expect(REGISTRATION_NUMBER_PATTERN.test(formatRegistrationNumber('11', 2025, 1))).toBe(true);
    expect(() => formatRegistrationNumber('3', 2024, 1)).toThrow(RangeError);
    expect(() => formatRegistrationNumber('31', 2024, 0)).toThrow(RangeError);
    expect(() => formatRegistrationNumber('31', 2024, 100_000_000)).toThrow(RangeError);
    expect(() => formatRegistrationNumber('31', 1999, 1)).toThrow(RangeError);
  });
});
