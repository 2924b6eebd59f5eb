import type { Tone } from '../../../components/status-tag';

export type PhaseStatus = 'upcoming' | 'open' | 'closed';

/** Label and colour of a phase status. */
export const PHASE_STATUS: Record<PhaseStatus, { label: string; tone: Tone }> = {
  open: { label: '进行中', tone: 'success' },
  upcoming: { label: '未开始', tone: 'info' },
  closed: { label: '已结束', tone: 'neutral' },
};
