import type { CatalogOverview, PhaseKind } from '@hqe/core';

type OverviewCycle = CatalogOverview['exams'][number]['cycles'][number];
type OverviewPhase = OverviewCycle['areas'][number]['phases'][number];

/** A cycle the reviewer's area takes part in, with the area's calendar for it. */
export interface AreaCycle {
  id: number;
  year: number;
  name: string;
  phases: OverviewPhase[];
}

/** The current cycles in which the area has a calendar, newest year first. */
export function cyclesOfArea(overview: CatalogOverview, areaId: number): AreaCycle[] {
  const result: AreaCycle[] = [];
  for (const exam of overview.exams) {
    for (const cycle of exam.cycles) {
      const area = cycle.areas.find((a) => a.id === areaId);
      if (!area) continue;
      result.push({ id: cycle.id, year: cycle.year, name: cycle.name, phases: area.phases });
    }
  }
  return result.sort((a, b) => b.year - a.year || b.id - a.id);
}

/** The cycle asked for in the address when the area has it, else the newest. */
export function pickCycle(cycles: readonly AreaCycle[], wanted: number | null): AreaCycle | null {
  return cycles.find((c) => c.id === wanted) ?? cycles[0] ?? null;
}

/** When a phase of the cycle starts (ISO), e.g. the publication of the review results. */
export function phaseStart(cycle: AreaCycle | null, kind: PhaseKind): string | null {
  return cycle?.phases.find((p) => p.kind === kind)?.startsAt ?? null;
}
