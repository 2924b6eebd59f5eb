import { ELIGIBILITY_LABELS, IDENTITY_DOCUMENT_TYPES } from '@hqe/core';
import { Checkbox, Form, Input, Select } from 'antd';
import { SectionCard } from '../../../components/section-card';
import { identityGroup, type SelfCheckValues } from '../form-values';
import { eligibilityMessages as m } from '../messages';
import { ChoiceField, YES_NO } from './fields';

/** Step 2: the identity document, and household and residence documents where they matter. */
export function IdentitySection({ city }: { city: string }) {
  const form = Form.useFormInstance<SelfCheckValues>();
  const document = Form.useWatch('identityDocument', form);
  const household = Form.useWatch('householdRegistration', form);
  const permit = Form.useWatch('residencePermit', form);
  const hasSocialSecurity = Form.useWatch('hasSocialSecurity', form);
  const group = identityGroup(document);
  const nonLocal = group === 'mainland' && household === 'non_local';

  return (
    <SectionCard title={m.stepIdentity}>
      <Form.Item
        name="identityDocument"
        label={m.identityLabel}
        rules={[{ required: true, message: m.identityRequired }]}
      >
        <Select
          options={IDENTITY_DOCUMENT_TYPES.map((type) => ({
            value: type,
            label: ELIGIBILITY_LABELS.identityDocument[type],
          }))}
        />
      </Form.Item>

      {group === 'mainland' && (
        <ChoiceField
          name="householdRegistration"
          label={m.householdLabel(city)}
          required
          requiredMessage={m.householdRequired}
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
            required
            requiredMessage={m.residencePermitRequired}
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
            required
            requiredMessage={m.socialSecurityRequired}
            options={YES_NO}
            extra={permit === 'none' ? m.socialSecurityInstead(city) : undefined}
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

      {group === 'hmt' && document !== 'hmt_residence_permit' && (
        <Form.Item name="hmtResidencePermit" valuePropName="checked" className="sc-check">
          <Checkbox>{m.hmtPermitLabel}</Checkbox>
        </Form.Item>
      )}
      {group === 'foreign' && (
        <>
          {document !== 'foreign_permanent_residence_id' && (
            <Form.Item
              name="foreignPermanentResidenceId"
              valuePropName="checked"
              className="sc-check"
            >
              <Checkbox>{m.foreignPermanentLabel}</Checkbox>
            </Form.Item>
          )}
          <ChoiceField
            name="residencePermit"
            label={m.residencePermitLabel(city)}
            options={[
              { value: 'permit_b', label: m.permitB },
              { value: 'none', label: m.permitNone },
            ]}
          />
        </>
      )}
    </SectionCard>
  );
}
