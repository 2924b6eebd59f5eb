import { barPercent } from '../chart-data';

export interface BarItem {
  key: string;
  label: string;
  value: number;
  /** A second figure shown after the value, e.g. 已确认 12. */
  note?: string;
}

/**
 * A horizontal bar chart drawn with CSS: each row reads as text (label, value, note) and the bar
 * only repeats the value visually (aria-hidden), so the list is its own text alternative. The
 * summary sentence is read before the list.
 */
export function BarList({
  items,
  summary,
  emptyText,
}: {
  items: readonly BarItem[];
  summary: string;
  emptyText: string;
}) {
  if (items.length === 0) return <p className="muted">{emptyText}</p>;
  // The longest bar is the largest value: every bar carries its figure as text.
  const max = Math.max(...items.map((i) => i.value));
  return (
    <figure className="ov-bars">
      <figcaption className="visually-hidden">{summary}</figcaption>
      <ul className="ov-bars-list">
        {items.map((item) => (
          <li key={item.key} className="ov-bar-row">
            <span className="ov-bar-label">{item.label}</span>
            <span className="ov-bar-track" aria-hidden="true">
              <span className="ov-bar-fill" style={{ width: `${barPercent(item.value, max)}%` }} />
            </span>
            <span className="ov-bar-value">
              {item.value.toLocaleString('zh-CN')}
              {item.note ? <span className="ov-bar-note">{item.note}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
