import {
  EARLY_APPLICATION_CLAIMS,
  ELIGIBILITY_LEVELS,
  MATERIAL_SLOT_KEYS,
  PROFILE_SECTION_KEYS,
  type CandidateProfileData,
  type ProfileSectionKey,
} from '@hqe/core';
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { RegistrationContext } from './registration-context';
import { educationSnapshotSchema } from './registration-view';

/*
 * 报名提交快照: what a candidate submitted, stored with each submission and resubmission in the
 * submission's transaction (table registration_submissions, migration 0009). Reviewers read the
 * registration as submitted from it — the basic information may change after a return — and the
 * difference between the submission that was returned and the resubmission tells them what was
 * fixed. The identity document and the mobile are not copied (they stay encrypted in
 * `candidates`); the basic-information sections are copied as saved.
 */

const ref = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export const submissionSnapshotSchema = z.object({
  schemaVersion: z.literal(1),
  registrationNumber: z.string(),
  examArea: ref,
  city: ref.nullable(),
  testSite: ref.nullable(),
  specialty: z
    .object({
      code: z.string(),
      name: z.string(),
      level: z.enum(ELIGIBILITY_LEVELS),
      subjects: z.array(z.string()),
    })
    .nullable(),
  info: z
    .object({
      employer: z.string(),
      department: z.string(),
      post: z.string(),
      yearsInSpecialty: z.number().int(),
      education: educationSnapshotSchema,
      earlyApplicationClaim: z.enum(EARLY_APPLICATION_CLAIMS),
      returningFileNumber: z.string().nullable(),
    })
    .nullable(),
  /** The basic-information sections as saved at submission (null: never saved). */
  profile: z.record(z.string(), z.unknown()),
  photoSha256: z.string().nullable(),
  /** The material files at submission, by slot and position. */
  materials: z.array(
    z.object({
      fileId: z.number().int(),
      slot: z.enum(MATERIAL_SLOT_KEYS),
      position: z.number().int(),
      name: z.string(),
      sha256: z.string(),
    }),
  ),
});
export type SubmissionSnapshot = z.infer<typeof submissionSnapshotSchema>;

/** One stored submission, its snapshot read back through the schema. */
export interface SubmissionRecord {
  id: number;
  /** The submission's timeline entry: orders it against the returns. */
  eventId: number;
  event: 'submit' | 'resubmit';
  submittedAt: Date;
  snapshot: SubmissionSnapshot;
}

/** The snapshot of a registration about to be (re)submitted, from its context. */
export function buildSubmissionSnapshot(ctx: RegistrationContext): SubmissionSnapshot {
  const { row, area, city, testSite, offering } = ctx;
  const education = row.educationSnapshot
    ? educationSnapshotSchema.parse(row.educationSnapshot)
    : null;
  const profile: Record<string, unknown> = {};
  for (const key of PROFILE_SECTION_KEYS) {
    profile[key] = (ctx.profile.data as Pick<CandidateProfileData, ProfileSectionKey>)[key];
  }
  return {
    schemaVersion: 1,
    registrationNumber: row.registrationNumber,
    examArea: { id: area.id, code: area.code, name: area.name },
    city: city ? { id: city.id, code: city.code, name: city.name } : null,
    testSite: testSite ? { id: testSite.id, code: testSite.code, name: testSite.name } : null,
    specialty: offering
      ? {
          code: offering.code,
          name: offering.name,
          level: offering.level,
          subjects: offering.subjects,
        }
      : null,
    info:
      education &&
      row.employer !== null &&
      row.department !== null &&
      row.post !== null &&
      row.yearsInSpecialty !== null &&
      row.earlyApplicationClaim !== null
        ? {
            employer: row.employer,
            department: row.department,
            post: row.post,
            yearsInSpecialty: row.yearsInSpecialty,
            education,
            earlyApplicationClaim: row.earlyApplicationClaim,
            returningFileNumber: row.returningFileNumber,
          }
        : null,
    profile,
    photoSha256: row.photoSha256,
    materials: ctx.files.map((f) => ({
      fileId: f.id,
      slot: f.slotKey,
      position: f.position,
      name: f.originalName,
      sha256: f.sha256,
    })),
  };
}

/** Stores a submission's snapshot, in the submission's transaction. */
export async function insertSubmission(
  trx: Db,
  values: {
    registrationId: number;
    eventId: number;
    event: 'submit' | 'resubmit';
    submittedAt: Date;
    snapshot: SubmissionSnapshot;
  },
): Promise<void> {
  await trx
    .insertInto('registrationSubmissions')
    .values({
      registrationId: values.registrationId,
      eventId: values.eventId,
      event: values.event,
      submittedAt: values.submittedAt,
      snapshot: JSON.stringify(values.snapshot),
    })
    .execute();
}

/** A registration's submissions, oldest first (for the reviewer's view and its differences). */
export async function listSubmissions(db: Db, registrationId: number): Promise<SubmissionRecord[]> {
  const rows = await db
    .selectFrom('registrationSubmissions')
    .select(['id', 'eventId', 'event', 'submittedAt', 'snapshot'])
    .where('registrationId', '=', registrationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.eventId,
    event: r.event,
    submittedAt: r.submittedAt,
    snapshot: submissionSnapshotSchema.parse(r.snapshot),
  }));
}
