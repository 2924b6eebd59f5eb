import nodemailer from 'nodemailer';
import type { MessageDelivery } from './message-delivery';

export interface SmtpOptions {
  /** smtp://user:password@host:587 or smtps://…:465; query options such as ?ignoreTLS=true pass on. */
  url: string;
  /** The From header, e.g. "全国卫生专业技术资格考试网上报名 <no-reply@example.gov.cn>". */
  from: string;
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
    await transport.sendMail({
      from: options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      textEncoding: 'base64',
    });
  };
  return Object.assign(send, { close: () => transport.close() });
}
