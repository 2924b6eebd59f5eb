import {
  checkEligibility,
  ELIGIBILITY_LEVELS,
  type EligibilityCheckRequest,
  type EligibilityCheckResponse,
  type EligibilitySpecialtyList,
} from '@hqe/core';
import type { Db } from '../../db/database';
import { notFound, validationFailed } from '../../lib/errors';
import { loadAreaEligibilityRules } from './area-rules.service';
import * as eligibilityRepository from './eligibility.repository';

const CYCLE_NOT_FOUND = '未找到该考试年度，请刷新页面后重新选择。';
const areaNotFound = (code: string) => `未找到代码为 ${code} 的考区，请刷新页面后重试。`;

/**
 * The eligibility self-check: resolves what the candidate does not choose (the specialty's level
 * and category, the cycle's cut-off, the area's rules) and runs the pure engine. Reads only;
 * nothing the candidate sends is stored.
 */
export function createEligibilityService({ db }: { db: Db }) {
  return {
    async check(request: EligibilityCheckRequest): Promise<EligibilityCheckResponse> {
      const cycle = await eligibilityRepository.findCycle(db, request.cycleId);
      if (!cycle) throw notFound(CYCLE_NOT_FOUND);
      const area = await eligibilityRepository.findExamArea(db, request.examAreaCode);
      if (!area) throw notFound(areaNotFound(request.examAreaCode));
      const specialty = await eligibilityRepository.findSpecialty(
        db,
        cycle.examId,
        request.specialtyCode,
      );
      if (!specialty) {
        throw notFound(
          `${cycle.name}没有代码为 ${request.specialtyCode} 的专业，请在专业列表中重新选择。`,
        );
      }
      const offered = await eligibilityRepository.listOfferedSpecialties(db, {
        cycleId: cycle.id,
        examAreaId: area.id,
      });
      if (offered.configured && !offered.items.some((s) => s.code === specialty.code)) {
        throw validationFailed(
          `${area.name}考区${cycle.name}未开考 ${specialty.code} ${specialty.name}，请在专业列表中重新选择。`,
          [{ path: 'specialtyCode', message: '本考区本年度未开考该专业' }],
        );
      }
      const result = checkEligibility({
        profile: request.profile,
        specialty,
        cutoffDate: cycle.workYearsCutoff,
        examArea: { code: area.code, rules: await loadAreaEligibilityRules(db, area) },
        registeredEmployer: request.registeredEmployer,
      });
      return {
        ...result,
        checkedAgainst: {
          cycle: { id: cycle.id, name: cycle.name, workYearsCutoff: cycle.workYearsCutoff },
          examArea: { code: area.code, name: area.name },
          specialty,
        },
      };
    },

    /**
     * The specialties a candidate may check for a cycle, by level and then by code: with an area,
     * those it offers in the cycle (once it has set its offerings up), otherwise the whole table.
     */
    async listSpecialties(query: {
      cycleId: number;
      examAreaCode?: string | undefined;
    }): Promise<EligibilitySpecialtyList> {
      const cycle = await eligibilityRepository.findCycle(db, query.cycleId);
      if (!cycle) throw notFound(CYCLE_NOT_FOUND);
      let rows = await eligibilityRepository.listSpecialties(db, cycle.examId);
      if (query.examAreaCode !== undefined) {
        const area = await eligibilityRepository.findExamArea(db, query.examAreaCode);
        if (!area) throw notFound(areaNotFound(query.examAreaCode));
        const offered = await eligibilityRepository.listOfferedSpecialties(db, {
          cycleId: cycle.id,
          examAreaId: area.id,
        });
        if (offered.configured) rows = offered.items;
      }
      const rank = (level: (typeof ELIGIBILITY_LEVELS)[number]) =>
        ELIGIBILITY_LEVELS.indexOf(level);
      const items = [...rows].sort(
        (a, b) => rank(a.level) - rank(b.level) || a.code.localeCompare(b.code),
      );
      return { cycleId: cycle.id, items };
    },
  };
}
export type EligibilityService = ReturnType<typeof createEligibilityService>;
