import { parseMobile, type DevOutboxResponse } from '@hqe/core';
import type { Db } from '../../db/database';
import type { FieldCrypto } from '../../lib/field-crypto';
import { recipientNamespace } from './outbox-delivery';
import * as outboxRepository from './outbox.repository';

/** Reads the development outbox for one recipient (a mobile number or an e-mail address). */
export function createDevOutboxService({ db, crypto }: { db: Db; crypto: FieldCrypto }) {
  return {
    async list(recipient: string): Promise<DevOutboxResponse> {
      const mobile = parseMobile(recipient);
      const channel = mobile.ok ? 'sms' : 'email';
      const to = mobile.ok ? mobile.mobile : recipient.trim().toLowerCase();
      const rows = await outboxRepository.listByRecipient(
        db,
        crypto.lookupHash(recipientNamespace(channel), to),
        20,
      );
      return {
        messages: rows.map((row) => {
          const body = crypto.decrypt(row.bodyEncrypted, 'outbound_messages.body');
          return {
            id: row.id,
            channel: row.channel,
            to: crypto.decrypt(row.recipientEncrypted, 'outbound_messages.recipient'),
            subject: row.subject,
            body,
            code: /验证码为 ([0-9]{6})/.exec(body)?.[1] ?? null,
            createdAt: row.createdAt.toISOString(),
          };
        }),
      };
    },
  };
}
export type DevOutboxService = ReturnType<typeof createDevOutboxService>;
