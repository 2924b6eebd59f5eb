import { EDUCATION_LEVELS, ELIGIBILITY_LABELS } from '@hqe/core';
import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { SectionCard } from '../../../components/section-card';
import { LIST_LIMITS, NEW_EDUCATION, type SelfCheckValues } from '../form-values';
import { eligibilityMessages as m } from '../messages';
import { ChoiceField, DateField, YES_NO } from './fields';
import { ListSection } from './list-section';

function EducationItem({ index }: { index: number }) {
  const form = Form.useFormInstance<SelfCheckValues>();
  const foreign = Form.useWatch(['education', index, 'foreign'], form) === true;
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={[index, 'level']}
          label={m.educationLevelLabel}
          rules={[{ required: true, message: m.choiceRequired(m.educationLevelLabel) }]}
        >
          <Select
            options={EDUCATION_LEVELS.map((level) => ({
              value: level,
              label: ELIGIBILITY_LABELS.educationLevel[level],
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <DateField name={[index, 'graduationDate']} label={m.graduationDateLabel} required />
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[index, 'major']}
          label={m.majorLabel}
          rules={[{ required: true, whitespace: true, message: m.textRequired(m.majorLabel) }]}
        >
          <Input maxLength={100} placeholder={m.majorPlaceholder} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[index, 'school']} label={`${m.schoolLabel}${m.optional}`}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <ChoiceField
          name={[index, 'mode']}
          label={m.educationModeLabel}
          required
          requiredMessage={m.choiceRequired(m.educationModeLabel)}
          vertical
          options={[
            { value: 'full_time', label: m.fullTime },
            { value: 'in_service', label: m.inService },
          ]}
        />
      </Col>
      <Col xs={24} md={12}>
        <ChoiceField
          name={[index, 'healthRelated']}
          label={m.healthRelatedLabel}
          required
          requiredMessage={m.choiceRequired(m.healthRelatedLabel)}
          options={YES_NO}
        />
      </Col>
      <Col xs={24}>
        <Form.Item name={[index, 'withDegree']} valuePropName="checked" className="sc-check">
          <Checkbox>{m.withDegreeLabel}</Checkbox>
        </Form.Item>
        <Form.Item name={[index, 'foreign']} valuePropName="checked" className="sc-check">
          <Checkbox>{m.foreignLabel}</Checkbox>
        </Form.Item>
        {foreign && (
          <Form.Item
            name={[index, 'foreignCertified']}
            valuePropName="checked"
            className="sc-check"
          >
            <Checkbox>{m.foreignCertifiedLabel}</Checkbox>
          </Form.Item>
        )}
      </Col>
    </Row>
  );
}

/** Step 3: every education record (up to five). */
export function EducationSection() {
  return (
    <SectionCard title={m.stepEducation}>
      <p className="sc-intro">{m.educationIntro}</p>
      <ListSection
        name="education"
        item={m.educationItem}
        addLabel={m.addEducation}
        emptyText={m.educationEmpty}
        max={LIST_LIMITS.education}
        newItem={() => ({ ...NEW_EDUCATION })}
        firstField="level"
        renderItem={(index) => <EducationItem index={index} />}
      />
    </SectionCard>
  );
}
