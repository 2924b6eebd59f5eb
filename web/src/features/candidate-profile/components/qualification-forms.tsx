import {
  EARLY_APPLICATION_KINDS,
  ELIGIBILITY_LABELS,
  ELIGIBILITY_LEVELS,
  PRACTICE_QUALIFICATION_KINDS,
  PROFILE_LIMITS,
  TITLE_TRACKS,
  type CandidateProfileView,
} from '@hqe/core';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import {
  claimsFromData,
  claimsToData,
  formPathOfList,
  formPathOfQualifications,
  NEW_PRACTICE,
  qualificationsFromData,
  qualificationsToData,
  type ClaimListValues,
  type QualificationsValues,
} from '../form-values';
import { profileMessages as m } from '../messages';
import { ChoiceField, DateField, ListSection, YES_NO } from './fields';
import { SectionForm, sectionFormName } from './section-form';

const TITLE_OPTIONS = TITLE_TRACKS.flatMap((track) =>
  ELIGIBILITY_LEVELS.map((level) => ({
    value: `${track}:${level}`,
    label: `${ELIGIBILITY_LABELS.title[track][level]}（${ELIGIBILITY_LABELS.level[level]}）`,
  })),
);

function PracticeItem({ index }: { index: number }) {
  const form = Form.useFormInstance<QualificationsValues>();
  const registered = Form.useWatch(['practiceQualifications', index, 'registered'], form) === true;
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
        <Form.Item
          name={[index, 'certificateNumber']}
          label={m.practiceCertificateLabel}
          rules={[
            {
              required: true,
              whitespace: true,
              message: m.textRequired(m.practiceCertificateLabel),
            },
          ]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <DateField name={[index, 'qualifiedOn']} label={m.qualifiedOnLabel} required />
      </Col>
      <Col xs={24} md={12}>
        <ChoiceField name={[index, 'registered']} label={m.registeredLabel} options={YES_NO} />
      </Col>
      {registered && (
        <>
          <Col xs={24} md={12}>
            <DateField name={[index, 'registeredOn']} label={m.registeredOnLabel} required />
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={[index, 'principalPracticeSite']}
              label={m.principalPracticeSiteLabel}
              extra={m.principalPracticeSiteHelp}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: m.textRequired(m.principalPracticeSiteLabel),
                },
              ]}
            >
              <Input maxLength={100} autoComplete="organization" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name={[index, 'practiceCategory']}
              label={`${m.practiceCategoryLabel}${m.optional}`}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name={[index, 'practiceScope']}
              label={`${m.practiceScopeLabel}${m.optional}`}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </>
      )}
    </Row>
  );
}

function TitleItem({ index }: { index: number }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={[index, 'title']}
          label={m.titleLabel}
          rules={[{ required: true, message: m.choiceRequired(m.titleLabel) }]}
        >
          <Select options={TITLE_OPTIONS} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <DateField name={[index, 'obtainedOn']} label={m.titleObtainedOnLabel} required />
      </Col>
    </Row>
  );
}

function QualificationFields() {
  const form = Form.useFormInstance<QualificationsValues>();
  const residency = Form.useWatch('hasResidencyTraining', form) === true;
  const postChange = Form.useWatch('hasPostChange', form) === true;
  const formName = sectionFormName('qualifications');
  return (
    <>
      <h3 className="sc-subtitle">{m.practiceSubtitle}</h3>
      <ListSection
        form={formName}
        name="practiceQualifications"
        item={m.practiceItem}
        addLabel={m.addPractice}
        emptyText={m.practiceEmpty}
        max={PROFILE_LIMITS.practiceQualifications}
        newItem={() => ({ ...NEW_PRACTICE })}
        firstField="kind"
        renderItem={(index) => <PracticeItem index={index} />}
      />
      <h3 className="sc-subtitle">{m.titlesSubtitle}</h3>
      <ListSection
        form={formName}
        name="titles"
        item={m.titleItem}
        addLabel={m.addTitle}
        emptyText={m.titlesEmpty}
        max={PROFILE_LIMITS.titles}
        newItem={() => ({})}
        firstField="title"
        renderItem={(index) => <TitleItem index={index} />}
      />
      <h3 className="sc-subtitle">{m.residencySubtitle}</h3>
      <ChoiceField name="hasResidencyTraining" label={m.residencyLabel} options={YES_NO} />
      {residency && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <DateField name="residencyCertifiedOn" label={m.residencyDateLabel} required />
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="residencyCertificateNumber"
              label={m.residencyNumberLabel}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: m.textRequired(m.residencyNumberLabel),
                },
              ]}
            >
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      )}
      <h3 className="sc-subtitle">{m.postChangeSubtitle}</h3>
      <ChoiceField name="hasPostChange" label={m.postChangeLabel} options={YES_NO} />
      {postChange && <DateField name="postChangedOn" label={m.postChangeDateLabel} required />}
    </>
  );
}

/** 执业资格与职称: practice qualifications and registrations, titles, residency training. */
export function QualificationsForm({ profile }: { profile: CandidateProfileView }) {
  return (
    <SectionForm
      section="qualifications"
      title={m.qualificationsTitle}
      intro={<p>{m.qualificationsIntro}</p>}
      profile={profile}
      fromData={qualificationsFromData}
      toData={(values: QualificationsValues) => qualificationsToData(values)}
      formPathOf={formPathOfQualifications}
    >
      <QualificationFields />
    </SectionForm>
  );
}

function ClaimItem({ index }: { index: number }) {
  const thisYear = new Date().getFullYear();
  return (
    <Row gutter={16}>
      <Col xs={24} md={16}>
        <Form.Item
          name={[index, 'kind']}
          label={m.claimKindLabel}
          rules={[{ required: true, message: m.choiceRequired(m.claimKindLabel) }]}
        >
          <Select
            options={EARLY_APPLICATION_KINDS.map((kind) => ({
              value: kind,
              label: ELIGIBILITY_LABELS.earlyApplication[kind],
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={[index, 'year']}
          label={m.claimYearLabel}
          rules={[{ required: true, message: m.textRequired(m.claimYearLabel) }]}
        >
          <InputNumber min={2000} max={thisYear} precision={0} inputMode="numeric" suffix="年" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 提前申报情况: the early-application preferences used in earlier cycles (may be none). */
export function ClaimsForm({ profile }: { profile: CandidateProfileView }) {
  return (
    <SectionForm
      section="earlyApplicationClaims"
      title={m.claimsTitle}
      intro={<p>{m.claimsIntro}</p>}
      profile={profile}
      fromData={claimsFromData}
      toData={(values: ClaimListValues) => claimsToData(values)}
      formPathOf={formPathOfList}
    >
      <ListSection
        form={sectionFormName('earlyApplicationClaims')}
        name="records"
        item={m.claimItem}
        addLabel={m.addClaim}
        emptyText={m.claimsEmpty}
        max={PROFILE_LIMITS.earlyApplicationClaims}
        newItem={() => ({})}
        firstField="kind"
        renderItem={(index) => <ClaimItem index={index} />}
      />
    </SectionForm>
  );
}
