import {
  CANDIDATE_PROFILE_LABELS,
  EDUCATION_LEVELS,
  EDUCATION_MODES,
  ELIGIBILITY_LABELS,
  PROFILE_LIMITS,
  type CandidateProfileView,
} from '@hqe/core';
import { Col, Form, Input, Row, Select } from 'antd';
import {
  educationFromData,
  educationToData,
  formPathOfList,
  NEW_EDUCATION,
  type EducationListValues,
} from '../form-values';
import { profileMessages as m } from '../messages';
import { ChoiceField, DateField, ListSection, YES_NO } from './fields';
import { SectionForm, sectionFormName } from './section-form';

function EducationItem({ index }: { index: number }) {
  const form = Form.useFormInstance<EducationListValues>();
  const foreign = Form.useWatch(['records', index, 'foreign'], form) === true;
  const withDegree = Form.useWatch(['records', index, 'withDegree'], form) === true;
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
        <ChoiceField
          name={[index, 'mode']}
          label={m.educationModeLabel}
          vertical
          requiredMessage={m.choiceRequired(m.educationModeLabel)}
          options={EDUCATION_MODES.map((mode) => ({
            value: mode,
            label: CANDIDATE_PROFILE_LABELS.educationMode[mode],
          }))}
        />
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[index, 'school']}
          label={m.schoolLabel}
          rules={[{ required: true, whitespace: true, message: m.textRequired(m.schoolLabel) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
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
        <ChoiceField
          name={[index, 'healthRelated']}
          label={m.healthRelatedLabel}
          requiredMessage={m.choiceRequired(m.healthRelatedLabel)}
          options={YES_NO}
        />
      </Col>
      <Col xs={24} md={12}>
        <ChoiceField
          name={[index, 'foreign']}
          label={m.foreignLabel}
          requiredMessage={m.choiceRequired(m.foreignLabel)}
          options={YES_NO}
        />
      </Col>
      <Col xs={24} md={12}>
        <DateField name={[index, 'startDate']} label={m.startDateLabel} required />
      </Col>
      <Col xs={24} md={12}>
        <DateField name={[index, 'graduationDate']} label={m.graduationDateLabel} required />
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[index, 'certificateNumber']}
          label={foreign ? `${m.certificateNumberLabel}${m.optional}` : m.certificateNumberLabel}
          extra={m.certificateNumberHelp}
          rules={
            foreign
              ? []
              : [
                  {
                    required: true,
                    whitespace: true,
                    message: m.textRequired(m.certificateNumberLabel),
                  },
                ]
          }
        >
          <Input maxLength={40} inputMode="text" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <ChoiceField
          name={[index, 'withDegree']}
          label={m.withDegreeLabel}
          requiredMessage={m.choiceRequired(m.withDegreeLabel)}
          options={YES_NO}
        />
        {withDegree && (
          <Form.Item
            name={[index, 'degreeCertificateNumber']}
            label={
              foreign
                ? `${m.degreeCertificateNumberLabel}${m.optional}`
                : m.degreeCertificateNumberLabel
            }
            rules={
              foreign
                ? []
                : [
                    {
                      required: true,
                      whitespace: true,
                      message: m.textRequired(m.degreeCertificateNumberLabel),
                    },
                  ]
            }
          >
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
        )}
      </Col>
      {foreign && (
        <Col xs={24}>
          <ChoiceField
            name={[index, 'foreignCertified']}
            label={m.foreignCertifiedLabel}
            options={YES_NO}
          />
        </Col>
      )}
    </Row>
  );
}

/** 学历学位: up to five educations, each with its degree. */
export function EducationForm({ profile }: { profile: CandidateProfileView }) {
  return (
    <SectionForm
      section="education"
      title={m.educationTitle}
      intro={<p>{m.educationIntro}</p>}
      profile={profile}
      fromData={educationFromData}
      toData={(values: EducationListValues) => educationToData(values)}
      formPathOf={formPathOfList}
    >
      <ListSection
        form={sectionFormName('education')}
        name="records"
        item={m.educationItem}
        addLabel={m.addEducation}
        emptyText={m.educationEmpty}
        max={PROFILE_LIMITS.education}
        newItem={() => ({ ...NEW_EDUCATION })}
        firstField="level"
        renderItem={(index) => <EducationItem index={index} />}
      />
    </SectionForm>
  );
}
