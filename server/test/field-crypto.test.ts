import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import {
  createFieldCrypto,
  keyFilePath,
  maskDocumentNumber,
  maskEmail,
  maskMobile,
  resolveDataEncryptionKey,
} from '../src/lib/field-crypto';
import { createCandidate } from './factories';
import { createTestContext, type TestContext } from './test-app';

const KEY = Buffer.alloc(32, 7);

describe('field encryption', () => {
  const crypto = createFieldCrypto(KEY);

  it('when a value is encrypted twice, then the texts differ and both decrypt to the value', () => {
    const a = crypto.encrypt('310101199003071234', 'candidates.document_number');
    const b = crypto.encrypt('310101199003071234', 'candidates.document_number');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('310101');
    expect(crypto.decrypt(a, 'candidates.document_number')).toBe('310101199003071234');
    expect(crypto.decrypt(b, 'candidates.document_number')).toBe('310101199003071234');
  });

  it('when a value is decrypted for another column, then it is refused', () => {
    const text = crypto.encrypt('13812345678', 'candidates.mobile');
    expect(() => crypto.decrypt(text, 'candidates.document_number')).toThrow();
  });

  it('when the ciphertext is altered, then decryption fails instead of returning garbage', () => {
    const text = crypto.encrypt('13812345678', 'candidates.mobile');
    const last = text.at(-1) === 'A' ? 'B' : 'A';
    expect(() => crypto.decrypt(`${text.slice(0, -1)}${last}`, 'candidates.mobile')).toThrow();
  });

  it('when another key decrypts, then it fails; the lookup hash also depends on the key', () => {
    const other = createFieldCrypto(Buffer.alloc(32, 8));
    const text = crypto.encrypt('13812345678', 'candidates.mobile');
    expect(() => other.decrypt(text, 'candidates.mobile')).toThrow();
    expect(other.lookupHash('mobile', '13812345678')).not.toBe(
      crypto.lookupHash('mobile', '13812345678'),
    );
  });

  it('when the same value is hashed, then the hash is stable per namespace and key', () => {
    const h = crypto.lookupHash('mobile', '13812345678');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(crypto.lookupHash('mobile', '13812345678')).toBe(h);
    expect(crypto.lookupHash('document', '13812345678')).not.toBe(h);
    expect(crypto.sameHash(h, h)).toBe(true);
    expect(crypto.sameHash(h, crypto.lookupHash('mobile', '13812345679'))).toBe(false);
  });

  it('when the key is not 32 bytes, then the cipher refuses to start', () => {
    expect(() => createFieldCrypto(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('masking', () => {
  it.each([
    ['310101199003071234', '3101**********1234'],
    ['H12345678', 'H1*****78'],
    ['E1234567', 'E1****67'],
    ['AB123', 'A***3'],
  ])('when the document number is %s, then it is shown as %s', (value, masked) => {
    expect(maskDocumentNumber(value)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['+85291234567', '+852 9***4567'],
    ['+886912345678', '+886 9****5678'],
  ])('when the mobile is %s, then it is shown as %s', (value, masked) => {
    expect(maskMobile(value)).toBe(masked);
  });

  it('when an e-mail address is masked, then only its first character and domain remain', () => {
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskEmail('not-an-address')).toBe('***');
  });
});

describe('the data-encryption key', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hqe-key-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('when DATA_ENCRYPTION_KEY is set, then it is the key', async () => {
    const value = Buffer.alloc(32, 3).toString('base64');
    const config = loadConfig({ NODE_ENV: 'development', DATA_ENCRYPTION_KEY: value });
    expect((await resolveDataEncryptionKey(config)).equals(Buffer.alloc(32, 3))).toBe(true);
  });

  it('when DATA_ENCRYPTION_KEY is not 32 bytes of base64, then the configuration is refused without echoing it', () => {
    const value = Buffer.alloc(16, 3).toString('base64');
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: value })).toThrow(/DATA_ENCRYPTION_KEY/);
    try {
      loadConfig({ DATA_ENCRYPTION_KEY: value });
    } catch (error) {
      expect(String(error)).not.toContain(value);
    }
  });

  it('when no key is configured on the embedded defaults, then one is generated once into DATA_DIR and reused', async () => {
    const dir = tempDir();
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir });
    expect(config.dataEncryptionKey).toBeNull();
    const first = await resolveDataEncryptionKey(config);
    const second = await resolveDataEncryptionKey(config);
    expect(first).toHaveLength(32);
    expect(second.equals(first)).toBe(true);
    const file = keyFilePath(config.dataDir);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('when two processes start together on a new DATA_DIR, then they agree on one key', async () => {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: tempDir() });
    const keys = await Promise.all([1, 2, 3, 4].map(() => resolveDataEncryptionKey(config)));
    for (const key of keys) expect(key.equals(keys[0] as Buffer)).toBe(true);
  });

  it('when production runs on a PostgreSQL server without a key, then it refuses to start', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/hqe',
      DATA_DIR: tempDir(),
    });
    await expect(resolveDataEncryptionKey(config)).rejects.toThrow(/DATA_ENCRYPTION_KEY/);
  });
});

describe('personal data at rest', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('when a candidate is stored, then neither the document number nor the mobile nor the e-mail is anywhere in the row', async () => {
    const candidate = await createCandidate(ctx.db, {
      documentNumber: '11010519491231002X',
      mobile: '13812345678',
      email: 'li.si@example.com',
    });
    const { rows } = await sql<Record<string, unknown>>`
      select * from candidates where account_id = ${candidate.accountId}`.execute(ctx.db);
    const text = JSON.stringify(rows);
    expect(rows).toHaveLength(1);
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('19491231002');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('12345678');
    expect(text).not.toContain('li.si');
    // What is derived from the document is kept plainly: it is not the number.
    expect(rows[0]).toMatchObject({ gender: 'female', name: '张三' });
  });
});
