import { ReloadOutlined } from '@ant-design/icons';
import type { AccountView, ReviewDashboard } from '@hqe/core';
import { Alert, Button, Flex, Form, Select } from 'antd';
import { useSearchParams } from 'react-router';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { SectionCard } from '../../../components/section-card';
import { formatInstant } from '../../../lib/format';
import type { ExamAreaRef } from '../../../lib/types';
import { useCatalogOverview, useReviewDashboard } from '../api/dashboard';
import { cyclesOfArea, type CycleChoice } from '../chart-data';
import { reviewOversightMessages as m } from '../messages';
import { BarList } from './bar-list';
import { CityTable, ReviewerTable, SpecialtyTable } from './breakdown-tables';
import { DailyChart } from './daily-chart';
import { ExportPanel } from './export-panel';
import { StatCards } from './stat-cards';

/** A positive integer from the query string, or null. */
function numberParam(params: URLSearchParams, name: string): number | null {
  const value = Number(params.get(name));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * 审核统计: the exam area (a platform administrator's choice, kept in `?area=`; everyone else's
 * own) and the cycle (`?cycle=`, newest by default), then the figures, the charts, the tables and
 * the export.
 */
export function ReviewDashboardView({
  account,
  areas,
  areasPending,
}: {
  account: AccountView;
  /** Every exam area, for a platform administrator to pick from. */
  areas: ExamAreaRef[];
  areasPending: boolean;
}) {
  const [params, setParams] = useSearchParams();
  const isPlatformAdmin = account.roles.includes('platform_admin');
  const overview = useCatalogOverview();
  const wantedArea = numberParam(params, 'area');
  const area: ExamAreaRef | null = isPlatformAdmin
    ? (areas.find((a) => a.id === wantedArea) ?? areas[0] ?? null)
    : account.examArea;
  const set = (name: string, id: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(name, String(id));
        return next;
      },
      { replace: true },
    );

  if (!area) {
    if (areasPending) return <Loading />;
    return (
      <Alert
        type="info"
        showIcon
        title={isPlatformAdmin ? m.noAreas : m.noArea}
        className="page-alert"
      />
    );
  }
  if (overview.isPending) return <Loading />;
  if (overview.isError) {
    return (
      <QueryError
        error={overview.error}
        title={m.cyclesLoadFailed}
        onRetry={() => void overview.refetch()}
      />
    );
  }
  const cycles = cyclesOfArea(overview.data, area.id);
  const wantedCycle = numberParam(params, 'cycle');
  const cycle = cycles.find((c) => c.id === wantedCycle) ?? cycles[0] ?? null;

  return (
    <div className="stack ov-page">
      <ScopeBar
        isPlatformAdmin={isPlatformAdmin}
        area={area}
        areas={areas}
        cycles={cycles}
        cycle={cycle}
        onArea={(id) => set('area', id)}
        onCycle={(id) => set('cycle', id)}
      />
      {cycle ? (
        <DashboardBody
          cycleId={cycle.id}
          examAreaId={isPlatformAdmin ? area.id : null}
          masked={!isPlatformAdmin && !account.roles.includes('area_admin')}
        />
      ) : (
        <Alert type="info" showIcon title={m.noCycles} className="page-alert" />
      )}
    </div>
  );
}

function ScopeBar({
  isPlatformAdmin,
  area,
  areas,
  cycles,
  cycle,
  onArea,
  onCycle,
}: {
  isPlatformAdmin: boolean;
  area: ExamAreaRef;
  areas: ExamAreaRef[];
  cycles: CycleChoice[];
  cycle: CycleChoice | null;
  onArea: (id: number) => void;
  onCycle: (id: number) => void;
}) {
  return (
    <Form
      layout="inline"
      className="scope-bar ov-scope"
      role="group"
      aria-label={m.scopeLabel}
      component="div"
    >
      <Flex gap={16} wrap className="scope-fields">
        {cycle ? (
          <Form.Item label={m.cycleLabel} htmlFor="ov-cycle">
            <Select<number>
              id="ov-cycle"
              className="scope-select scope-select-cycle"
              value={cycle.id}
              options={cycles.map((c) => ({ value: c.id, label: c.name }))}
              onChange={onCycle}
            />
          </Form.Item>
        ) : null}
        {isPlatformAdmin ? (
          <Form.Item label={m.areaLabel} htmlFor="ov-area">
            <Select<number>
              id="ov-area"
              className="scope-select"
              value={area.id}
              options={areas.map((a) => ({ value: a.id, label: a.name }))}
              onChange={onArea}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        ) : (
          <Form.Item label={m.areaLabel} extra={m.areaFixedHint}>
            <div className="readonly-field">{area.name}</div>
          </Form.Item>
        )}
      </Flex>
    </Form>
  );
}

function DashboardBody({
  cycleId,
  examAreaId,
  masked,
}: {
  cycleId: number;
  examAreaId: number | null;
  masked: boolean;
}) {
  const dashboard = useReviewDashboard(cycleId, examAreaId);
  if (dashboard.isPending) return <Loading />;
  if (dashboard.isError) {
    return (
      <QueryError
        error={dashboard.error}
        title={m.loadFailed}
        onRetry={() => void dashboard.refetch()}
      />
    );
  }
  const data = dashboard.data;
  return (
    <>
      <Flex justify="space-between" align="center" gap={8} wrap className="ov-updated">
        <span className="muted">{m.updatedAt(formatInstant(data.generatedAt))}</span>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void dashboard.refetch()}
          loading={dashboard.isFetching}
        >
          {m.refresh}
        </Button>
      </Flex>
      <StatCards data={data} now={new Date(data.generatedAt)} />
      <div className="ov-grid">
        <SectionCard title={m.byStatusTitle}>
          <StatusBars data={data} />
        </SectionCard>
        <SectionCard title={m.byCityTitle}>
          <CityBars data={data} />
        </SectionCard>
      </div>
      <SectionCard title={m.perDayTitle}>
        <DailyChart perDay={data.perDay} />
      </SectionCard>
      <SectionCard title={m.bySpecialtyTitle}>
        <p className="muted">{m.bySpecialtyIntro}</p>
        <SpecialtyTable rows={data.bySpecialty} />
      </SectionCard>
      <SectionCard title={m.reviewersTitle}>
        <p className="muted">{m.reviewersIntro}</p>
        <ReviewerTable rows={data.reviewers} />
      </SectionCard>
      <SectionCard title={m.exportTitle}>
        <ExportPanel data={data} cycleId={cycleId} examAreaId={examAreaId} masked={masked} />
      </SectionCard>
    </>
  );
}

function StatusBars({ data }: { data: ReviewDashboard }) {
  const items = data.byStatus.map((s) => ({ key: s.status, label: s.label, value: s.count }));
  return (
    <BarList
      items={items}
      summary={m.byStatusSummary(items.map((i) => `${i.label} ${i.value} 条`).join('，'))}
      emptyText={m.noSpecialties}
    />
  );
}

function CityBars({ data }: { data: ReviewDashboard }) {
  const items = data.byCity.map((c) => ({
    key: String(c.cityId ?? 'none'),
    label: c.active ? c.name : `${c.name}${m.cityInactive}`,
    value: c.count,
    note: `${m.confirmedCount} ${c.confirmed}`,
  }));
  return (
    <>
      <BarList
        items={items}
        summary={m.byCitySummary(items.map((i) => `${i.label} ${i.value} 条`).join('，'))}
        emptyText={m.noSpecialties}
      />
      <details className="ov-data">
        <summary>{m.showTable}</summary>
        <CityTable rows={data.byCity} />
      </details>
    </>
  );
}
