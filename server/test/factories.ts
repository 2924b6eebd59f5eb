import type { Role } from '@hqe/core';
import type { Db } from '../src/db/database';
import { hashPassword } from '../src/lib/secrets';

export const STRONG_PASSWORD = 'Str0ng-Passw0rd!';

let sequence = 0;
/** A username no other factory call in this process has used. */
export function uniqueUsername(prefix = 'user'): string {
  sequence += 1;
  return `${prefix}${process.pid}x${sequence}`;
}

/** The id of an exam area by code (reference data loads Shanghai, code 31). */
export async function examAreaId(db: Db, code = '31'): Promise<number> {
  const area = await db
    .selectFrom('examAreas')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  if (area) return area.id;
  const created = await db
    .insertInto('examAreas')
    .values({ code, name: `考区${code}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

export interface AccountFactoryOptions {
  roles?: Role[];
  username?: string;
  password?: string;
  areaCode?: string | null;
  mustChangePassword?: boolean;
  status?: 'active' | 'disabled';
  displayName?: string;
}

/** Creates an account directly in the database; staff unless the roles say candidate. */
export async function createAccount(db: Db, options: AccountFactoryOptions = {}) {
  const roles = options.roles ?? ['platform_admin'];
  const kind = roles.includes('candidate') ? ('candidate' as const) : ('staff' as const);
  const username = options.username ?? uniqueUsername(kind);
  const password = options.password ?? STRONG_PASSWORD;
  const areaCode =
    options.areaCode === undefined
      ? roles.includes('platform_admin') || kind === 'candidate'
        ? null
        : '31'
      : options.areaCode;
  const row = await db
    .insertInto('accounts')
    .values({
      kind,
      username,
      displayName: options.displayName ?? `测试${username}`,
      passwordHash: await hashPassword(password),
      roles,
      examAreaId: areaCode === null ? null : await examAreaId(db, areaCode),
      mustChangePassword: options.mustChangePassword ?? false,
      status: options.status ?? 'active',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, password };
}
