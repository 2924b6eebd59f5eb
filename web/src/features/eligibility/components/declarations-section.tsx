import { DEFAULT_DECLARATION_RULES } from '@hqe/core';
import { SectionCard } from '../../../components/section-card';
import { eligibilityMessages as m } from '../messages';
import { ChoiceField, YES_NO } from './fields';

/** Step 8: the barred cases, each answered 是 or 否 (a reviewer checks the answers). */
export function DeclarationsSection() {
  return (
    <SectionCard title={m.stepDeclarations}>
      <p className="sc-intro">{m.declarationsIntro}</p>
      {DEFAULT_DECLARATION_RULES.map((rule) => (
        <ChoiceField
          key={rule.key}
          name={['declarations', rule.key]}
          label={m.declarations[rule.key]}
          required
          requiredMessage={m.declarationRequired}
          options={YES_NO}
        />
      ))}
    </SectionCard>
  );
}
