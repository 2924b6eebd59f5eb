import {
  ELIGIBILITY_LABELS,
  ELIGIBILITY_LEVELS,
  PRACTICE_QUALIFICATION_KINDS,
  TITLE_TRACKS,
} from '@hqe/core';
import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { SectionCard } from '../../../components/section-card';
import { LIST_LIMITS, titleKey, type SelfCheckValues } from '../form-values';
import { eligibilityMessages as m } from '../messages';
import { DateField } from './fields';
import { ListSection } from './list-section';

const TITLE_OPTIONS = TITLE_TRACKS.flatMap((track) =>
  ELIGIBILITY_LEVELS.map((level) => ({
    value: titleKey(track, level),
    label: ELIGIBILITY_LABELS.title[track][level],
  })),
);

function PracticeItem({ index }: { index: number }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={[index, 'kind']}
          label={m.practiceKindLabel}
          rules={[{ required: true, message: m.choiceRequired(m.practiceKindLabel) }]}
        >
          <Select
            options={PRACTICE_QUALIFICATION_KINDS.map((kind) => ({
              value: kind,
              label: ELIGIBILITY_LABELS.practiceQualification[kind],
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <DateField name={[index, 'qualifiedOn']} label={m.qualifiedOnLabel} required />
      </Col>
      <Col xs={24} md={12}>
        <DateField
          name={[index, 'registeredOn']}
          label={m.registeredOnLabel}
          extra={m.registeredOnHelp}
        />
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[index, 'principalPracticeSite']}
          label={`${m.practiceSiteLabel}${m.optional}`}
          extra={m.practiceSiteHelp}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function TitleItem({ index }: { index: number }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={[index, 'title']}
          label={m.titleNameLabel}
          rules={[{ required: true, message: m.choiceRequired(m.titleNameLabel) }]}
        >
          <Select options={TITLE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <DateField name={[index, 'obtainedOn']} label={m.titleObtainedOnLabel} required />
      </Col>
    </Row>
  );
}

/** Step 4: practice qualifications and registration, titles held, residency training, post change. */
export function PracticeSection() {
  const form = Form.useFormInstance<SelfCheckValues>();
  const residency = Form.useWatch('hasResidencyTraining', form) === true;
  const postChange = Form.useWatch('hasPostChange', form) === true;
  return (
    <SectionCard title={m.stepPractice}>
      <h3 className="sc-subtitle">{m.practiceTitle}</h3>
      <p className="sc-intro">{m.practiceIntro}</p>
      <ListSection
        name="practiceQualifications"
        item={m.practiceItem}
        addLabel={m.addPractice}
        emptyText={m.practiceEmpty}
        max={LIST_LIMITS.practiceQualifications}
        newItem={() => ({})}
        firstField="kind"
        renderItem={(index) => <PracticeItem index={index} />}
      />

      <h3 className="sc-subtitle">{m.titlesTitle}</h3>
      <p className="sc-intro">{m.titlesIntro}</p>
      <ListSection
        name="titles"
        item={m.titleItem}
        addLabel={m.addTitle}
        emptyText={m.titlesEmpty}
        max={LIST_LIMITS.titles}
        newItem={() => ({})}
        firstField="title"
        renderItem={(index) => <TitleItem index={index} />}
      />

      <h3 className="sc-subtitle">{m.otherTitle}</h3>
      <Form.Item name="hasResidencyTraining" valuePropName="checked" className="sc-check">
        <Checkbox>{m.residencyLabel}</Checkbox>
      </Form.Item>
      {residency && <DateField name="residencyCertifiedOn" label={m.residencyDateLabel} required />}
      <Form.Item name="hasPostChange" valuePropName="checked" className="sc-check">
        <Checkbox>{m.postChangeLabel}</Checkbox>
      </Form.Item>
      {postChange && (
        <DateField
          name="postChangedOn"
          label={m.postChangeDateLabel}
          extra={m.postChangeHelp}
          required
        />
      )}
    </SectionCard>
  );
}
