import type { AutoConfirmation, AutoConfirmationReason } from '@hqe/core';
import type { Db } from '../../db/database';
import { lockProfile } from '../candidate-profile';
import type { PreviousResult } from '../previous-results';
import type { RegistrationContext } from './registration-context';
import type * as repo from './registrations.repository';
import { applyTransition } from './transitions';

/*
 * 历史考生自动确认 (R6, R7): at submission, a candidate with a result of the previous cycle in the
 * same exam area is compared with it. Every condition met: the registration is confirmed by the
 * system at once. Any condition not met: it stays submitted for the area's manual confirmation,
 * and the registration carries each failed condition for the candidate to read.
 */

/** The slot of last year's score report or admission ticket. */
export const PREVIOUS_REPORT_SLOT = 'previous_score_report_or_ticket';

const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * The record a registration is compared with: the one of the registration's specialty when there
 * is one, else the first (a candidate who changed specialty).
 */
function recordFor(ctx: RegistrationContext): PreviousResult | undefined {
  const code = ctx.offering?.code;
  return ctx.previousResults.find((r) => r.specialtyCode === code) ?? ctx.previousResults[0];
}

/**
 * The outcome for a registration about to be submitted, or null when the candidate has no record
 * of the previous cycle in this area (not a returning candidate: manual confirmation, no message).
 */
export function evaluateAutoConfirmation(
  ctx: RegistrationContext,
  now: Date,
): AutoConfirmation | null {
  const record = recordFor(ctx);
  if (!record) return null;
  const reasons: AutoConfirmationReason[] = [];
  const fail = (code: AutoConfirmationReason['code'], message: string) =>
    reasons.push({ code, message });

  if (record.absent) {
    fail('absent_last_year', `您在 ${record.year} 年度考试中缺考，不属于可自动确认的历史考生。`);
  } else if (record.subjectResults.every((s) => s.passed)) {
    fail(
      'passed_last_year',
      `您在 ${record.year} 年度考试中已通过所报考的全部科目，不属于可自动确认的历史考生。`,
    );
  }
  if (record.disciplined) {
    fail('disciplined_last_year', `您在 ${record.year} 年度考试中有违纪记录，不能自动确认。`);
  }
  const offering = ctx.offering;
  if (offering && offering.code !== record.specialtyCode) {
    fail(
      'specialty_changed',
      `报考专业与上一年度不一致（上一年度专业代码 ${record.specialtyCode}，本次 ${offering.code}）。`,
    );
  }
  if (offering && offering.level !== record.level) {
    fail('level_changed', '报考级别与上一年度不一致。');
  }
  if (ctx.testSite?.code !== record.testSiteCode) {
    fail('test_site_changed', '考点与上一年度不一致。');
  }
  if (ctx.city?.code !== record.cityCode) {
    fail('city_changed', '报名地市与上一年度不一致。');
  }
  if (!sameName(record.candidateName, record.name)) {
    fail('name_changed', '姓名与上一年度的报名信息不一致。');
  }
  if (!ctx.files.some((f) => f.slotKey === PREVIOUS_REPORT_SLOT)) {
    fail('report_missing', '未上传上一年度成绩单或准考证。');
  }
  return {
    attempted: true,
    passed: reasons.length === 0,
    previousYear: record.year,
    evaluatedAt: now.toISOString(),
    reasons,
  };
}

/**
 * Confirms a just-submitted registration on behalf of the system (event `auto_confirm`), in the
 * submission's transaction, and locks the candidate's basic information as a reviewer's
 * confirmation does.
 */
export async function confirmAutomatically(
  trx: Db,
  input: {
    row: repo.RegistrationRow;
    phases: RegistrationContext['phases'];
    previousYear: number;
    now: Date;
    requestId: string | null;
  },
): Promise<{ row: repo.RegistrationRow; event: repo.EventRow }> {
  const { row, now } = input;
  const confirmed = await applyTransition(trx, {
    row,
    event: 'auto_confirm',
    actor: { kind: 'system', accountId: null, requestId: input.requestId },
    now,
    phases: input.phases,
    patch: { confirmedAt: now, returnReasons: '[]', returnNote: null },
    note: `历史考生：与 ${input.previousYear} 年度报名信息一致，已上传上一年度成绩单或准考证，系统自动确认。`,
    audit: { after: { previousYear: input.previousYear } },
  });
  await lockProfile(trx, row.accountId, `报名已确认（网报号 ${row.registrationNumber}）`, now);
  return confirmed;
}
