import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { decisionProblemOf } from './decision-errors';
import { reviewMessages as m } from './messages';

const refused = (code: ConstructorParameters<typeof ApiError>[0]['code'], message: string) =>
  new ApiError({ code, message, status: 409 });

describe('a refused decision, in the reviewer’s words', () => {
  it('when another reviewer holds it, then it says so, reloads and points back to the queue', () => {
    const problem = decisionProblemOf(refused('conflict', '该报名正由 李四 审核'));
    expect(problem).toEqual({
      message: '该报名正由 李四 审核',
      hint: m.hintConflict,
      reload: true,
      backToQueue: true,
      staleContent: false,
    });
  });

  it('when the candidate changed the registration since it was read, then it reloads and the choice is dropped', () => {
    const problem = decisionProblemOf(
      refused('version_conflict', '考生在您打开这条报名后修改了报名，本次审核未生效。'),
    );
    expect(problem).toEqual({
      message: '考生在您打开这条报名后修改了报名，本次审核未生效。',
      hint: m.hintVersionConflict,
      reload: true,
      backToQueue: false,
      staleContent: true,
    });
  });

  it('when the phase is closed, then the server’s dates stay and the hint says what to do', () => {
    const problem = decisionProblemOf(
      refused('phase_closed', '报名确认时间为 2024-01-05 至 2024-01-10'),
    );
    expect(problem.message).toContain('2024-01-05');
    expect(problem.hint).toBe(m.hintPhaseClosed);
    expect(problem.reload).toBe(false);
  });

  it('when the status moved on, then the registration is read again', () => {
    const problem = decisionProblemOf(refused('invalid_transition', '报名状态已变化'));
    expect(problem.reload).toBe(true);
    expect(problem.backToQueue).toBe(false);
    expect(problem.hint).toBe(m.hintInvalidTransition);
    expect(problem.staleContent).toBe(false);
  });

  it('when anything else fails, then a general next step is offered', () => {
    expect(decisionProblemOf(new Error('boom')).hint).toBe(m.hintOther);
    expect(decisionProblemOf(refused('not_found', '未找到')).backToQueue).toBe(true);
  });
});
