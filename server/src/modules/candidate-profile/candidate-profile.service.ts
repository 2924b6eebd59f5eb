import { createHash } from 'node:crypto';
import {
  DEFAULT_ERROR_MESSAGES,
  PROFILE_PART_LABELS,
  PROFILE_SECTIONS,
  personalSectionIssues,
  profileCompleteness,
  sectionDateIssues,
  toEligibilityProfile,
  type CandidateAccountFacts,
  type CandidateEligibilityProfile,
  type CandidateProfileData,
  type CandidateProfileView,
  type PersonalSection,
  type PhotoView,
  type ProfileIssue,
  type ProfileSectionData,
  type ProfileSectionKey,
  type SaveProfileSectionRequest,
  type UploadPhotoRequest,
  type UploadPhotoResponse,
} from '@hqe/core';
import type { PhotoRules } from '../../config';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/errors';
import { FileNotFoundError, newStorageKey, type FileStorage } from '../../lib/storage';
import { recordAuditEvent } from '../audit';
import * as repo from './candidate-profile.repository';
import { normalisePhoto } from './photo';

const PHOTO_URL = '/api/candidate/profile/photo';
const ENTITY = 'candidate_profile';

/** Today's date in the exam area's time (Asia/Shanghai, UTC+8 all year). */
export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A stored section, read back through its schema (null: never saved). */
function sectionOf<K extends ProfileSectionKey>(
  key: K,
  stored: unknown,
): ProfileSectionData<K> | null {
  if (stored === null || stored === undefined) return null;
  return PROFILE_SECTIONS[key].parse(stored) as ProfileSectionData<K>;
}

/** The basic information's sections (the photo aside), each null when never saved. */
export type ProfileSections = Omit<CandidateProfileData, 'hasPhoto'>;

function sectionsOf(row: repo.ProfileRow | undefined): ProfileSections {
  return {
    personal: sectionOf('personal', row?.personal),
    currentEmployer: sectionOf('currentEmployer', row?.currentEmployer),
    education: sectionOf('education', row?.education),
    workHistory: sectionOf('workHistory', row?.workHistory),
    qualifications: sectionOf('qualifications', row?.qualifications),
    earlyApplicationClaims: sectionOf('earlyApplicationClaims', row?.earlyApplicationClaims),
    declarations: sectionOf('declarations', row?.declarations),
  };
}

function dataOf(row: repo.ProfileRow | undefined, hasPhoto: boolean): CandidateProfileData {
  return { ...sectionsOf(row), hasPhoto };
}

/** One saved section, as a listener of the save reads it (inside the save's transaction). */
export interface ProfileSectionChange {
  accountId: number;
  section: ProfileSectionKey;
  /** Every section before and after the save. */
  before: ProfileSections;
  after: ProfileSections;
  at: Date;
  actor: Actor;
}

/**
 * Another module's part in a section save, wired in buildApp() (this module imports none of its
 * listeners): the registrations module marks the application forms printed from the old values
 * (decision 0012). Both steps run in the save's transaction, so a failure saves nothing.
 * `lockDependents` runs first, before the profile row is locked: the save then takes its row locks
 * in the order a registration's transaction does (registration rows, then the profile row, e.g. a
 * confirmation locking the profile), and the two never wait on each other in a circle.
 */
export interface ProfileSaveListener {
  lockDependents(trx: Db, accountId: number): Promise<void>;
  sectionSaved(trx: Db, change: ProfileSectionChange): Promise<void>;
}

function photoView(photo: repo.PhotoRow): PhotoView {
  return {
    width: photo.width,
    height: photo.height,
    sizeBytes: photo.sizeBytes,
    uploadedAt: photo.uploadedAt.toISOString(),
    url: `${PHOTO_URL}?v=${photo.sha256.slice(0, 16)}`,
  };
}

/** How much a section holds, for the audit log: record counts and field names, never values. */
function summary(key: ProfileSectionKey, value: unknown) {
  if (value === null || value === undefined) return { saved: false };
  if (Array.isArray(value)) return { saved: true, records: value.length };
  const fields = Object.keys(value).sort();
  return key === 'declarations' ? { saved: true } : { saved: true, fields };
}

function changedFields(before: unknown, after: unknown): string[] | undefined {
  if (Array.isArray(after) || typeof after !== 'object' || after === null) return undefined;
  const b = (before ?? {}) as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .sort();
}

const lockedError = (row: repo.ProfileRow) =>
  new AppError(
    'profile_locked',
    `${DEFAULT_ERROR_MESSAGES.profile_locked}（${row.lockedReason ?? '报名已确认'}）`,
    { lockedAt: row.lockedAt?.toISOString(), reason: row.lockedReason },
  );

const versionConflict = () => new AppError('version_conflict');

function invalid(key: ProfileSectionKey, issues: ProfileIssue[]): AppError {
  const prefixed = issues.map((i) => ({ path: `data.${i.path}`, message: i.message }));
  const first = prefixed[0];
  return new AppError(
    'validation_failed',
    `${PROFILE_PART_LABELS[key]}有误${first ? `（${first.path}）：${first.message}` : ''}`,
    { issues: prefixed },
  );
}

/** Throws `profile_locked` when a confirmed registration depends on the profile. */
function assertUnlocked(row: repo.ProfileRow): void {
  if (row.lockedAt !== null) throw lockedError(row);
}

/**
 * The profile and the account facts it is read against, for registration (issue #5). `forShare`
 * (in a transaction): the profile cannot be saved until the transaction ends, so what was read is
 * what holds when it commits.
 */
export async function loadCandidateProfile(
  db: Db,
  accountId: number,
  options: { forShare?: boolean } = {},
): Promise<{ data: CandidateProfileData; account: CandidateAccountFacts; version: number }> {
  const [row, photo, identityDocument] = await Promise.all([
    repo.findProfile(db, accountId, { forShare: options.forShare ?? false }),
    repo.findPhoto(db, accountId),
    repo.findIdentityDocument(db, accountId),
  ]);
  return {
    data: dataOf(row, photo !== undefined),
    account: { identityDocument },
    version: row?.version ?? 0,
  };
}

/**
 * Locks the profile for a confirmed registration: from then on every section and the photo refuse
 * changes with `profile_locked`. Call it in the registration's transaction (issue #5).
 */
export async function lockProfile(
  trx: Db,
  accountId: number,
  reason: string,
  at: Date = new Date(),
): Promise<void> {
  await repo.lock(trx, accountId, reason, at);
}

/**
 * Lifts the lock, when no confirmed registration depends on the profile any more; true when it was
 * lifted (false: not locked, or `unless` said it is still needed). Under the profile's row lock:
 * `unless` is asked there, so a confirmation locking the profile at the same time either is seen
 * by it or locks again after it; of two callers at once, one lifts the lock, the other finds it
 * lifted. Audited with `cause` (no personal data); the caller's transaction.
 */
export async function unlockProfile(
  trx: Db,
  accountId: number,
  at: Date = new Date(),
  options: { unless?: (trx: Db) => Promise<boolean>; cause?: Record<string, unknown> } = {},
): Promise<boolean> {
  const row = await repo.findProfile(trx, accountId, { forUpdate: true });
  if (!row || row.lockedAt === null) return false;
  if (options.unless && (await options.unless(trx))) return false;
  await repo.unlock(trx, accountId, at);
  await recordAuditEvent(trx, {
    occurredAt: at,
    actorAccountId: null,
    examAreaId: null,
    action: 'candidate_profile.unlocked',
    entityType: ENTITY,
    entityId: accountId,
    before: { lockedAt: row.lockedAt.toISOString(), reason: row.lockedReason },
    after: { locked: false, ...options.cause },
    requestId: null,
  });
  return true;
}

/**
 * The candidate's basic information (基本信息维护): read it whole, replace one section at a time
 * from the version last read, upload the base photo, and map it into the eligibility check's
 * input. Every use case works on the acting account only: nothing takes an account id from outside.
 */
export function createCandidateProfileService({
  db,
  clock,
  storage,
  photoRules,
  onSectionSave,
}: {
  db: Db;
  clock: Clock;
  storage: FileStorage;
  photoRules: PhotoRules;
  /** Runs in each section save's transaction (see ProfileSaveListener). */
  onSectionSave?: ProfileSaveListener;
}) {
  async function view(trx: Db, accountId: number): Promise<CandidateProfileView> {
    const [row, photo, identityDocument] = await Promise.all([
      repo.findProfile(trx, accountId),
      repo.findPhoto(trx, accountId),
      repo.findIdentityDocument(trx, accountId),
    ]);
    const data = dataOf(row, photo !== undefined);
    return {
      version: row?.version ?? 0,
      identityDocument,
      personal: data.personal,
      currentEmployer: data.currentEmployer,
      education: data.education,
      workHistory: data.workHistory,
      qualifications: data.qualifications,
      earlyApplicationClaims: data.earlyApplicationClaims,
      declarations: data.declarations,
      photo: photo ? photoView(photo) : null,
      locked:
        row?.lockedAt && row.lockedReason !== null
          ? { at: row.lockedAt.toISOString(), reason: row.lockedReason }
          : null,
      updatedAt: row && row.version > 0 ? row.updatedAt.toISOString() : null,
      completeness: profileCompleteness(data, { identityDocument }),
    };
  }

  /** Rules a schema cannot see: dates after today, and the personal section against the document. */
  async function crossCheck<K extends ProfileSectionKey>(
    accountId: number,
    key: K,
    data: ProfileSectionData<K>,
  ): Promise<void> {
    const issues = sectionDateIssues(key, data, shanghaiToday(clock.now()));
    if (key === 'personal') {
      const identityDocument = await repo.findIdentityDocument(db, accountId);
      issues.push(...personalSectionIssues(data as PersonalSection, identityDocument));
    }
    if (issues.length > 0) throw invalid(key, issues);
  }

  return {
    getProfile: (actor: Actor) => view(db, actor.accountId),

    /**
     * Replaces one whole section. Refused when the profile is locked (`profile_locked`) or was
     * saved since `version` was read (`version_conflict`); nothing changes then.
     */
    async saveSection<K extends ProfileSectionKey>(
      actor: Actor,
      key: K,
      request: SaveProfileSectionRequest<K>,
    ): Promise<CandidateProfileView> {
      const data = request.data as ProfileSectionData<K>;
      await crossCheck(actor.accountId, key, data);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        await onSectionSave?.lockDependents(trx, actor.accountId);
        await repo.ensureProfile(trx, actor.accountId, now);
        const before = await repo.findProfile(trx, actor.accountId, { forUpdate: true });
        if (!before) throw versionConflict();
        assertUnlocked(before);
        if (before.version !== request.version) throw versionConflict();
        const stored = before[repo.SECTION_COLUMNS[key]];
        const after = await repo.replaceSection(
          trx,
          actor.accountId,
          key,
          JSON.stringify(data),
          request.version,
          now,
        );
        if (!after) throw versionConflict();
        const fields = changedFields(stored, data);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: null,
          action: 'candidate_profile.section_saved',
          entityType: ENTITY,
          entityId: actor.accountId,
          before: { section: key, version: before.version, ...summary(key, stored) },
          after: {
            section: key,
            version: after.version,
            ...summary(key, data),
            ...(fields && key !== 'declarations' ? { changedFields: fields } : {}),
          },
          requestId: actor.requestId,
        });
        await onSectionSave?.sectionSaved(trx, {
          accountId: actor.accountId,
          section: key,
          before: sectionsOf(before),
          after: sectionsOf(after),
          at: now,
          actor,
        });
        return view(trx, actor.accountId);
      });
    },

    /** The basic information as the eligibility self-check's input, with what is still missing. */
    async getEligibilityProfile(actor: Actor): Promise<CandidateEligibilityProfile> {
      const { data, account } = await loadCandidateProfile(db, actor.accountId);
      const mapping = toEligibilityProfile(data, account);
      return { complete: mapping.complete, missing: mapping.missing, profile: mapping.profile };
    },

    /**
     * Checks and normalises a new base photo and puts it on file. The new file is stored first; the
     * previous photo stays until the new row is committed, and is removed only then.
     */
    async uploadPhoto(actor: Actor, request: UploadPhotoRequest): Promise<UploadPhotoResponse> {
      const bytes = Buffer.from(request.contentBase64, 'base64');
      if (bytes.length > photoRules.maxInputBytes) {
        throw new AppError(
          'payload_too_large',
          `照片文件不能超过 ${Math.round(photoRules.maxInputBytes / 1024 / 1024)} MB，请缩小后重新上传。`,
        );
      }
      const current = await repo.findProfile(db, actor.accountId);
      if (current) assertUnlocked(current);

      const outcome = await normalisePhoto(bytes, photoRules);
      if (!outcome.ok) {
        throw new AppError(
          outcome.reason === 'unreadable' ? 'unsupported_media_type' : 'photo_rejected',
          outcome.message,
          { checks: outcome.checks },
        );
      }
      const { jpeg, width, height, checks } = outcome.photo;
      const now = clock.now();
      const storageKey = newStorageKey('candidate-photos', now);
      await storage.put(storageKey, jpeg);
      let previousKey: string | undefined;
      let saved: repo.PhotoRow;
      try {
        saved = await db.transaction().execute(async (trx) => {
          await repo.ensureProfile(trx, actor.accountId, now);
          const row = await repo.findProfile(trx, actor.accountId, { forUpdate: true });
          if (row) assertUnlocked(row);
          const previous = await repo.findPhoto(trx, actor.accountId);
          previousKey = previous?.storageKey;
          const photo = await repo.savePhoto(trx, {
            accountId: actor.accountId,
            storageKey,
            sha256: createHash('sha256').update(jpeg).digest('hex'),
            width,
            height,
            sizeBytes: jpeg.length,
            uploadedAt: now,
          });
          await recordAuditEvent(trx, {
            occurredAt: now,
            actorAccountId: actor.accountId,
            examAreaId: null,
            action: 'candidate_profile.photo_uploaded',
            entityType: ENTITY,
            entityId: actor.accountId,
            before: previous
              ? { section: 'photo', width: previous.width, height: previous.height }
              : { section: 'photo', saved: false },
            after: { section: 'photo', width, height, sizeBytes: jpeg.length },
            requestId: actor.requestId,
          });
          return photo;
        });
      } catch (error) {
        await storage.delete(storageKey);
        throw error;
      }
      // The new photo is committed: the previous file is garbage now. Failing to remove it leaves
      // an unreferenced file behind, never a broken photo, so it does not fail the upload.
      if (previousKey !== undefined) await storage.delete(previousKey).catch(() => undefined);
      return { photo: photoView(saved), checks };
    },

    /** The stored JPEG of the acting candidate. */
    async getPhoto(actor: Actor): Promise<Buffer> {
      const photo = await repo.findPhoto(db, actor.accountId);
      if (!photo) throw notFound('您尚未上传基本照片，请先上传。');
      try {
        return await storage.get(photo.storageKey);
      } catch (error) {
        if (error instanceof FileNotFoundError) {
          throw notFound('照片文件不存在，请重新上传基本照片。');
        }
        throw error;
      }
    },
  };
}
export type CandidateProfileService = ReturnType<typeof createCandidateProfileService>;
