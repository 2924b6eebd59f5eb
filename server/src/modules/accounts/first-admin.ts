import { sql } from 'kysely';
import { checkPassword, ROLES } from '@hqe/core';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { generatePassword, hashPassword } from '../../lib/secrets';
import { recordAuditEvent } from '../audit';
import * as accountsRepository from './accounts.repository';

export interface FirstAdminResult {
  created: boolean;
  username: string;
  /** Set only when the password was generated here: the caller prints it once. */
  generatedPassword?: string;
}

/** A generated password that meets the staff policy. */
function policyPassword(username: string): string {
  for (;;) {
    const candidate = generatePassword();
    if (checkPassword(candidate, 'staff', username).length === 0) return candidate;
  }
}

/**
 * Creates the first platform administrator when there is none. A generated password must be
 * changed at first login; one given through the environment is the operator's choice.
 */
export async function ensureFirstPlatformAdmin(
  db: Db,
  clock: Clock,
  wanted: { username: string; password: string | undefined },
): Promise<FirstAdminResult> {
  const existing = await db
    .selectFrom('accounts')
    .select('username')
    .where(sql<boolean>`${ROLES.platform_admin} = any(roles)`)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (existing) return { created: false, username: existing.username };
  if (wanted.password && checkPassword(wanted.password, 'staff', wanted.username).length > 0) {
    throw new Error(
      'INITIAL_ADMIN_PASSWORD does not meet the staff password policy ' +
        '(at least 12 characters, 3 of: upper case, lower case, digits, symbols; not the username).',
    );
  }
  if (await accountsRepository.findByUsername(db, wanted.username)) {
    throw new Error(
      `No active platform administrator exists, and the username "${wanted.username}" is taken. ` +
        'Set INITIAL_ADMIN_USERNAME to a free name, or re-enable an administrator in the database.',
    );
  }
  const password = wanted.password ?? policyPassword(wanted.username);
  const passwordHash = await hashPassword(password);
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const id = await accountsRepository.insert(trx, {
      kind: 'staff',
      username: wanted.username,
      displayName: '平台管理员',
      passwordHash,
      roles: [ROLES.platform_admin],
      examAreaId: null,
      mustChangePassword: wanted.password === undefined,
      createdAt: now,
      updatedAt: now,
    });
    await recordAuditEvent(trx, {
      occurredAt: now,
      actorAccountId: null,
      examAreaId: null,
      action: 'account.created',
      entityType: 'account',
      entityId: id,
      after: { username: wanted.username, roles: [ROLES.platform_admin], reason: 'first_run' },
      requestId: null,
    });
  });
  return wanted.password === undefined
    ? { created: true, username: wanted.username, generatedPassword: password }
    : { created: true, username: wanted.username };
}
