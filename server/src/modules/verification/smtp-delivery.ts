import nodemailer from 'nodemailer';
import type { MessageDelivery } from './message-delivery';

export interface SmtpOptions {
  /** smtp://user:password@host:587 or smtps://…:465; query options such as ?ignoreTLS=true pass on. */
  url: string;
  /** The From header, e.g. "全国卫生专业技术资格考试网上报名 <no-reply@example.gov.cn>". */
  from: string;
}

/**
 * A failed SMTP delivery, stripped to the error's name, code (e.g. EENVELOPE, ECONNECTION) and SMTP
 * response code. Nodemailer's message and the server's response text may name the recipient, and
 * this error reaches logs and jobs.last_error: no address, no server text.
 */
export class SmtpDeliveryError extends Error {
  private constructor(
    readonly causeName: string,
    readonly code: string | undefined,
    readonly responseCode: number | undefined,
  ) {
    super(
      `SMTP delivery failed: ${causeName}` +
        (code ? ` code=${code}` : '') +
        (responseCode ? ` responseCode=${responseCode}` : ''),
    );
    this.name = 'SmtpDeliveryError';
  }

  static from(error: unknown): SmtpDeliveryError {
    const e = (typeof error === 'object' && error !== null ? error : {}) as {
      name?: unknown;
      code?: unknown;
      responseCode?: unknown;
    };
    const safe = (v: unknown) =>
      typeof v === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(v) ? v : undefined;
    return new SmtpDeliveryError(
      safe(e.name) ?? 'Error',
      safe(e.code),
      typeof e.responseCode === 'number' && Number.isInteger(e.responseCode)
        ? e.responseCode
        : undefined,
    );
  }
}

/**
 * E-mail through an SMTP server (nodemailer). Sends UTF-8 plain text; fails fast when the server
 * cannot be reached so the candidate is told to try again rather than waiting. Nodemailer's own
 * logger stays off: it would print recipients.
 */
export function createSmtpEmailDelivery(options: SmtpOptions): MessageDelivery['email'] & {
  close(): void;
} {
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    logger: false,
    debug: false,
  });
  const send = async (message: { to: string; subject: string; text: string }) => {
    try {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        textEncoding: 'base64',
      });
    } catch (error) {
      throw SmtpDeliveryError.from(error);
    }
  };
  return Object.assign(send, { close: () => transport.close() });
}
