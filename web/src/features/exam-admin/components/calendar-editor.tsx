import {
  checkCalendarPhases,
  PHASE_KIND_LIST,
  PHASE_LABELS,
  type AreaCalendar,
  type CalendarPhaseInput,
  type PhaseKind,
} from '@hqe/core';
import { Alert, App, Button, Checkbox, DatePicker, Flex, Form, Input, type FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormErrorAlert } from '../../../components/form-modal';
import { Loading } from '../../../components/loading';
import { QueryError } from '../../../components/query-error';
import { StatusTag, type Tone } from '../../../components/status-tag';
import { errorMessageOf } from '../../../lib/api-client';
import { formatPeriodEnd } from '../../../lib/format';
import { useCalendar } from '../api/get-calendar';
import { usePutCalendar } from '../api/put-calendar';
import { issuesOf } from '../issues';
import { examAdminMessages as m } from '../messages';
import {
  END_TIME_PATTERN,
  endInstantOf,
  fromBeijingWallTime,
  lastDayOf,
  normalizeEndTime,
  toBeijingWallTime,
} from '../shanghai-time';
import type { CycleArea } from './admin-scope';

interface PhaseValues {
  enabled?: boolean;
  startsAt?: Dayjs | null;
  lastDay?: Dayjs | null;
  endTime?: string;
}
interface Values {
  phases?: Partial<Record<PhaseKind, PhaseValues>>;
}
type FieldKey = 'enabled' | 'startsAt' | 'lastDay' | 'endTime';

const STATUS: Record<AreaCalendar['phases'][number]['status'], { label: string; tone: Tone }> = {
  open: { label: '进行中', tone: 'success' },
  upcoming: { label: '未开始', tone: 'info' },
  closed: { label: '已结束', tone: 'neutral' },
};

const path = (kind: PhaseKind, key: FieldKey) =>
  ['phases', kind, key] as ['phases', PhaseKind, FieldKey];
const ALL_FIELDS = PHASE_KIND_LIST.flatMap((kind) =>
  (['enabled', 'startsAt', 'lastDay', 'endTime'] as const).map((key) => path(kind, key)),
);

/** The form values of a saved calendar: each phase set, or unticked with 24:00 ready. */
function valuesOf(calendar: AreaCalendar): Values {
  const phases: Partial<Record<PhaseKind, PhaseValues>> = {};
  for (const kind of PHASE_KIND_LIST) {
    const saved = calendar.phases.find((p) => p.kind === kind);
    if (!saved) {
      phases[kind] = { enabled: false, startsAt: null, lastDay: null, endTime: '24:00' };
      continue;
    }
    const end = lastDayOf(saved.endsAt);
    phases[kind] = {
      enabled: true,
      startsAt: toBeijingWallTime(saved.startsAt),
      lastDay: end.lastDay,
      endTime: end.time,
    };
  }
  return { phases };
}

/** The exclusive end instant of a phase as typed, or null while it is incomplete. */
function endOf(phase: PhaseValues | undefined): string | null {
  if (!phase?.lastDay) return null;
  const time = normalizeEndTime(phase.endTime ?? '');
  return END_TIME_PATTERN.test(time) ? endInstantOf(phase.lastDay, time) : null;
}

/** The phases ticked and completely filled in, in the calendar's order, as the API takes them. */
function completePhases(
  values: Values,
): (CalendarPhaseInput & { startsAt: string; endsAt: string })[] {
  const out: (CalendarPhaseInput & { startsAt: string; endsAt: string })[] = [];
  for (const kind of PHASE_KIND_LIST) {
    const phase = values.phases?.[kind];
    const endsAt = endOf(phase);
    if (!phase?.enabled || !phase.startsAt || endsAt === null) continue;
    out.push({ kind, startsAt: fromBeijingWallTime(phase.startsAt), endsAt });
  }
  return out;
}

/** The field of the form where an issue about a phase's start, end or kind is shown. */
function fieldOfEdge(edge: string | number | undefined): FieldKey {
  return edge === 'endsAt' ? 'lastDay' : 'startsAt';
}

/**
 * A field's rule: required while the phase is ticked, then the calendar's own checks from core
 * (`checkCalendarPhases`: end after start, the order rules) for the issues that point here.
 */
function phaseRule(kind: PhaseKind, key: 'startsAt' | 'lastDay'): FormRule {
  return ({ getFieldsValue }) => ({
    validator: async () => {
      const values = getFieldsValue(true) as Values;
      const phase = values.phases?.[kind];
      if (!phase?.enabled) return;
      if (key === 'startsAt' && !phase.startsAt) throw new Error(m.startsAtRequired);
      if (key === 'lastDay' && !phase.lastDay) throw new Error(m.endDateRequired);
      const phases = completePhases(values);
      const messages = checkCalendarPhases(phases)
        .filter((issue) => {
          const [index, edge] = issue.path;
          return (
            typeof index === 'number' && phases[index]?.kind === kind && fieldOfEdge(edge) === key
          );
        })
        .map((issue) => issue.message);
      if (messages.length > 0) throw new Error(messages.join(' '));
    },
  });
}

const endTimeRule: FormRule = {
  validator: async (_rule, value: unknown) => {
    const text = typeof value === 'string' ? normalizeEndTime(value) : '';
    if (text === '') throw new Error(m.endTimeRequired);
    if (!END_TIME_PATTERN.test(text)) throw new Error(m.endTimeInvalid);
  },
};

function PhaseFieldset({
  kind,
  status,
  phase,
}: {
  kind: PhaseKind;
  status: AreaCalendar['phases'][number]['status'] | null;
  phase: PhaseValues | undefined;
}) {
  const enabled = phase?.enabled === true;
  const end = endOf(phase);
  const others = ALL_FIELDS.filter((p) => p[1] !== kind || p[2] === 'enabled');
  const label = PHASE_LABELS[kind];
  const legendId = `phase-${kind}-legend`;
  return (
    <fieldset
      className={enabled ? 'phase-row' : 'phase-row is-off'}
      aria-labelledby={legendId}
      data-phase={kind}
    >
      <Flex className="phase-head" gap={8} align="center" wrap>
        <h2 id={legendId} className="phase-legend">
          {label}
        </h2>
        {status ? (
          <StatusTag tone={STATUS[status].tone}>{STATUS[status].label}</StatusTag>
        ) : (
          <StatusTag tone="neutral">{m.phaseNotSet}</StatusTag>
        )}
        <Form.Item name={path(kind, 'enabled')} valuePropName="checked" noStyle>
          <Checkbox className="phase-toggle">{m.phaseEnabled}</Checkbox>
        </Form.Item>
      </Flex>
      <div className="phase-fields">
        <Form.Item
          name={path(kind, 'startsAt')}
          label={m.startsAtLabel}
          dependencies={others}
          rules={[phaseRule(kind, 'startsAt')]}
          className="phase-field-start"
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={m.startsAtPlaceholder}
            disabled={!enabled}
            className="phase-picker"
          />
        </Form.Item>
        <Form.Item
          name={path(kind, 'lastDay')}
          label={m.endDateLabel}
          dependencies={others}
          rules={[phaseRule(kind, 'lastDay')]}
          className="phase-field-end"
        >
          <DatePicker
            format="YYYY-MM-DD"
            placeholder={m.endDatePlaceholder}
            disabled={!enabled}
            className="phase-picker"
          />
        </Form.Item>
        <Form.Item
          name={path(kind, 'endTime')}
          label={m.endTimeLabel}
          rules={enabled ? [endTimeRule] : []}
          normalize={(value: string) => value.replace(/\s/g, '')}
          className="phase-field-time"
        >
          <Input
            placeholder={m.endTimePlaceholder}
            disabled={!enabled}
            inputMode="numeric"
            maxLength={5}
            autoComplete="off"
          />
        </Form.Item>
      </div>
      {enabled && end !== null && (
        <p className="phase-readout" aria-live="polite">
          {m.endsAtReadout(formatPeriodEnd(end))}
        </p>
      )}
    </fieldset>
  );
}

function CalendarForm({ scope, calendar }: { scope: CycleArea; calendar: AreaCalendar }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = usePutCalendar();
  const [formError, setFormError] = useState<string | null>(null);
  const [invalidCount, setInvalidCount] = useState(0);
  const watched = Form.useWatch('phases', form);
  const initial = valuesOf(calendar);

  const submit = (values: Values) => {
    setFormError(null);
    setInvalidCount(0);
    const phases = completePhases(values);
    mutation.mutate(
      { cycleId: scope.cycle.id, examAreaId: scope.area.id, phases },
      {
        onSuccess: (saved) => {
          form.setFieldsValue(valuesOf(saved));
          void message.success(m.calendarSaved);
        },
        onError: (error) => {
          const mapped: { name: ['phases', PhaseKind, FieldKey]; errors: string[] }[] = [];
          const rest: string[] = [];
          for (const issue of issuesOf(error)) {
            const [root, index, edge] = issue.path;
            const kind = root === 'phases' ? phases[Number(index)]?.kind : undefined;
            if (kind) mapped.push({ name: path(kind, fieldOfEdge(edge)), errors: [issue.message] });
            else rest.push(issue.message);
          }
          if (mapped.length > 0) {
            form.setFields(mapped as unknown as Parameters<typeof form.setFields>[0]);
            setInvalidCount(mapped.length);
          }
          if (mapped.length === 0 || rest.length > 0) setFormError(errorMessageOf(error));
        },
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      name="calendar"
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      onFinishFailed={({ errorFields }) => setInvalidCount(errorFields.length)}
      onValuesChange={() => setFormError(null)}
      onKeyDown={(event) => {
        // Enter confirms a date typed into a picker; it must not also save the whole calendar.
        if (event.key === 'Enter' && (event.target as HTMLElement).closest('.ant-picker')) {
          event.preventDefault();
        }
      }}
      scrollToFirstError={{ focus: true, block: 'center' }}
      aria-label={m.calendarFormLabel(scope.cycle.name, scope.area.name)}
      className="calendar-form"
    >
      <Alert
        className="form-alert calendar-hint"
        type="info"
        showIcon
        title={m.calendarHintTitle}
        description={
          <ul className="hint-list">
            {m.calendarHint.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        }
      />
      <FormErrorAlert title={m.calendarSaveFailedTitle} error={formError} />
      {invalidCount > 0 && (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          role="alert"
          title={m.calendarInvalidTitle}
          description={m.calendarInvalidHint(invalidCount)}
        />
      )}
      <div className="phase-list">
        {PHASE_KIND_LIST.map((kind) => (
          <PhaseFieldset
            key={kind}
            kind={kind}
            status={calendar.phases.find((p) => p.kind === kind)?.status ?? null}
            phase={watched?.[kind] ?? initial.phases?.[kind]}
          />
        ))}
      </div>
      <Flex gap={12} wrap className="form-actions">
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {m.saveCalendar}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            setFormError(null);
            setInvalidCount(0);
          }}
        >
          {m.resetCalendar}
        </Button>
      </Flex>
    </Form>
  );
}

/** 考试日程: every phase of an area's calendar for a cycle, edited and saved as one whole. */
export function CalendarEditor({ scope }: { scope: CycleArea }) {
  const calendar = useCalendar({ cycleId: scope.cycle.id, examAreaId: scope.area.id });
  if (calendar.isPending) return <Loading />;
  if (calendar.isError) {
    return (
      <QueryError
        error={calendar.error}
        title={m.calendarLoadFailed}
        onRetry={() => void calendar.refetch()}
      />
    );
  }
  return (
    <CalendarForm
      key={`${scope.cycle.id}-${scope.area.id}`}
      scope={scope}
      calendar={calendar.data}
    />
  );
}
