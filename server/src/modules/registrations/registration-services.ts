import { createMaterialsService } from './materials.service';
import type { RegistrationDeps } from './registration-deps';
import { createRegistrationFormService } from './registration-form.service';
import { createRegistrationService } from './registration.service';
import type { RegistrationRouteServices } from './registrations.routes';
import { createSubmissionService } from './submission.service';

/** The candidate's registration use cases, composed once in buildApp(). */
export function createRegistrationServices(deps: RegistrationDeps): RegistrationRouteServices {
  return {
    registrations: createRegistrationService(deps),
    submissions: createSubmissionService(deps),
    materials: createMaterialsService(deps),
    forms: createRegistrationFormService(deps),
  };
}
