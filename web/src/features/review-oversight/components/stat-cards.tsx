import { CONFIRMED_STATUSES, type ReviewDashboard } from '@hqe/core';
import { countOf, percentText, waitingText } from '../chart-data';
import { reviewOversightMessages as m } from '../messages';

interface Card {
  key: string;
  label: string;
  value: string;
  hint: string;
  tone?: 'warning';
}

/** The headline figures: totals, the two queues, confirmed, returned, the longest wait. */
export function StatCards({ data, now }: { data: ReviewDashboard; now: Date }) {
  const drafts = countOf(data.byStatus, ['draft']);
  const submitted = data.total - drafts;
  const confirmed = countOf(data.byStatus, CONFIRMED_STATUSES);
  const returned = countOf(data.byStatus, ['returned']);
  const [confirmation, qualification] = data.queues;
  const oldest = data.queues
    .flatMap((q) => (q.oldest ? [{ stage: q.label, ...q.oldest }] : []))
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))[0];
  const number = (n: number) => n.toLocaleString('zh-CN');

  const cards: Card[] = [
    { key: 'total', label: m.total, value: number(data.total), hint: m.totalHint(drafts) },
    ...[confirmation, qualification].flatMap((q) =>
      q
        ? [
            {
              key: q.stage,
              label: q.stage === 'confirmation' ? m.confirmationQueue : m.qualificationQueue,
              value: number(q.inQueue),
              hint: m.queueHint(q.waiting, q.claimed),
            },
          ]
        : [],
    ),
    {
      key: 'confirmed',
      label: m.confirmed,
      value: number(confirmed),
      hint: m.confirmedHint(percentText(confirmed, submitted)),
    },
    { key: 'returned', label: m.returned, value: number(returned), hint: m.returnedHint },
    oldest
      ? {
          key: 'oldest',
          label: m.oldest,
          value: waitingText(oldest.queuedAt, now),
          hint: m.oldestHint(oldest.stage, oldest.registrationNumber),
          tone: 'warning',
        }
      : { key: 'oldest', label: m.oldest, value: '—', hint: m.oldestNone },
  ];

  return (
    <ul className="ov-cards" aria-label={m.cardsLabel}>
      {cards.map((card) => (
        <li key={card.key} className={`ov-card${card.tone ? ` ov-card-${card.tone}` : ''}`}>
          <span className="ov-card-label">{card.label}</span>
          <span className="ov-card-value">{card.value}</span>
          <span className="ov-card-hint">{card.hint}</span>
        </li>
      ))}
    </ul>
  );
}
