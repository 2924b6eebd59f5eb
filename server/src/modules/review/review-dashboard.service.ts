import {
  CONFIRMED_STATUSES,
  ELIGIBILITY_LABELS,
  ELIGIBILITY_LEVELS,
  REGISTRATION_STATUS_LABELS,
  REGISTRATION_STATUSES,
  REVIEW_STAGE_LABELS,
  REVIEW_STAGES,
  ROLES,
  type RegistrationStatus,
  type ReviewDashboard,
  type ReviewDashboardQuery,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { notFound, validationFailed } from '../../lib/errors';
import * as repo from './review-dashboard.repository';
import { reviewAreaOf, STAGE_WAITING_STATUS } from './review-scope';

/**
 * The exam area an oversight request (dashboard, export) works on: a platform administrator names
 * it (`examAreaId`, required); area administrators and reviewers always work on their own
 * (`reviewAreaOf`), and naming another answers "not found" exactly like an area that does not
 * exist.
 */
export function oversightAreaOf(actor: Actor, requested: number | undefined): number {
  if (actor.roles.includes(ROLES.platform_admin)) {
    if (requested === undefined) {
      throw validationFailed('请选择考区。', [{ path: 'examAreaId', message: '请选择考区' }]);
    }
    return requested;
  }
  const own = reviewAreaOf(actor);
  if (requested !== undefined && requested !== own) throw notFound('未找到该考区的数据。');
  return own;
}

/** The area and cycle of an oversight request, or "not found". */
export async function loadScope(db: Db, actor: Actor, query: ReviewDashboardQuery) {
  const examAreaId = oversightAreaOf(actor, query.examAreaId);
  const found = await repo.findCycleAndArea(db, { examAreaId, cycleId: query.cycleId });
  if (!found) throw notFound('未找到该考区或考试年度，请刷新页面后重新选择。');
  return found;
}

const CONFIRMED = new Set<RegistrationStatus>(CONFIRMED_STATUSES);
const LEVEL_ORDER = new Map(ELIGIBILITY_LEVELS.map((level, i) => [level, i]));
const QUALIFICATION_EVENTS = new Set<repo.CountedEvent>([
  'pass_review',
  'fail_review',
  'request_supplement',
]);

type Tally = { count: number; confirmed: number };
const tally = (): Tally => ({ count: 0, confirmed: 0 });

function sumInto<K>(map: Map<K, Tally>, key: K, row: repo.StatusGroupRow) {
  const entry = map.get(key) ?? tally();
  entry.count += row.count;
  if (CONFIRMED.has(row.status)) entry.confirmed += row.count;
  map.set(key, entry);
}

/** The dashboard's figures from the three aggregate reads (pure; exported for its tests). */
export function buildDashboard(input: {
  generatedAt: Date;
  cycle: ReviewDashboard['cycle'];
  examArea: ReviewDashboard['examArea'];
  statusRows: readonly repo.StatusGroupRow[];
  specialties: readonly Awaited<ReturnType<typeof repo.specialtiesOfOfferings>>[number][];
  cities: readonly Awaited<ReturnType<typeof repo.citiesOfArea>>[number][];
  eventRows: readonly repo.EventGroupRow[];
  queues: ReviewDashboard['queues'];
}): ReviewDashboard {
  const byStatus = new Map<RegistrationStatus, number>();
  const byOffering = new Map<number, Tally>();
  const byCity = new Map<number | null, Tally>();
  let total = 0;
  for (const row of input.statusRows) {
    total += row.count;
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.count);
    if (row.status === 'draft') continue;
    if (row.areaOfferingId !== null) sumInto(byOffering, row.areaOfferingId, row);
    sumInto(byCity, row.cityId, row);
  }

  const bySpecialty = input.specialties
    .filter((s) => byOffering.has(s.offeringId))
    .map((s) => ({
      code: s.code,
      name: s.name,
      level: s.level,
      levelLabel: ELIGIBILITY_LABELS.level[s.level],
      ...(byOffering.get(s.offeringId) ?? tally()),
    }))
    .sort(
      (a, b) =>
        a.code.localeCompare(b.code) ||
        (LEVEL_ORDER.get(a.level) ?? 0) - (LEVEL_ORDER.get(b.level) ?? 0),
    );

  const cityRows: ReviewDashboard['byCity'] = input.cities.map((c) => ({
    cityId: c.id,
    code: c.code,
    name: c.name,
    active: c.active,
    ...(byCity.get(c.id) ?? tally()),
  }));
  const known = new Set(input.cities.map((c) => c.id));
  const stray = tally();
  for (const [cityId, t] of byCity) {
    if (cityId !== null && known.has(cityId)) continue;
    stray.count += t.count;
    stray.confirmed += t.confirmed;
  }
  if (stray.count > 0) {
    cityRows.push({ cityId: null, code: null, name: '未选择报名地市', active: false, ...stray });
  }

  const days = new Map<string, ReviewDashboard['perDay'][number]>();
  const reviewers = new Map<number, ReviewDashboard['reviewers'][number]>();
  for (const row of input.eventRows) {
    const day = days.get(row.day) ?? {
      date: row.day,
      submissions: 0,
      confirmations: 0,
      autoConfirmations: 0,
      returns: 0,
      qualificationDecisions: 0,
    };
    days.set(row.day, day);
    switch (row.event) {
      case 'submit':
      case 'resubmit':
        day.submissions += row.count;
        break;
      case 'confirm':
        day.confirmations += row.count;
        break;
      case 'auto_confirm':
        day.confirmations += row.count;
        day.autoConfirmations += row.count;
        break;
      case 'return':
        day.returns += row.count;
        break;
      case 'pass_review':
      case 'fail_review':
      case 'request_supplement':
        day.qualificationDecisions += row.count;
        break;
    }
    if (row.reviewerId === null) continue;
    const reviewer = reviewers.get(row.reviewerId) ?? {
      accountId: row.reviewerId,
      name: row.reviewerName ?? `工作人员 ${row.reviewerId}`,
      confirmed: 0,
      returned: 0,
      qualificationDecisions: 0,
      lastDecisionAt: new Date(row.lastAt).toISOString(),
      perDay: [],
    };
    reviewers.set(row.reviewerId, reviewer);
    const lastAt = new Date(row.lastAt).toISOString();
    if (lastAt > reviewer.lastDecisionAt) reviewer.lastDecisionAt = lastAt;
    let perDay = reviewer.perDay.find((d) => d.date === row.day);
    if (!perDay) {
      perDay = { date: row.day, confirmed: 0, returned: 0, qualificationDecisions: 0 };
      reviewer.perDay.push(perDay);
    }
    if (row.event === 'confirm') {
      reviewer.confirmed += row.count;
      perDay.confirmed += row.count;
    } else if (row.event === 'return') {
      reviewer.returned += row.count;
      perDay.returned += row.count;
    } else if (QUALIFICATION_EVENTS.has(row.event)) {
      reviewer.qualificationDecisions += row.count;
      perDay.qualificationDecisions += row.count;
    }
  }
  const decisions = (r: ReviewDashboard['reviewers'][number]) =>
    r.confirmed + r.returned + r.qualificationDecisions;

  return {
    cycle: input.cycle,
    examArea: input.examArea,
    generatedAt: input.generatedAt.toISOString(),
    total,
    byStatus: REGISTRATION_STATUSES.map((status) => ({
      status,
      label: REGISTRATION_STATUS_LABELS[status],
      count: byStatus.get(status) ?? 0,
    })),
    bySpecialty,
    byCity: cityRows,
    perDay: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    reviewers: [...reviewers.values()]
      .map((r) => ({ ...r, perDay: r.perDay.sort((a, b) => a.date.localeCompare(b.date)) }))
      .sort((a, b) => decisions(b) - decisions(a) || a.name.localeCompare(b.name, 'zh-CN')),
    queues: input.queues,
  };
}

/** 审核统计: an exam area's figures for one cycle (area admins, reviewers; platform admins). */
export function createReviewDashboardService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async dashboard(actor: Actor, query: ReviewDashboardQuery): Promise<ReviewDashboard> {
      const { cycle, area } = await loadScope(db, actor, query);
      const scope = { examAreaId: area.id, cycleId: cycle.id };
      const now = clock.now();
      const [statusRows, cities, eventRows, claimRows, oldest] = await Promise.all([
        repo.countByStatusOfferingCity(db, scope),
        repo.citiesOfArea(db, area.id),
        repo.countEventsPerDay(db, scope),
        repo.countClaimed(db, scope, Object.values(STAGE_WAITING_STATUS), now),
        Promise.all(
          REVIEW_STAGES.map((stage) => repo.oldestQueued(db, scope, STAGE_WAITING_STATUS[stage])),
        ),
      ]);
      const offeringIds = [
        ...new Set(
          statusRows.flatMap((r) => (r.areaOfferingId === null ? [] : [r.areaOfferingId])),
        ),
      ];
      const specialties = await repo.specialtiesOfOfferings(db, offeringIds);
      const queues = REVIEW_STAGES.map((stage, i) => {
        const status = STAGE_WAITING_STATUS[stage];
        const first = oldest[i];
        const inQueue = statusRows.reduce((n, r) => (r.status === status ? n + r.count : n), 0);
        const claimed = claimRows.find((r) => r.status === status)?.claimed ?? 0;
        return {
          stage,
          label: REVIEW_STAGE_LABELS[stage],
          inQueue,
          waiting: inQueue - claimed,
          claimed,
          oldest: first?.queuedAt
            ? {
                registrationId: first.id,
                registrationNumber: first.registrationNumber,
                queuedAt: first.queuedAt.toISOString(),
              }
            : null,
        };
      });
      return buildDashboard({
        generatedAt: now,
        cycle,
        examArea: area,
        statusRows,
        specialties,
        cities,
        eventRows,
        queues,
      });
    },
  };
}
export type ReviewDashboardService = ReturnType<typeof createReviewDashboardService>;
