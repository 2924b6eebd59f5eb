// Public surface of the registration feature (for now: the candidate's steps).
export { RegistrationSteps, stepTitle } from './components/registration-steps';
export { registrationMessages } from './messages';
