export type { MessageDelivery, SmsMessage, EmailMessage } from './message-delivery';
export { combineDelivery } from './message-delivery';
export { createOutboxDelivery } from './outbox-delivery';
export { createSmtpEmailDelivery, SmtpDeliveryError, type SmtpOptions } from './smtp-delivery';
export {
  createVerificationService,
  MAX_CODE_ATTEMPTS,
  type VerificationService,
  type SendCodeInput,
  type CheckCodeInput,
  type CodeSent,
} from './verification.service';
export { devOutboxRoutes } from './dev-outbox.routes';
export { createDevOutboxService, type DevOutboxService } from './dev-outbox.service';
