import type { CandidateProfileView, DeclarationsSection } from '@hqe/core';
import {
  declarationsFromData,
  declarationsToData,
  formPathOfField,
  type DeclarationsValues,
} from '../form-values';
import { profileMessages as m } from '../messages';
import { ChoiceField, YES_NO } from './fields';
import { SectionForm } from './section-form';

const KEYS = Object.keys(m.declarations) as (keyof DeclarationsSection)[];

/** 诚信声明: every barred case of the eligibility rules, answered yes or no. */
export function DeclarationsForm({ profile }: { profile: CandidateProfileView }) {
  return (
    <SectionForm
      section="declarations"
      title={m.declarationsTitle}
      intro={<p>{m.declarationsIntro}</p>}
      profile={profile}
      fromData={declarationsFromData}
      toData={(values: DeclarationsValues) => declarationsToData(values)}
      formPathOf={formPathOfField}
    >
      {KEYS.map((key) => (
        <ChoiceField key={key} name={key} label={m.declarations[key]} options={YES_NO} />
      ))}
    </SectionForm>
  );
}
