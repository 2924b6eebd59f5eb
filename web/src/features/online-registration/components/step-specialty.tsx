import { ELIGIBILITY_LEVELS, ELIGIBILITY_LABELS, type RegistrationView } from '@hqe/core';
import { Button, Form, Select } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../../components/query-error';
import { useChooseSpecialty, useRegistrationChoices } from '../api/registrations';
import { onlineRegistrationMessages as m } from '../messages';
import { EligibilityLines } from './eligibility-lines';
import { MutationError } from './mutation-error';

/** 选择专业和级别, grouped by level, with the eligibility result of the saved choice beside it. */
export function SpecialtyStep({ view, onDone }: { view: RegistrationView; onDone: () => void }) {
  const choices = useRegistrationChoices(view.id);
  const save = useChooseSpecialty(view.cycle.id, view.id);
  const [code, setCode] = useState<string | undefined>(view.specialty?.code);
  const [touched, setTouched] = useState(false);
  if (choices.isError) {
    return <QueryError error={choices.error} onRetry={() => void choices.refetch()} />;
  }
  const specialties = choices.data?.specialties ?? [];
  const options = ELIGIBILITY_LEVELS.map((level) => ({
    label: ELIGIBILITY_LABELS.level[level],
    title: ELIGIBILITY_LABELS.level[level],
    options: specialties
      .filter((s) => s.level === level)
      .map((s) => ({ value: s.code, label: `${s.code} ${s.name}（${s.levelLabel}）` })),
  })).filter((g) => g.options.length > 0);
  const chosen = specialties.find((s) => s.code === code);
  const submit = () => {
    setTouched(true);
    if (!code) return;
    save.mutate({ version: view.version, specialtyCode: code }, { onSuccess: onDone });
  };
  return (
    <div className="or-two-col">
      <Form layout="vertical" onFinish={submit} disabled={!view.canEdit} className="or-form">
        <p className="or-muted">{m.specialtyHint}</p>
        <Form.Item
          label={m.specialty}
          htmlFor="or-specialty"
          required
          validateStatus={touched && !code ? 'error' : undefined}
          help={
            touched && !code
              ? m.specialtyPlaceholder
              : chosen
                ? m.subjects(chosen.subjects.join('、'))
                : undefined
          }
        >
          <Select
            id="or-specialty"
            loading={choices.isPending}
            value={code}
            onChange={setCode}
            placeholder={m.specialtyPlaceholder}
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <MutationError error={save.error} />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {m.save}
        </Button>
      </Form>
      <EligibilityLines view={view} />
    </div>
  );
}
