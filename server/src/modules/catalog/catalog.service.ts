import {
  PHASE_KIND_LIST,
  PHASE_LABELS,
  phaseStatus,
  type CatalogOverview,
  type PublicTestSiteList,
  type RegistrationCityList,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import * as catalogRepository from './catalog.repository';

type CycleView = CatalogOverview['exams'][number]['cycles'][number];
type AreaView = CycleView['areas'][number];

/** Creates the read side of the catalog: what a visitor sees before logging in. */
export function createCatalogService({ db, clock }: { db: Db; clock: Clock }) {
  async function requireAreaByCode(code: string) {
    const area = await catalogRepository.findExamAreaByCode(db, code);
    if (!area) throw notFound(`未找到代码为 ${code} 的考区，请核对考区代码。`);
    return area;
  }

  return {
    /** The exams, their two most recent cycles and each area's calendar with open/closed status. */
    async getOverview(): Promise<CatalogOverview> {
      const now = clock.now();
      const rows = await catalogRepository.listExamsWithCycles(db, 2);
      const phases = await catalogRepository.listPhases(db, [
        ...new Set(rows.map((r) => r.cycleId)),
      ]);
      const areasByCycle = new Map<number, Map<number, AreaView>>();
      for (const p of phases) {
        const areas = areasByCycle.get(p.cycleId) ?? new Map<number, AreaView>();
        areasByCycle.set(p.cycleId, areas);
        const area = areas.get(p.areaId) ?? {
          id: p.areaId,
          code: p.areaCode,
          name: p.areaName,
          phases: [],
        };
        areas.set(p.areaId, area);
        area.phases.push({
          kind: p.kind,
          label: PHASE_LABELS[p.kind],
          startsAt: p.startsAt.toISOString(),
          endsAt: p.endsAt.toISOString(),
          status: phaseStatus(p, now),
        });
      }
      const order = (kind: (typeof PHASE_KIND_LIST)[number]) => PHASE_KIND_LIST.indexOf(kind);
      for (const areas of areasByCycle.values()) {
        for (const area of areas.values())
          area.phases.sort((a, b) => order(a.kind) - order(b.kind));
      }
      const exams = new Map<number, CatalogOverview['exams'][number]>();
      for (const r of rows) {
        const exam = exams.get(r.examId) ?? {
          id: r.examId,
          code: r.examCode,
          name: r.examName,
          cycles: [],
        };
        exams.set(r.examId, exam);
        exam.cycles.push({
          id: r.cycleId,
          year: r.year,
          name: r.cycleName,
          workYearsCutoff: r.workYearsCutoff,
          areas: [...(areasByCycle.get(r.cycleId)?.values() ?? [])],
        });
      }
      return { now: now.toISOString(), exams: [...exams.values()] };
    },

    /** All exam areas. */
    listExamAreas: async () => ({ items: await catalogRepository.listExamAreas(db) }),

    /** An area's test sites in use (code, name, address), for candidates. */
    async listPublicTestSites(code: string): Promise<PublicTestSiteList> {
      const examArea = await requireAreaByCode(code);
      return { examArea, items: await catalogRepository.listActiveTestSites(db, examArea.id) };
    },

    /** An area's registration cities in use, in the area's order, for candidates. */
    async listPublicCities(code: string): Promise<RegistrationCityList> {
      const examArea = await requireAreaByCode(code);
      return { examArea, items: await catalogRepository.listActiveCities(db, examArea.id) };
    },
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
