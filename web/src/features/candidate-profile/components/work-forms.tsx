import {
  ELIGIBILITY_LABELS,
  EMPLOYER_KINDS,
  PROFILE_LIMITS,
  type CandidateProfileView,
} from '@hqe/core';
import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import {
  employerFromData,
  employerToData,
  formPathOfField,
  formPathOfList,
  NEW_WORK,
  workFromData,
  workToData,
  type EmployerValues,
  type WorkListValues,
} from '../form-values';
import { profileMessages as m } from '../messages';
import { ChoiceField, DateField, ListSection, YES_NO } from './fields';
import { SectionForm, sectionFormName } from './section-form';

/** 现工作单位, with the clinical subjects of its licence where known. */
export function EmployerForm({ profile }: { profile: CandidateProfileView }) {
  return (
    <SectionForm
      section="currentEmployer"
      title={m.employerTitle}
      intro={<p>{m.employerIntro}</p>}
      profile={profile}
      fromData={employerFromData}
      toData={(values: EmployerValues) => employerToData(values)}
      formPathOf={formPathOfField}
    >
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item
            name="name"
            label={m.employerNameLabel}
            rules={[
              { required: true, whitespace: true, message: m.textRequired(m.employerNameLabel) },
            ]}
          >
            <Input
              maxLength={100}
              placeholder={m.employerNamePlaceholder}
              autoComplete="organization"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name="kind"
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
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="department" label={`${m.departmentLabel}${m.optional}`}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="post" label={`${m.postLabel}${m.optional}`}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name="clinicalSubjects"
            label={`${m.clinicalSubjectsLabel}${m.optional}`}
            extra={m.clinicalSubjectsHelp}
          >
            <Select
              mode="tags"
              open={false}
              suffix={null}
              maxCount={PROFILE_LIMITS.clinicalSubjects}
            />
          </Form.Item>
        </Col>
      </Row>
    </SectionForm>
  );
}

function WorkItem({ index, city }: { index: number; city: string }) {
  const form = Form.useFormInstance<WorkListValues>();
  const ongoing = Form.useWatch(['records', index, 'ongoing'], form) === true;
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
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
      <Col xs={12} md={6}>
        <Form.Item name={[index, 'department']} label={`${m.departmentLabel}${m.optional}`}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={[index, 'post']} label={`${m.postLabel}${m.optional}`}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <DateField name={[index, 'from']} label={m.fromLabel} required />
      </Col>
      <Col xs={24} md={12}>
        {!ongoing && <DateField name={[index, 'to']} label={m.toLabel} required />}
        <Form.Item name={[index, 'ongoing']} valuePropName="checked" className="sc-check">
          <Checkbox>{m.ongoingLabel}</Checkbox>
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <ChoiceField
          name={[index, 'inExamArea']}
          label={m.inExamAreaLabel(city)}
          options={YES_NO}
        />
      </Col>
      <Col xs={24} md={12}>
        <ChoiceField name={[index, 'inSpecialty']} label={m.inSpecialtyLabel} options={YES_NO} />
      </Col>
    </Row>
  );
}

/** 工作经历: every period of work, in and outside the exam area. */
export function WorkHistoryForm({
  profile,
  city,
}: {
  profile: CandidateProfileView;
  city: string;
}) {
  return (
    <SectionForm
      section="workHistory"
      title={m.workTitle}
      intro={<p>{m.workIntro(city)}</p>}
      profile={profile}
      fromData={workFromData}
      toData={(values: WorkListValues) => workToData(values)}
      formPathOf={formPathOfList}
    >
      <ListSection
        form={sectionFormName('workHistory')}
        name="records"
        item={m.workItem}
        addLabel={m.addWork}
        emptyText={m.workEmpty}
        max={PROFILE_LIMITS.workHistory}
        newItem={() => ({ ...NEW_WORK })}
        firstField="employer"
        renderItem={(index) => <WorkItem index={index} city={city} />}
      />
    </SectionForm>
  );
}
