import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { NotificationTemplateDefinition, OutboxChannel } from '@hqe/core';
import { loadConfig } from '../src/config';
import { createFieldCrypto, type FieldCrypto } from '../src/lib/field-crypto';
import type { NotificationChannel, OutgoingMessage } from '../src/modules/notifications';

/*
 * Test support for notifications (issue #7): the field crypto of the test environment, channels
 * that record or fail, and an SMTP server in this process as the real peer of the SMTP delivery.
 */

/** The field crypto the test app uses (the published test key). */
export function testCrypto(): FieldCrypto {
  const key = loadConfig({ NODE_ENV: 'test' }).dataEncryptionKey;
  if (!key) throw new Error('no test data-encryption key');
  return createFieldCrypto(key);
}

export interface RecordedDelivery {
  messageId: number | null;
  accountId: number;
  subject: string;
  body: string;
  worker: string;
}

/**
 * A queued channel that records what it delivers (to any account), optionally slowly — a stand-in
 * for a transport, shared by several "workers" to count deliveries.
 */
export function recordingChannel(options: {
  kind?: OutboxChannel;
  log: RecordedDelivery[];
  worker?: string;
  delayMs?: number;
  /** Never settles: the worker "dies" while holding the message. */
  hang?: boolean;
}): NotificationChannel {
  return {
    kind: options.kind ?? 'email',
    inline: false,
    async recipientFor(_db, _accountId, _template: NotificationTemplateDefinition) {
      return { masked: 't***@example.com' };
    },
    async deliver(_db, message: OutgoingMessage) {
      if (options.hang) await new Promise<never>(() => undefined);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      options.log.push({
        messageId: message.messageId,
        accountId: message.accountId,
        subject: message.subject,
        body: message.body,
        worker: options.worker ?? 'worker',
      });
      return { recipientMasked: 't***@example.com' };
    },
  };
}

/** A queued channel whose transport always fails with the given error. */
export function failingChannel(error: () => unknown, kind: OutboxChannel = 'email') {
  let calls = 0;
  const channel: NotificationChannel = {
    kind,
    inline: false,
    async recipientFor() {
      return { masked: 'f***@example.com' };
    },
    async deliver() {
      calls += 1;
      throw error();
    },
  };
  return { channel, calls: () => calls };
}

export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
}

/**
 * An SMTP server in this process: the real peer of the SMTP delivery. It takes every recipient
 * but those `refuses` names, which it answers with a permanent 550.
 */
export async function startSmtpPeer(options: { refuses?: (address: string) => boolean } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuses?.(address.address)) {
        const error = Object.assign(new Error(`550 mailbox ${address.address} unavailable`), {
          responseCode: 550,
        });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The raw header block of a message (folded lines kept) and its raw body. */
export function splitMime(raw: string): { head: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  return { head: raw.slice(0, split), body: raw.slice(split + 4) };
}

/** One header's raw value, unfolded but not decoded (lower-case name). */
export function rawHeader(head: string, name: string): string {
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\r\n')) {
    const colon = line.indexOf(':');
    if (line.slice(0, colon).toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return '';
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) of an unfolded header. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_x, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}
