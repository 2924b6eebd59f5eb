import type { CatalogOverview } from '@hqe/core';
import { Empty } from 'antd';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { StatusTag } from '../../../components/status-tag';
import { formatInstant, formatPeriodEnd } from '../../../lib/format';
import { useCatalogOverview } from '../api/get-catalog-overview';
import { catalogMessages as m } from '../messages';
import { PHASE_STATUS } from './status';

type Cycle = CatalogOverview['exams'][number]['cycles'][number];
type Area = Cycle['areas'][number];

interface Props {
  /** Show only this area's calendar (staff of an area); all areas when absent. */
  areaId?: number | null;
  /** Put this area first (the portal's own area). */
  preferredAreaCode?: string;
  /** Heading level of each cycle/area block inside the surrounding section. */
  headingLevel?: 3 | 4;
}

function AreaCalendar({
  cycle,
  area,
  heading,
}: {
  cycle: Cycle;
  area: Area;
  heading: 'h3' | 'h4';
}) {
  const Heading = heading;
  const caption = m.calendarCaption(cycle.name, area.name);
  return (
    <section className="calendar-block" aria-label={caption}>
      <Heading className="calendar-heading">
        {cycle.name}
        <span className="calendar-area">{area.name}</span>
      </Heading>
      <p className="calendar-meta">
        {m.workYearsCutoff}：{cycle.workYearsCutoff}
      </p>
      {area.phases.length === 0 ? (
        <p className="calendar-meta">{m.noCalendarForArea}</p>
      ) : (
        <table className="calendar-table">
          <caption className="visually-hidden">{caption}</caption>
          <colgroup>
            <col className="col-phase" />
            <col />
            <col className="col-status" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{m.phaseColumn}</th>
              <th scope="col">{m.timeColumn}</th>
              <th scope="col">{m.statusColumn}</th>
            </tr>
          </thead>
          <tbody>
            {area.phases.map((phase) => {
              const status = PHASE_STATUS[phase.status];
              return (
                <tr key={phase.kind} className={phase.status === 'open' ? 'is-open' : undefined}>
                  <th scope="row">{phase.label}</th>
                  <td>
                    <span className="calendar-time">{formatInstant(phase.startsAt)}</span>
                    <span className="calendar-range-end">
                      {' '}
                      {m.until} {formatPeriodEnd(phase.endsAt)}
                    </span>
                  </td>
                  <td>
                    <StatusTag tone={status.tone}>{status.label}</StatusTag>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The calendar of every current cycle and area: each phase, its dates (Shanghai time), its status. */
export function PhaseCalendar({ areaId, preferredAreaCode, headingLevel = 3 }: Props) {
  const overview = useCatalogOverview();
  if (overview.isPending) return <Loading />;
  if (overview.isError) {
    return (
      <QueryError
        error={overview.error}
        title={m.calendarLoadFailed}
        onRetry={() => void overview.refetch()}
      />
    );
  }
  const blocks = overview.data.exams.flatMap((exam) =>
    exam.cycles.flatMap((cycle) =>
      cycle.areas
        .filter((area) => areaId === null || areaId === undefined || area.id === areaId)
        .sort((a, b) => Number(b.code === preferredAreaCode) - Number(a.code === preferredAreaCode))
        .map((area) => ({ key: `${cycle.id}-${area.id}`, cycle, area })),
    ),
  );
  if (blocks.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noCalendar} />;
  }
  return (
    <div className="calendar">
      {blocks.map(({ key, cycle, area }) => (
        <AreaCalendar
          key={key}
          cycle={cycle}
          area={area}
          heading={headingLevel === 3 ? 'h3' : 'h4'}
        />
      ))}
    </div>
  );
}
