import type { RegistrationView } from '@hqe/core';
import { Timeline } from 'antd';
import { formatInstant } from '../../../lib/format';
import { onlineRegistrationMessages as m } from '../messages';

/** 办理记录: what happened to the registration, newest first, in Shanghai time. */
export function RegistrationTimeline({ view }: { view: RegistrationView }) {
  if (view.timeline.length === 0) return <p>{m.timelineEmpty}</p>;
  const entries = [...view.timeline].reverse();
  return (
    <Timeline
      className="or-timeline"
      items={entries.map((e) => ({
        key: e.id,
        content: (
          <div>
            <div className="or-timeline-head">
              <strong>{e.label}</strong> <span className="or-muted">{e.actorLabel}</span>
            </div>
            <div className="or-muted">
              <time dateTime={e.occurredAt}>{formatInstant(e.occurredAt)}</time>
            </div>
            {e.reasons.length > 0 && (
              <ul className="or-reasons">
                {e.reasons.map((r) => (
                  <li key={r.code}>
                    {r.label}
                    {r.explanation ? `：${r.explanation}` : ''}
                  </li>
                ))}
              </ul>
            )}
            {e.note && <p className="or-timeline-note">{e.note}</p>}
          </div>
        ),
      }))}
    />
  );
}
