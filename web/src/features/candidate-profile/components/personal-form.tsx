import {
  CANDIDATE_PROFILE_LABELS,
  COVID_FRONTLINE_STATUSES,
  ELIGIBILITY_LABELS,
  ETHNICITIES,
  ETHNICITY_CODES,
  type CandidateProfileView,
} from '@hqe/core';
import { Form, Input, Select } from 'antd';
import {
  formPathOfPersonal,
  identityGroupOf,
  personalFromData,
  personalToData,
  type PersonalValues,
} from '../form-values';
import { profileMessages as m } from '../messages';
import { ChoiceField, YES_NO } from './fields';
import { SectionForm } from './section-form';

function PersonalFields({ profile, city }: { profile: CandidateProfileView; city: string }) {
  const form = Form.useFormInstance<PersonalValues>();
  const household = Form.useWatch('householdRegistration', form);
  const permit = Form.useWatch('residencePermit', form);
  const hasSocialSecurity = Form.useWatch('hasSocialSecurity', form);
  const document = profile.identityDocument;
  const group = identityGroupOf(document);
  const mainland = group === null || group === 'mainland';
  const nonLocal = mainland && household === 'non_local';

  return (
    <>
      <p className="me-note">
        {document
          ? m.identityDocument(ELIGIBILITY_LABELS.identityDocument[document])
          : m.identityUnknown}
      </p>
      <Form.Item
        name="ethnicity"
        label={m.ethnicityLabel}
        rules={[{ required: true, message: m.choiceRequired(m.ethnicityLabel) }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={m.ethnicityPlaceholder}
          options={ETHNICITY_CODES.map((code) => ({ value: code, label: ETHNICITIES[code] }))}
        />
      </Form.Item>

      {mainland && (
        <ChoiceField
          name="householdRegistration"
          label={m.householdLabel(city)}
          requiredMessage={m.choiceRequired('户籍情况')}
          options={[
            { value: 'local', label: m.householdLocal(city) },
            { value: 'non_local', label: m.householdNonLocal(city) },
          ]}
        />
      )}
      {nonLocal && (
        <>
          <ChoiceField
            name="residencePermit"
            label={m.residencePermitLabel(city)}
            requiredMessage={m.choiceRequired('居住证情况')}
            vertical
            options={[
              { value: 'permit', label: m.permitHeld },
              { value: 'receipt', label: m.permitReceipt },
              { value: 'none', label: m.permitNone },
            ]}
          />
          <ChoiceField
            name="hasSocialSecurity"
            label={m.socialSecurityLabel(city)}
            requiredMessage={m.choiceRequired('是否缴纳社会保险')}
            options={YES_NO}
            extra={permit === 'none' ? m.socialSecurityHelp(city) : undefined}
          />
          {hasSocialSecurity === true && (
            <Form.Item
              name="socialSecurityPayer"
              label={m.socialSecurityPayerLabel}
              extra={m.socialSecurityPayerHelp}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: m.textRequired(m.socialSecurityPayerLabel),
                },
              ]}
            >
              <Input maxLength={100} autoComplete="organization" />
            </Form.Item>
          )}
        </>
      )}
      {group === 'hmt' && (
        <ChoiceField name="hmtResidencePermit" label={m.hmtPermitLabel} options={YES_NO} />
      )}
      {group === 'foreign' && (
        <>
          <ChoiceField
            name="foreignPermanentResidenceId"
            label={m.foreignPermanentLabel}
            options={YES_NO}
          />
          <ChoiceField
            name="residencePermit"
            label={m.foreignPermitLabel(city)}
            options={[
              { value: 'permit_b', label: m.permitB },
              { value: 'none', label: m.permitNone },
            ]}
          />
        </>
      )}
      <ChoiceField
        name="covidFrontline"
        label={m.covidLabel}
        extra={m.covidHelp}
        vertical
        options={COVID_FRONTLINE_STATUSES.map((status) => ({
          value: status,
          label: CANDIDATE_PROFILE_LABELS.covidFrontline[status],
        }))}
      />
    </>
  );
}

/** 个人信息: ethnicity, household and residence documents as the identity document requires. */
export function PersonalForm({ profile, city }: { profile: CandidateProfileView; city: string }) {
  return (
    <SectionForm
      section="personal"
      title={m.personalTitle}
      intro={<p>{m.personalIntro}</p>}
      profile={profile}
      fromData={personalFromData}
      toData={(values: PersonalValues) => personalToData(values, profile.identityDocument)}
      formPathOf={formPathOfPersonal}
    >
      <PersonalFields profile={profile} city={city} />
    </SectionForm>
  );
}
