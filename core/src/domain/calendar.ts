/** Phases of an exam area's calendar for one cycle. Each has exact start and end instants. */
export const PHASE_KINDS = {
  registration: 'registration',
  confirmation: 'confirmation',
  resubmission: 'resubmission',
  qualification_review: 'qualification_review',
  results_publication: 'results_publication',
  payment: 'payment',
  admission_ticket: 'admission_ticket',
  exam: 'exam',
} as const;

export type PhaseKind = (typeof PHASE_KINDS)[keyof typeof PHASE_KINDS];
export const PHASE_KIND_LIST = Object.values(PHASE_KINDS) as [PhaseKind, ...PhaseKind[]];

export const PHASE_LABELS: Record<PhaseKind, string> = {
  registration: '网上报名',
  confirmation: '报名确认',
  resubmission: '退回后重新提交',
  qualification_review: '资格审核',
  results_publication: '审核结果公布',
  payment: '网上缴费',
  admission_ticket: '准考证打印',
  exam: '考试',
};

export interface Phase {
  kind: PhaseKind;
  startsAt: Date;
  endsAt: Date;
}

/** A phase is open from its start instant (inclusive) to its end instant (exclusive). */
export function isPhaseOpen(phase: Pick<Phase, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return phase.startsAt.getTime() <= now.getTime() && now.getTime() < phase.endsAt.getTime();
}

/** Where `now` stands relative to a phase. */
export function phaseStatus(
  phase: Pick<Phase, 'startsAt' | 'endsAt'>,
  now: Date,
): 'upcoming' | 'open' | 'closed' {
  if (now.getTime() < phase.startsAt.getTime()) return 'upcoming';
  return isPhaseOpen(phase, now) ? 'open' : 'closed';
}

export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const shanghaiFormatter = new Intl.DateTimeFormat('zh-CN', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * Format the exclusive end of a period as people read deadlines: an end at Shanghai midnight is the
 * previous day's 24:00 (截至 12 月 14 日 24:00), any other end is shown as it is.
 */
export function formatShanghaiEnd(instant: Date): string {
  const text = formatShanghai(instant);
  if (!text.endsWith(' 00:00')) return text;
  return `${formatShanghai(new Date(instant.getTime() - 60_000)).slice(0, 10)} 24:00`;
}

/** Format an instant as Asia/Shanghai wall time, e.g. 2023-12-14 17:00. */
export function formatShanghai(instant: Date): string {
  const parts = Object.fromEntries(
    shanghaiFormatter.formatToParts(instant).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
