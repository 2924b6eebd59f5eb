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
  type DecisionOutcome,
  type RegistrationDecisions,
} from './decisions';
export { createLapseJob, LAPSE_EVERY_MS, LAPSE_JOB, type LapseJob } from './deadline-job';
