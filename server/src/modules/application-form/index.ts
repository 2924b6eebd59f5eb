export {
  applicationFormDataSchema,
  applicationFormMetaSchema,
  missingCharactersMessage,
  REGISTRATION_NO_PATTERN,
  type ApplicationFormData,
  type ApplicationFormMeta,
  type MissingCharacter,
  type RenderedApplicationForm,
} from './application-form.data';
export {
  formTitle,
  renderApplicationForm,
  renderBlankApplicationForm,
  warmUpApplicationForm,
} from './application-form.pdf';
export {
  createApplicationFormService,
  type ApplicationFormService,
  type PdfDownload,
} from './application-form.service';
export { applicationFormRoutes } from './application-form.routes';
