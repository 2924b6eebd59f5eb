import { ELIGIBILITY_LABELS, EMPLOYER_KINDS } from '@hqe/core';
import { Checkbox, Form, Input, Select } from 'antd';
import { SectionCard } from '../../../components/section-card';
import type { SelfCheckValues } from '../form-values';
import { eligibilityMessages as m } from '../messages';

/** Step 6: the current employer and the employer to be named at registration. */
export function EmployerSection() {
  const form = Form.useFormInstance<SelfCheckValues>();
  const same = Form.useWatch('registeredEmployerSame', form) !== false;
  return (
    <SectionCard title={m.stepEmployer}>
      <Form.Item
        name="currentEmployerName"
        label={m.currentEmployerLabel}
        rules={[
          { required: true, whitespace: true, message: m.textRequired(m.currentEmployerLabel) },
        ]}
      >
        <Input
          maxLength={100}
          autoComplete="organization"
          placeholder={m.currentEmployerPlaceholder}
        />
      </Form.Item>
      <Form.Item
        name="currentEmployerKind"
        label={m.employerKindLabel}
        rules={[{ required: true, message: m.choiceRequired(m.employerKindLabel) }]}
      >
        <Select
          options={EMPLOYER_KINDS.map((kind) => ({
            value: kind,
            label: ELIGIBILITY_LABELS.employerKind[kind],
          }))}
        />
      </Form.Item>
      <Form.Item
        name="clinicalSubjects"
        label={`${m.clinicalSubjectsLabel}${m.optional}`}
        extra={m.clinicalSubjectsHelp}
        rules={[
          {
            validator: async (_rule, value: string[] | undefined) => {
              if ((value ?? []).some((subject) => subject.trim().length > 50)) {
                throw new Error(m.clinicalSubjectTooLong);
              }
            },
          },
        ]}
      >
        <Select
          mode="tags"
          tokenSeparators={['、', '，', ',', ';', '；']}
          open={false}
          suffix={null}
          maxCount={100}
        />
      </Form.Item>
      <Form.Item name="registeredEmployerSame" valuePropName="checked" className="sc-check">
        <Checkbox>{m.registeredSameLabel}</Checkbox>
      </Form.Item>
      {!same && (
        <Form.Item
          name="registeredEmployer"
          label={m.registeredEmployerLabel}
          extra={m.registeredEmployerHelp}
          rules={[
            {
              required: true,
              whitespace: true,
              message: m.textRequired(m.registeredEmployerLabel),
            },
          ]}
        >
          <Input maxLength={100} autoComplete="organization" />
        </Form.Item>
      )}
    </SectionCard>
  );
}
