import type { ReviewDashboard } from '@hqe/core';
import { useId } from 'react';
import { dailySeries, niceMax, shortDate, ticks } from '../chart-data';
import { reviewOversightMessages as m } from '../messages';

/** The three daily series, with colours of at least 3:1 against white (WCAG 1.4.11). */
const SERIES = [
  { key: 'submissions', color: '#1677ff' },
  { key: 'confirmations', color: '#389e0d' },
  { key: 'returns', color: '#d4380d' },
] as const;

const GROUP = 36;
const BAR = 9;
const LEFT = 44;
const TOP = 12;
const PLOT = 180;
const BOTTOM = 26;
/** At most this many days are drawn (the data table below has them too). */
const DAYS = 60;

/**
 * 每日办理量: grouped columns per Asia/Shanghai day (submissions, confirmations, returns) in an
 * SVG that scrolls sideways inside its own region when the days do not fit; the SVG carries a
 * summary as its text alternative, and every figure is in the data table under it.
 */
export function DailyChart({ perDay }: { perDay: ReviewDashboard['perDay'] }) {
  const id = useId();
  const series = dailySeries(perDay, DAYS);
  if (series.length === 0) return <p className="muted">{m.perDayEmpty}</p>;
  const max = niceMax(
    Math.max(...series.flatMap((d) => [d.submissions, d.confirmations, d.returns])),
  );
  const y = (value: number) => TOP + PLOT - (value / max) * PLOT;
  const width = LEFT + series.length * GROUP + 8;
  const height = TOP + PLOT + BOTTOM;
  const labelEvery = Math.ceil(series.length / 31);
  const sum = (key: (typeof SERIES)[number]['key']) => series.reduce((n, d) => n + d[key], 0);
  const summary = m.perDaySummary(
    series.length,
    sum('submissions'),
    sum('confirmations'),
    sum('returns'),
  );

  return (
    <div className="ov-daily">
      <p className="muted ov-chart-intro">{m.perDayIntro(series.length)}</p>
      <ul className="ov-legend" aria-label="图例">
        {SERIES.map((s) => (
          <li key={s.key}>
            <span className="ov-swatch" style={{ background: s.color }} aria-hidden="true" />
            {m.series[s.key]}
          </li>
        ))}
      </ul>
      <div className="ov-daily-scroll" role="region" aria-label={m.perDayScroll} tabIndex={0}>
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
        >
          <title id={`${id}-title`}>{m.perDayTitle}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          {ticks(max).map((t) => (
            <g key={t}>
              <line
                x1={LEFT}
                x2={width - 4}
                y1={y(t)}
                y2={y(t)}
                stroke={t === 0 ? '#8c8c8c' : '#e8e8e8'}
              />
              <text x={LEFT - 6} y={y(t) + 4} textAnchor="end" className="ov-axis">
                {t}
              </text>
            </g>
          ))}
          {series.map((day, i) => {
            const x0 = LEFT + i * GROUP + (GROUP - BAR * SERIES.length) / 2;
            return (
              <g key={day.date}>
                {SERIES.map((s, k) => {
                  const value = day[s.key];
                  return (
                    <rect
                      key={s.key}
                      x={x0 + k * BAR}
                      y={y(value)}
                      width={BAR - 1}
                      height={TOP + PLOT - y(value)}
                      fill={s.color}
                    >
                      <title>{`${day.date} ${m.series[s.key]} ${value}`}</title>
                    </rect>
                  );
                })}
                {i % labelEvery === 0 ? (
                  <text
                    x={LEFT + i * GROUP + GROUP / 2}
                    y={TOP + PLOT + 18}
                    textAnchor="middle"
                    className="ov-axis"
                  >
                    {shortDate(day.date)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      <details className="ov-data">
        <summary>{m.showTable}</summary>
        <div className="ov-data-scroll">
          <table className="ov-table">
            <caption className="visually-hidden">{m.perDayTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{m.date}</th>
                <th scope="col">{m.series.submissions}</th>
                <th scope="col">{m.series.confirmations}</th>
                <th scope="col">{m.autoConfirmations}</th>
                <th scope="col">{m.series.returns}</th>
                <th scope="col">{m.qualificationDecisions}</th>
              </tr>
            </thead>
            <tbody>
              {[...series].reverse().map((d) => (
                <tr key={d.date}>
                  <th scope="row">{d.date}</th>
                  <td>{d.submissions}</td>
                  <td>{d.confirmations}</td>
                  <td>{d.autoConfirmations}</td>
                  <td>{d.returns}</td>
                  <td>{d.qualificationDecisions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
