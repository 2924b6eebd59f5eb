import {
  DEFAULT_PRACTICE_REQUIREMENTS,
  ELIGIBILITY_LABELS,
  ELIGIBILITY_LEVELS,
  practiceRequirementFor,
} from '@hqe/core';
import { Alert, Checkbox, Form, Select } from 'antd';
import { SectionCard } from '../../../components/section-card';
import { QueryError } from '../../../components/query-error';
import { SITE } from '../../../lib/site';
import { useEligibilitySpecialties } from '../api/get-eligibility-specialties';
import type { SelfCheckValues } from '../form-values';
import { eligibilityMessages as m } from '../messages';

export interface CycleOption {
  id: number;
  name: string;
  workYearsCutoff: string;
}

/** Step 1: the cycle and the specialty (code, name, level), searchable. */
export function SpecialtySection({
  cycles,
  examAreaCode,
}: {
  cycles: readonly CycleOption[];
  examAreaCode: string;
}) {
  const form = Form.useFormInstance<SelfCheckValues>();
  const cycleId = Form.useWatch('cycleId', form);
  const specialtyCode = Form.useWatch('specialtyCode', form);
  const specialties = useEligibilitySpecialties(cycleId, examAreaCode);
  const cycle = cycles.find((c) => c.id === cycleId);
  const items = specialties.data?.items ?? [];
  const options = ELIGIBILITY_LEVELS.map((level) => ({
    label: ELIGIBILITY_LABELS.level[level],
    title: ELIGIBILITY_LABELS.level[level],
    options: items
      .filter((s) => s.level === level)
      .map((s) => ({
        value: s.code,
        label: `${s.code} ${s.name}（${ELIGIBILITY_LABELS.level[level]}）`,
      })),
  })).filter((group) => group.options.length > 0);
  const practice = specialtyCode
    ? practiceRequirementFor(specialtyCode, DEFAULT_PRACTICE_REQUIREMENTS)
    : undefined;

  return (
    <SectionCard title={m.stepSpecialty}>
      <p className="sc-intro">{m.area(SITE.areaName)}</p>
      <Form.Item
        name="cycleId"
        label={m.cycleLabel}
        rules={[{ required: true, message: m.cycleRequired }]}
        extra={cycle ? m.cutoff(cycle.workYearsCutoff) : undefined}
      >
        <Select<number>
          options={cycles.map((c) => ({ value: c.id, label: c.name }))}
          onChange={() => form.setFieldValue('specialtyCode', undefined)}
        />
      </Form.Item>
      {specialties.isError && (
        <QueryError
          error={specialties.error}
          title={m.specialtiesLoadFailed}
          onRetry={() => void specialties.refetch()}
        />
      )}
      <Form.Item
        name="specialtyCode"
        label={m.specialtyLabel}
        rules={[{ required: true, message: m.specialtyRequired }]}
        extra={m.specialtyHelp}
      >
        <Select<string>
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={cycleId === undefined ? m.chooseCycleFirst : m.specialtyPlaceholder}
          options={options}
          loading={specialties.isFetching}
          disabled={cycleId === undefined}
          allowClear
        />
      </Form.Item>
      {practice && (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={m.practiceNeeded(ELIGIBILITY_LABELS.practiceQualification[practice.kind])}
        />
      )}
      <Form.Item name="returningCandidate" valuePropName="checked" className="sc-check">
        <Checkbox>{m.returningLabel}</Checkbox>
      </Form.Item>
    </SectionCard>
  );
}
