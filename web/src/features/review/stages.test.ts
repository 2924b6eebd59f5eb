import type { Role } from '@hqe/core';
import { describe, expect, it } from 'vitest';
import {
  canManageReviewReasons,
  canUseReview,
  reviewStagesFor,
  STAGE_STATUSES,
  stageOfStatus,
} from './stages';

const shanghai = { id: 1, code: '31', name: '上海' };
const account = (roles: Role[], examArea: typeof shanghai | null = shanghai) => ({
  roles,
  examArea,
});

describe('review stages by role', () => {
  it('gives each reviewer the queue of their role, to decide in', () => {
    expect(reviewStagesFor(account(['confirmation_reviewer']))).toEqual([
      { stage: 'confirmation', canDecide: true },
    ]);
    expect(reviewStagesFor(account(['qualification_reviewer']))).toEqual([
      { stage: 'qualification', canDecide: true },
    ]);
    expect(reviewStagesFor(account(['confirmation_reviewer', 'qualification_reviewer']))).toEqual([
      { stage: 'confirmation', canDecide: true },
      { stage: 'qualification', canDecide: true },
    ]);
  });

  it('lets an area administrator read both queues without deciding, unless also a reviewer', () => {
    expect(reviewStagesFor(account(['area_admin']))).toEqual([
      { stage: 'confirmation', canDecide: false },
      { stage: 'qualification', canDecide: false },
    ]);
    expect(reviewStagesFor(account(['area_admin', 'qualification_reviewer']))).toEqual([
      { stage: 'confirmation', canDecide: false },
      { stage: 'qualification', canDecide: true },
    ]);
  });

  it('gives nothing to staff without an exam area or without a review role', () => {
    expect(reviewStagesFor(account(['platform_admin'], null))).toEqual([]);
    expect(canUseReview(account(['confirmation_reviewer'], null))).toBe(false);
    expect(canUseReview(account(['candidate']))).toBe(false);
    expect(canUseReview(account(['confirmation_reviewer']))).toBe(true);
  });

  it('lets only area administrators keep the reason catalogue', () => {
    expect(canManageReviewReasons(account(['area_admin']))).toBe(true);
    expect(canManageReviewReasons(account(['confirmation_reviewer']))).toBe(false);
    expect(canManageReviewReasons(account(['platform_admin'], null))).toBe(false);
  });

  it('places each status in its stage, and offers the waiting status first', () => {
    expect(stageOfStatus('draft')).toBeNull();
    expect(stageOfStatus('submitted')).toBe('confirmation');
    expect(stageOfStatus('returned')).toBe('confirmation');
    expect(stageOfStatus('confirmed')).toBe('qualification');
    expect(stageOfStatus('supplement_requested')).toBe('qualification');
    expect(STAGE_STATUSES.confirmation[0]).toBe('submitted');
    expect(STAGE_STATUSES.qualification[0]).toBe('confirmed');
  });
});
