/**
 * How the system sends a text message or an e-mail. Verification codes and notifications go
 * through this interface only; an SMS-gateway adapter (or any other transport) implements it.
 * Implementations must not log the recipient or the body: both are personal data, and a body may
 * hold a verification code.
 */
export interface SmsMessage {
  /** Canonical mobile number: 11 digits (mainland) or +852/+853/+886… */
  to: string;
  text: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MessageDelivery {
  /** Sends a text message; rejects when the transport refused or failed to take it. */
  sms: (message: SmsMessage) => Promise<void>;
  /** Sends an e-mail; rejects when the transport refused or failed to take it. */
  email: (message: EmailMessage) => Promise<void>;
}

/** Builds a delivery from one transport per channel (e.g. SMS to the outbox, e-mail by SMTP). */
export function combineDelivery(parts: {
  sms: MessageDelivery['sms'];
  email: MessageDelivery['email'];
}): MessageDelivery {
  return { sms: parts.sms, email: parts.email };
}
