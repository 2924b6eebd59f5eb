import { EARLY_APPLICATION_KINDS, ELIGIBILITY_LABELS } from '@hqe/core';
import { Form, InputNumber } from 'antd';
import { SectionCard } from '../../../components/section-card';
import { LIST_LIMITS } from '../form-values';
import { eligibilityMessages as m } from '../messages';
import { ChoiceField } from './fields';
import { ListSection } from './list-section';

const THIS_YEAR = new Date().getFullYear();

function ClaimItem({ index }: { index: number }) {
  return (
    <>
      <Form.Item
        name={[index, 'year']}
        label={m.claimYearLabel}
        rules={[{ required: true, message: m.claimYearRequired }]}
      >
        <InputNumber min={2000} max={THIS_YEAR + 1} precision={0} inputMode="numeric" />
      </Form.Item>
      <ChoiceField
        name={[index, 'kind']}
        label={m.claimKindLabel}
        required
        requiredMessage={m.choiceRequired(m.claimKindLabel)}
        vertical
        options={EARLY_APPLICATION_KINDS.map((kind) => ({
          value: kind,
          label: ELIGIBILITY_LABELS.earlyApplication[kind],
        }))}
      />
    </>
  );
}

/** Step 7: the COVID front-line status and the early-application preferences used before. */
export function EarlyApplicationSection() {
  return (
    <SectionCard title={m.stepEarly}>
      <p className="sc-intro">{m.earlyIntro}</p>
      <ChoiceField
        name="covidFrontline"
        label={m.covidLabel}
        vertical
        options={[
          { value: 'none', label: m.covidNone },
          { value: 'front_line', label: m.covidFrontLine },
          { value: 'award', label: m.covidAward },
        ]}
      />
      <h3 className="sc-subtitle">{m.claimsTitle}</h3>
      <p className="sc-intro">{m.claimsIntro}</p>
      <ListSection
        name="earlyApplicationClaims"
        item={m.claimItem}
        addLabel={m.addClaim}
        emptyText={m.claimsEmpty}
        max={LIST_LIMITS.earlyApplicationClaims}
        newItem={() => ({})}
        firstField="year"
        renderItem={(index) => <ClaimItem index={index} />}
      />
    </SectionCard>
  );
}
