// Public surface of the eligibility feature: the self-check (报考条件自测).
export { SelfCheck } from './components/self-check';
export type { CycleOption } from './components/specialty-section';
export { toCheckRequest, valuesFromProfile, type SelfCheckValues } from './form-values';
export { verdictOf, type Verdict } from './verdict';
export { eligibilityMessages } from './messages';
