import type { Kysely } from 'kysely';
import type { IdentityDocumentType, ProfileSectionKey } from '@hqe/core';
import type { CandidatePhotosTable, Database } from '../../db/schema';

type Db = Kysely<Database>;

/** The column of each section (camelCase through the CamelCasePlugin). */
export const SECTION_COLUMNS = {
  personal: 'personal',
  currentEmployer: 'currentEmployer',
  education: 'education',
  workHistory: 'workHistory',
  qualifications: 'qualifications',
  earlyApplicationClaims: 'earlyApplicationClaims',
  declarations: 'declarations',
} as const satisfies Record<ProfileSectionKey, keyof Database['candidateProfiles']>;

const profileColumns = [
  'accountId',
  'version',
  'personal',
  'currentEmployer',
  'education',
  'workHistory',
  'qualifications',
  'earlyApplicationClaims',
  'declarations',
  'lockedAt',
  'lockedReason',
  'updatedAt',
] as const;

/**
 * A candidate's profile row; `forUpdate` locks it until the transaction ends, `forShare` keeps it
 * from changing until then (a save waits; other readers do not).
 */
export function findProfile(
  db: Db,
  accountId: number,
  options: { forUpdate?: boolean; forShare?: boolean } = {},
) {
  let query = db
    .selectFrom('candidateProfiles')
    .select(profileColumns)
    .where('accountId', '=', accountId);
  if (options.forUpdate) query = query.forUpdate();
  else if (options.forShare) query = query.forShare();
  return query.executeTakeFirst();
}
export type ProfileRow = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

/** Creates the empty row (version 0) unless it exists; concurrent callers both succeed. */
export async function ensureProfile(db: Db, accountId: number, now: Date): Promise<void> {
  await db
    .insertInto('candidateProfiles')
    .values({ accountId, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.column('accountId').doNothing())
    .execute();
}

/**
 * Replaces one section if the row is still at `expectedVersion`, moving it to the next version;
 * undefined when someone else saved in between.
 */
export function replaceSection(
  db: Db,
  accountId: number,
  section: ProfileSectionKey,
  json: string,
  expectedVersion: number,
  now: Date,
) {
  return db
    .updateTable('candidateProfiles')
    .set((eb) => ({
      [SECTION_COLUMNS[section]]: json,
      version: eb('version', '+', 1),
      updatedAt: now,
    }))
    .where('accountId', '=', accountId)
    .where('version', '=', expectedVersion)
    .returning(profileColumns)
    .executeTakeFirst();
}

/** Sets the lock a confirmed registration puts on the profile (the first lock time is kept). */
export async function lock(db: Db, accountId: number, reason: string, at: Date): Promise<void> {
  await db
    .insertInto('candidateProfiles')
    .values({ accountId, lockedAt: at, lockedReason: reason, createdAt: at, updatedAt: at })
    .onConflict((oc) =>
      oc.column('accountId').doUpdateSet((eb) => ({
        lockedAt: eb.fn.coalesce('candidateProfiles.lockedAt', 'excluded.lockedAt'),
        lockedReason: eb.ref('excluded.lockedReason'),
        updatedAt: eb.ref('excluded.updatedAt'),
      })),
    )
    .execute();
}

/** Lifts the lock (e.g. the registration that set it was withdrawn). */
export async function unlock(db: Db, accountId: number, at: Date): Promise<void> {
  await db
    .updateTable('candidateProfiles')
    .set({ lockedAt: null, lockedReason: null, updatedAt: at })
    .where('accountId', '=', accountId)
    .execute();
}

/**
 * The identity document type the candidate registered with (the account half of issue #4 keeps
 * it in `candidates`); null for an account without one.
 */
export async function findIdentityDocument(
  db: Db,
  accountId: number,
): Promise<IdentityDocumentType | null> {
  const row = await db
    .selectFrom('candidates')
    .select('documentType')
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  return row?.documentType ?? null;
}

const photoColumns = [
  'accountId',
  'storageKey',
  'sha256',
  'width',
  'height',
  'sizeBytes',
  'uploadedAt',
] as const;

export function findPhoto(db: Db, accountId: number) {
  return db
    .selectFrom('candidatePhotos')
    .select(photoColumns)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}
export type PhotoRow = NonNullable<Awaited<ReturnType<typeof findPhoto>>>;

/** Puts a new photo on file in place of the previous one. */
export function savePhoto(db: Db, row: CandidatePhotosTable) {
  return db
    .insertInto('candidatePhotos')
    .values(row)
    .onConflict((oc) =>
      oc.column('accountId').doUpdateSet({
        storageKey: row.storageKey,
        sha256: row.sha256,
        width: row.width,
        height: row.height,
        sizeBytes: row.sizeBytes,
        uploadedAt: row.uploadedAt,
      }),
    )
    .returning(photoColumns)
    .executeTakeFirstOrThrow();
}
