import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';

/**
 * Field-level protection of personal data at rest (document numbers, mobile numbers, e-mail
 * addresses, the development outbox):
 *
 * - `encrypt` / `decrypt`: AES-256-GCM with a random 96-bit nonce; the column name is bound as
 *   additional data, so a value copied into another column does not decrypt. Stored as text
 *   `v1.<base64url(nonce | ciphertext | tag)>`; the version prefix leaves room for a key rotation.
 * - `lookupHash`: HMAC-SHA-256 of the normalised value under a separate key, for equality lookups
 *   and unique constraints without decrypting. Keyed, so a leaked table cannot be reversed by
 *   hashing every possible phone or ID number.
 *
 * Both keys are derived with HKDF from one 32-byte master key: `DATA_ENCRYPTION_KEY`, or on the
 * embedded defaults a key generated on the first run into `DATA_DIR/secrets/data-encryption.key`
 * (mode 0600). Losing that key loses the protected fields: back it up apart from the database.
 */
export interface FieldCrypto {
  encrypt(plaintext: string, column: string): string;
  decrypt(ciphertext: string, column: string): string;
  /** Keyed hash (hex) of a normalised value within a namespace ('document', 'mobile', …). */
  lookupHash(namespace: string, value: string): string;
  /** Constant-time comparison of two hex hashes. */
  sameHash(a: string, b: string): boolean;
}

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

/** Builds the field cipher and the lookup hash from the 32-byte master key. */
export function createFieldCrypto(masterKey: Buffer): FieldCrypto {
  if (masterKey.length !== 32) throw new Error('the data-encryption key must be 32 bytes');
  const encryptionKey = derive(masterKey, 'hqe/field-encryption/v1');
  const hashKey = derive(masterKey, 'hqe/lookup-hash/v1');
  return {
    encrypt(plaintext, column) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, nonce);
      cipher.setAAD(Buffer.from(column, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    decrypt(ciphertext, column) {
      const [version, payload] = ciphertext.split('.', 2);
      if (version !== VERSION || !payload) throw new Error('unknown field-encryption format');
      const raw = Buffer.from(payload, 'base64url');
      if (raw.length < NONCE_BYTES + TAG_BYTES) throw new Error('truncated encrypted field');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, NONCE_BYTES));
      decipher.setAAD(Buffer.from(column, 'utf8'));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
    lookupHash(namespace, value) {
      return createHmac('sha256', hashKey).update(`${namespace}\u0000${value}`).digest('hex');
    },
    sameHash(a, b) {
      const x = Buffer.from(a, 'hex');
      const y = Buffer.from(b, 'hex');
      return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
    },
  };
}

/** Where the generated key lives when DATA_ENCRYPTION_KEY is not set. */
export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, 'secrets', 'data-encryption.key');
}

/**
 * The master key: DATA_ENCRYPTION_KEY when set; otherwise the key in DATA_DIR, generated on the
 * first run (created exclusively, so two processes starting together agree on one key). With a
 * PostgreSQL server in production the key must be configured: a key generated beside one app
 * process would not reach the others.
 */
export async function resolveDataEncryptionKey(config: Config): Promise<Buffer> {
  if (config.dataEncryptionKey) return config.dataEncryptionKey;
  if (config.env === 'production' && config.database.engine === 'postgres') {
    throw new Error(
      'DATA_ENCRYPTION_KEY is required in production with DATABASE_URL (see README.md, "Configuration").',
    );
  }
  const file = keyFilePath(config.dataDir);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  if (key.length !== 32) {
    throw new Error(`${file} does not hold a 32-byte base64 key; restore it from the backup.`);
  }
  return key;
}

// ---------------------------------------------------------------------------------------------
// Masking: what lists, logs and audit events show instead of the value.

/** 310101199003071234 → 3101**********1234; shorter numbers keep fewer characters. */
export function maskDocumentNumber(value: string): string {
  const chars = Array.from(value);
  const keep = chars.length >= 12 ? 4 : chars.length >= 8 ? 2 : 1;
  if (chars.length <= keep * 2) return '*'.repeat(chars.length);
  return `${chars.slice(0, keep).join('')}${'*'.repeat(chars.length - keep * 2)}${chars.slice(-keep).join('')}`;
}

/** 13812345678 → 138****5678; +85291234567 → +852 9***4567. */
export function maskMobile(value: string): string {
  const match = /^\+(852|853|886)([0-9]+)$/.exec(value);
  if (match) {
    const [, code, local] = match as unknown as [string, string, string];
    return `+${code} ${local.slice(0, 1)}${'*'.repeat(Math.max(local.length - 5, 0))}${local.slice(-4)}`;
  }
  if (value.length < 8) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** zhangsan@example.com → z***@example.com */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return '***';
  return `${Array.from(value.slice(0, at))[0] ?? ''}***${value.slice(at)}`;
}
