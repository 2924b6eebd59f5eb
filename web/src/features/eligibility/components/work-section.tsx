import { Checkbox, Col, Form, Input, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { SectionCard } from '../../../components/section-card';
import { LIST_LIMITS, NEW_WORK, type SelfCheckValues } from '../form-values';
import { eligibilityMessages as m } from '../messages';
import { ChoiceField, DateField } from './fields';
import { ListSection } from './list-section';

function WorkItem({ index, city }: { index: number; city: string }) {
  const form = Form.useFormInstance<SelfCheckValues>();
  const ongoing = Form.useWatch(['workPeriods', index, 'ongoing'], form) === true;
  return (
    <Row gutter={16}>
      <Col xs={24}>
        <Form.Item
          name={[index, 'employer']}
          label={m.workEmployerLabel}
          rules={[
            { required: true, whitespace: true, message: m.textRequired(m.workEmployerLabel) },
          ]}
        >
          <Input maxLength={100} autoComplete="organization" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <DateField name={[index, 'from']} label={m.workFromLabel} required />
      </Col>
      <Col xs={24} md={12}>
        {!ongoing && (
          <DateField
            name={[index, 'to']}
            label={m.workToLabel}
            required
            dependencies={[['workPeriods', index, 'from']]}
            rules={[
              {
                validator: async (_rule, value: Dayjs | null | undefined) => {
                  const from = form.getFieldValue(['workPeriods', index, 'from']) as
                    Dayjs | null | undefined;
                  if (value && from && value.isBefore(from, 'day')) {
                    throw new Error(m.workToBeforeFrom);
                  }
                },
              },
            ]}
          />
        )}
        <Form.Item name={[index, 'ongoing']} valuePropName="checked" className="sc-check">
          <Checkbox>{m.workOngoingLabel}</Checkbox>
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <ChoiceField
          name={[index, 'inExamArea']}
          label={m.workPlaceLabel}
          required
          requiredMessage={m.choiceRequired(m.workPlaceLabel)}
          options={[
            { value: true, label: m.workInArea(city) },
            { value: false, label: m.workOutOfArea },
          ]}
        />
      </Col>
      <Col xs={24} md={12}>
        <ChoiceField
          name={[index, 'inSpecialty']}
          label={m.workInSpecialtyLabel}
          required
          requiredMessage={m.choiceRequired(m.workInSpecialtyLabel)}
          options={[
            { value: true, label: m.workInSpecialty },
            { value: false, label: m.workNotInSpecialty },
          ]}
        />
      </Col>
    </Row>
  );
}

/** Step 5: the work history, in the area or out of town, in the specialty or not. */
export function WorkSection({ city }: { city: string }) {
  return (
    <SectionCard title={m.stepWork}>
      <p className="sc-intro">{m.workIntro(city)}</p>
      <ListSection
        name="workPeriods"
        item={m.workItem}
        addLabel={m.addWork}
        emptyText={m.workEmpty}
        max={LIST_LIMITS.workPeriods}
        newItem={() => ({ ...NEW_WORK })}
        firstField="employer"
        renderItem={(index) => <WorkItem index={index} city={city} />}
      />
    </SectionCard>
  );
}
