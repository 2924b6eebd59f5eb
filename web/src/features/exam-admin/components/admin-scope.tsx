import type { AccountView, CycleView } from '@hqe/core';
import { Alert, Flex, Form, Select } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import type { ExamAreaRef } from '../../../lib/types';
import { useCycles } from '../api/list-cycles';
import { examAdminMessages as m } from '../messages';

export interface CycleArea {
  cycle: CycleView;
  area: ExamAreaRef;
}

interface BaseProps {
  actor: AccountView;
  /** Every exam area (platform admins pick one); area admins always work on their own. */
  areas: ExamAreaRef[];
  /** True while the areas are still loading (platform admins). */
  areasPending?: boolean;
}

/** A number from the query string, or null. */
function numberParam(params: URLSearchParams, name: string): number | null {
  const value = Number(params.get(name));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * The area the page works on, kept in the query string (`?area=`) so a reload or a shared link
 * keeps it: a platform admin's choice (first area by default), an area admin's own area.
 */
function useAreaChoice({ actor, areas }: BaseProps) {
  const [params, setParams] = useSearchParams();
  const isPlatformAdmin = actor.roles.includes('platform_admin');
  const wanted = numberParam(params, 'area');
  const area: ExamAreaRef | null = isPlatformAdmin
    ? (areas.find((a) => a.id === wanted) ?? areas[0] ?? null)
    : actor.examArea;
  const setArea = (id: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('area', String(id));
        return next;
      },
      { replace: true },
    );
  return { area, setArea, isPlatformAdmin, params, setParams };
}

function AreaField({
  isPlatformAdmin,
  area,
  areas,
  onChange,
}: {
  isPlatformAdmin: boolean;
  area: ExamAreaRef;
  areas: ExamAreaRef[];
  onChange: (id: number) => void;
}) {
  if (!isPlatformAdmin) {
    return (
      <Form.Item label={m.areaLabel} extra={m.areaFixedHint}>
        <div className="readonly-field">{area.name}</div>
      </Form.Item>
    );
  }
  return (
    <Form.Item label={m.areaLabel} htmlFor="scope-area">
      <Select<number>
        id="scope-area"
        className="scope-select"
        value={area.id}
        options={areas.map((a) => ({ value: a.id, label: a.name }))}
        onChange={onChange}
        showSearch={{ optionFilterProp: 'label' }}
      />
    </Form.Item>
  );
}

function MissingArea({ isPlatformAdmin, pending }: { isPlatformAdmin: boolean; pending: boolean }) {
  if (pending) return <Loading />;
  return (
    <Alert
      type="warning"
      showIcon
      title={isPlatformAdmin ? m.noAreas : m.noArea}
      className="page-alert"
    />
  );
}

/** Picks the exam area (platform admins) and passes it on; for pages that need no cycle. */
export function AreaScope(props: BaseProps & { children: (area: ExamAreaRef) => ReactNode }) {
  const { area, setArea, isPlatformAdmin } = useAreaChoice(props);
  if (!area) {
    return <MissingArea isPlatformAdmin={isPlatformAdmin} pending={props.areasPending === true} />;
  }
  return (
    <>
      <Form
        layout="inline"
        className="scope-bar"
        role="group"
        aria-label={m.scopeLabel}
        component="div"
      >
        <AreaField
          isPlatformAdmin={isPlatformAdmin}
          area={area}
          areas={props.areas}
          onChange={setArea}
        />
      </Form>
      {props.children(area)}
    </>
  );
}

/**
 * Picks the exam cycle (newest by default) and the area, both kept in the query string
 * (`?cycle=&area=`), and passes them on.
 */
export function CycleAreaScope(props: BaseProps & { children: (scope: CycleArea) => ReactNode }) {
  const { area, setArea, isPlatformAdmin, params, setParams } = useAreaChoice(props);
  const cycles = useCycles();
  if (cycles.isPending) return <Loading />;
  if (cycles.isError) {
    return (
      <QueryError
        error={cycles.error}
        title={m.cyclesLoadFailed}
        onRetry={() => void cycles.refetch()}
      />
    );
  }
  const list = cycles.data.items;
  if (list.length === 0) {
    return <Alert type="warning" showIcon title={m.noCycles} className="page-alert" />;
  }
  if (!area) {
    return <MissingArea isPlatformAdmin={isPlatformAdmin} pending={props.areasPending === true} />;
  }
  const wanted = numberParam(params, 'cycle');
  const cycle = list.find((c) => c.id === wanted) ?? list[0];
  if (!cycle) return null;
  const setCycle = (id: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('cycle', String(id));
        return next;
      },
      { replace: true },
    );
  return (
    <>
      <Form
        layout="inline"
        className="scope-bar"
        role="group"
        aria-label={m.scopeLabel}
        component="div"
      >
        <Flex gap={16} wrap className="scope-fields">
          <Form.Item label={m.cycleLabel} htmlFor="scope-cycle">
            <Select<number>
              id="scope-cycle"
              className="scope-select scope-select-cycle"
              value={cycle.id}
              options={list.map((c) => ({ value: c.id, label: c.name }))}
              onChange={setCycle}
            />
          </Form.Item>
          <AreaField
            isPlatformAdmin={isPlatformAdmin}
            area={area}
            areas={props.areas}
            onChange={setArea}
          />
        </Flex>
      </Form>
      {props.children({ cycle, area })}
    </>
  );
}
