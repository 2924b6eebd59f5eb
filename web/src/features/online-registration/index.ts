// Public surface of the online registration feature (网上报名, issue #5).
export { RegistrationJourney } from './components/registration-journey';
export { onlineRegistrationMessages } from './messages';
export { isUiStepKey, UI_STEPS, type UiStepKey } from './steps';
