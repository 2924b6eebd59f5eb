import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { MessageDelivery } from './message-delivery';
import * as outboxRepository from './outbox.repository';

/** The namespace of a recipient's keyed hash, shared with the lookups of candidates. */
export const recipientNamespace = (channel: 'sms' | 'email') =>
  channel === 'sms' ? 'mobile' : 'email';

/**
 * The default delivery: keeps every message in `outbound_messages` (recipient and body encrypted)
 * instead of sending it. A developer reads it through GET /api/dev/outbox, the tests too. It is
 * the only SMS delivery until an SMS-gateway adapter is written.
 */
export function createOutboxDelivery(deps: {
  db: Db;
  clock: Clock;
  crypto: FieldCrypto;
}): MessageDelivery {
  const { db, clock, crypto } = deps;
  const keep = async (channel: 'sms' | 'email', to: string, subject: string, text: string) => {
    await outboxRepository.insert(db, {
      channel,
      recipientHash: crypto.lookupHash(recipientNamespace(channel), to),
      recipientEncrypted: crypto.encrypt(to, 'outbound_messages.recipient'),
      subject,
      bodyEncrypted: crypto.encrypt(text, 'outbound_messages.body'),
      createdAt: clock.now(),
    });
  };
  return {
    sms: (message) => keep('sms', message.to, '短信', message.text),
    email: (message) => keep('email', message.to, message.subject, message.text),
  };
}
