import {
  ELIGIBILITY_LABELS,
  ELIGIBILITY_LEVELS,
  REGISTRATION_STATUS_LABELS,
  type EligibilityLevel,
  type RegistrationStatus,
} from '@hqe/core';
import { FilterOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Flex, Form, Grid, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { useAreaCities, useAreaSpecialties, useAreaTestSites } from '../api/lookups';
import { activeFilterCount, type QueueState } from '../filters';
import { reviewMessages as m } from '../messages';
import { STAGE_STATUSES } from '../stages';

interface Props {
  areaCode: string;
  cycleId: number | null;
  state: QueueState;
  onChange: (patch: Partial<QueueState>) => void;
  onClear: () => void;
}

type Returning = 'yes' | 'no';

/**
 * The queue's filters. Each change applies at once and is written into the page address; on a
 * phone they fold away behind 「更多筛选」 so the list stays in view.
 */
export function QueueFilters({ areaCode, cycleId, state, onChange, onClear }: Props) {
  const wide = Grid.useBreakpoint().md === true;
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const cities = useAreaCities(areaCode);
  const specialties = useAreaSpecialties(cycleId, areaCode);
  const testSites = useAreaTestSites(areaCode);
  const count = activeFilterCount({ ...state, q: undefined });
  const statuses = STAGE_STATUSES[state.stage];
  const showPanel = wide || open;
  const id = (name: string) => `rv-filter-${name}`;

  const range: [Dayjs | null, Dayjs | null] | null =
    state.submittedFrom || state.submittedTo
      ? [
          state.submittedFrom ? dayjs(state.submittedFrom) : null,
          state.submittedTo ? dayjs(state.submittedTo) : null,
        ]
      : null;

  return (
    <section className="rv-filters" aria-label={m.filtersLabel}>
      {!wide && (
        <Flex gap={8} align="center" wrap>
          <Button
            icon={<FilterOutlined aria-hidden />}
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((v) => !v)}
          >
            {open ? m.fewerFilters : m.moreFilters}
          </Button>
          {count > 0 && <span className="muted">{m.activeFilters(count)}</span>}
        </Flex>
      )}
      <div id={panelId} hidden={!showPanel}>
        <Form layout="vertical" component="div" className="rv-filter-grid">
          <Form.Item label={m.statusLabel} htmlFor={id('status')}>
            <Select<RegistrationStatus>
              id={id('status')}
              allowClear
              placeholder={m.statusDefault(REGISTRATION_STATUS_LABELS[statuses[0] ?? 'submitted'])}
              value={state.status}
              options={statuses.map((s) => ({ value: s, label: REGISTRATION_STATUS_LABELS[s] }))}
              onChange={(status: RegistrationStatus | undefined) => onChange({ status })}
            />
          </Form.Item>
          <Form.Item label={m.specialtyLabel} htmlFor={id('specialty')}>
            <Select<string>
              id={id('specialty')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={m.specialtyPlaceholder}
              loading={specialties.isPending && cycleId !== null}
              value={state.specialtyCode}
              options={(specialties.data?.items ?? []).map((s) => ({
                value: s.code,
                label: `${s.code} ${s.name}`,
              }))}
              onChange={(specialtyCode: string | undefined) => onChange({ specialtyCode })}
            />
          </Form.Item>
          <Form.Item label={m.levelLabel} htmlFor={id('level')}>
            <Select<EligibilityLevel>
              id={id('level')}
              allowClear
              placeholder={m.levelPlaceholder}
              value={state.level}
              options={ELIGIBILITY_LEVELS.map((l) => ({
                value: l,
                label: ELIGIBILITY_LABELS.level[l],
              }))}
              onChange={(level: EligibilityLevel | undefined) => onChange({ level })}
            />
          </Form.Item>
          <Form.Item label={m.cityLabel} htmlFor={id('city')}>
            <Select<number>
              id={id('city')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={m.cityPlaceholder}
              loading={cities.isPending}
              value={state.cityId}
              options={(cities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              onChange={(cityId: number | undefined) => onChange({ cityId })}
            />
          </Form.Item>
          {testSites.isSuccess && (
            <Form.Item label={m.testSiteLabel} htmlFor={id('site')}>
              <Select<number>
                id={id('site')}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={m.testSitePlaceholder}
                value={state.testSiteId}
                options={testSites.data.items.map((s) => ({
                  value: s.id,
                  label: `${s.code} ${s.name}`,
                }))}
                onChange={(testSiteId: number | undefined) => onChange({ testSiteId })}
              />
            </Form.Item>
          )}
          <Form.Item label={m.returningLabel} htmlFor={id('returning')}>
            <Select<Returning>
              id={id('returning')}
              allowClear
              placeholder={m.returningPlaceholder}
              value={state.returning === undefined ? undefined : state.returning ? 'yes' : 'no'}
              options={[
                { value: 'yes', label: m.returningYes },
                { value: 'no', label: m.returningNo },
              ]}
              onChange={(v: Returning | undefined) =>
                onChange({ returning: v === undefined ? undefined : v === 'yes' })
              }
            />
          </Form.Item>
          <Form.Item label={m.submittedLabel} htmlFor={id('from')}>
            <DatePicker.RangePicker
              id={{ start: id('from'), end: id('to') }}
              className="rv-range"
              allowEmpty={[true, true]}
              placeholder={[m.submittedFrom, m.submittedTo]}
              value={range}
              onChange={(dates) =>
                onChange({
                  submittedFrom: dates?.[0]?.format('YYYY-MM-DD'),
                  submittedTo: dates?.[1]?.format('YYYY-MM-DD'),
                })
              }
            />
          </Form.Item>
          <Form.Item label={m.autoFailedGroup} className="rv-filter-check">
            <Checkbox
              checked={state.autoFailed === true}
              onChange={(e) => onChange({ autoFailed: e.target.checked ? true : undefined })}
            >
              {m.autoFailedLabel}
            </Checkbox>
          </Form.Item>
        </Form>
        {count > 0 && (
          <Flex gap={8} align="center" wrap className="rv-filter-summary">
            <span className="muted">{m.activeFilters(count)}</span>
            <Button onClick={onClear}>{m.clearFilters}</Button>
          </Flex>
        )}
        {(cities.isError || specialties.isError) && (
          <p className="muted" role="status">
            {m.filterOptionsFailed}
          </p>
        )}
      </div>
    </section>
  );
}
