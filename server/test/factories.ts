import { gb11643CheckCharacter, parseIdentityDocument, type Role } from '@hqe/core';
import { loadConfig } from '../src/config';
import type { Db } from '../src/db/database';
import { createFieldCrypto } from '../src/lib/field-crypto';
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

/** A valid 居民身份证 number (Shanghai, born 1990) no other factory call in this process made. */
export function uniqueResidentId(birthDate = '19900307'): string {
  sequence += 1;
  const first17 = `310101${birthDate}${String(sequence % 1000).padStart(3, '0')}`;
  return `${first17}${gb11643CheckCharacter(first17)}`;
}

/** A mainland mobile number no other factory call in this process made. */
export function uniqueMobile(): string {
  sequence += 1;
  return `139${String((process.pid * 1000 + sequence) % 100_000_000).padStart(8, '0')}`;
}

export interface CandidateFactoryOptions {
  /** A 居民身份证 number (default: a fresh valid one); its birth date and gender are derived. */
  documentNumber?: string;
  mobile?: string;
  name?: string;
  password?: string;
  email?: string;
}

/**
 * Creates a signed-up candidate directly in the database: the account (with an opaque username)
 * and its identity row, encrypted with the test environment's data-encryption key, mobile verified
 * (and the e-mail address verified when given). Log in with the document number or the mobile.
 */
export async function createCandidate(db: Db, options: CandidateFactoryOptions = {}) {
  const documentNumber = options.documentNumber ?? uniqueResidentId();
  const mobile = options.mobile ?? uniqueMobile();
  const name = options.name ?? '张三';
  const password = options.password ?? STRONG_PASSWORD;
  const parsed = parseIdentityDocument('resident_id', documentNumber, '2100-01-01');
  if (!parsed.ok) throw new Error(`createCandidate: ${parsed.message}`);
  const key = loadConfig({ NODE_ENV: 'test' }).dataEncryptionKey;
  if (!key) throw new Error('createCandidate: no test data-encryption key');
  const crypto = createFieldCrypto(key);
  const username = uniqueUsername('c');
  const email = options.email?.trim().toLowerCase();
  const now = new Date();
  const account = await db
    .insertInto('accounts')
    .values({
      kind: 'candidate',
      username,
      displayName: name,
      passwordHash: await hashPassword(password),
      roles: ['candidate'],
      examAreaId: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('candidates')
    .values({
      accountId: account.id,
      documentType: 'resident_id',
      documentNumberEncrypted: crypto.encrypt(parsed.document.number, 'candidates.document_number'),
      documentNumberHash: crypto.lookupHash('document', parsed.document.number),
      name,
      gender: parsed.document.gender ?? null,
      birthDate: parsed.document.birthDate ?? null,
      mobileEncrypted: crypto.encrypt(mobile, 'candidates.mobile'),
      mobileHash: crypto.lookupHash('mobile', mobile),
      mobileVerifiedAt: now,
      emailEncrypted: email ? crypto.encrypt(email, 'candidates.email') : null,
      emailHash: email ? crypto.lookupHash('email', email) : null,
      emailVerifiedAt: email ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return {
    accountId: account.id,
    username,
    documentNumber: parsed.document.number,
    mobile,
    password,
    name,
  };
}
