import type { ReviewRegistration } from '@hqe/core';
import { Timeline } from 'antd';
import { formatInstant } from '../../../lib/format';
import { reviewMessages as m } from '../messages';

/** 办理记录: every step of the registration, newest first, with the staff member's name. */
export function ReviewTimeline({ entries }: { entries: ReviewRegistration['timeline'] }) {
  if (entries.length === 0) return <p>{m.timelineEmpty}</p>;
  return (
    <Timeline
      className="rv-timeline"
      items={[...entries].reverse().map((e) => ({
        key: e.id,
        content: (
          <div>
            <div>
              <strong>{e.label}</strong>{' '}
              <span className="muted">
                {e.actorName ? `${e.actorLabel} ${e.actorName}` : e.actorLabel}
              </span>
            </div>
            <div className="muted">
              <time dateTime={e.occurredAt}>{formatInstant(e.occurredAt)}</time>
            </div>
            {e.reasons.length > 0 && (
              <ul className="rv-reason-lines">
                {e.reasons.map((r) => (
                  <li key={r.code}>
                    <strong>{r.label}</strong>
                    {r.explanation ? `：${r.explanation}` : ''}
                  </li>
                ))}
              </ul>
            )}
            {e.note && <p className="rv-note">{e.note}</p>}
          </div>
        ),
      }))}
    />
  );
}
