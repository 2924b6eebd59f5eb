export type { MaterialLimits, RegistrationDeps } from './registration-deps';
export { createRegistrationServices } from './registration-services';
export { createRegistrationService, type RegistrationService } from './registration.service';
export { createSubmissionService, type SubmissionService } from './submission.service';
export {
  createMaterialsService,
  type MaterialDownload,
  type MaterialsService,
} from './materials.service';
export {
  createRegistrationFormService,
  type FormDownload,
  type RegistrationFormService,
} from './registration-form.service';
export { registrationRoutes, type RegistrationRouteServices } from './registrations.routes';
export {
  createRegistrationDecisions,
  type ConfirmationDecisionInput,
  type DecisionGuard,
  type DecisionOutcome,
  type QualificationDecisionInput,
  type RegistrationDecisions,
} from './decisions';
// For the review console (issue #6): a registration as its area's staff read it.
export { loadStaffContext, type RegistrationContext } from './registration-context';
export {
  buildSubmissionSnapshot,
  listSubmissions,
  type SubmissionRecord,
  type SubmissionSnapshot,
} from './submission-snapshot';
export { qualificationResultsPublished, reasonsOf, supplementOf } from './registration-view';
export { openPhaseKinds } from './registration-calendar';
export type { RegistrationRow } from './registrations.repository';
export { createLapseJob, LAPSE_EVERY_MS, LAPSE_JOB, type LapseJob } from './deadline-job';
// 个人中心 and the registrations that depend on it (decision 0012): wired in buildApp().
export { profileFormReprint } from './profile-reprint';
export {
  createProfileUnlockJob,
  PROFILE_UNLOCK_EVERY_MS,
  PROFILE_UNLOCK_JOB,
  type ProfileUnlockJob,
} from './profile-lock';
