import { personalSectionSchema, qualificationsSectionSchema } from '@hqe/core';
import type { Db } from '../../db/database';
import { recordAuditEvent } from '../audit';
import {
  loadCandidateProfile,
  type ProfileSaveListener,
  type ProfileSections,
} from '../candidate-profile';
import { printedProfileChanged } from './printed-profile';
import { lastSubmittedProfile, lockEditableOfAccount } from './profile-dependents.repository';
import { formReprint } from './registration.service';
import * as repo from './registrations.repository';
import { ENTITY, versionConflict } from './transitions';

/*
 * The application form printed again after a change of the basic information (decision 0012):
 * the form prints 民族, 户籍, the practice qualification and the title from 个人中心, so a save that
 * changes one of them after the form was downloaded asks for the form again on every registration
 * the candidate may still change and submit, exactly as a change made on the registration does
 * (`formReprint`). A submitted registration is left as it is — the reviewer decides on it as
 * submitted (its snapshot, with the stamped form that matched) — and is checked when it comes back
 * to the candidate (withdrawn or returned): against the basic information as it was submitted.
 */

/**
 * The listener of 个人中心's section saves (wired in buildApp()): in the save's transaction, when a
 * printed value really changed, every draft or returned registration of the candidate gets a new
 * version (a form being rendered from the old values meanwhile is then not recorded as downloaded:
 * `markFormDownloaded` checks the version) and, once its form was downloaded, the reprint. Saving
 * the same values again, or a section the form does not print, changes nothing.
 */
export const profileFormReprint: ProfileSaveListener = {
  async lockDependents(trx, accountId) {
    await lockEditableOfAccount(trx, accountId);
  },

  async sectionSaved(trx, change) {
    if (!printedProfileChanged(change.before, change.after)) return;
    // Read again under the profile's lock: one withdrawn or returned since the first read (it
    // compared with the profile as it was) is editable now and must be asked too.
    const rows = await lockEditableOfAccount(trx, change.accountId);
    for (const row of rows) {
      const reprint = formReprint(row, change.at);
      const updated = await repo.update(trx, row.id, row.version, {
        ...reprint,
        updatedAt: change.at,
      });
      // The row is locked: its version cannot have moved.
      if (!updated) throw versionConflict();
      await recordAuditEvent(trx, {
        occurredAt: change.at,
        actorAccountId: change.actor.accountId,
        examAreaId: row.examAreaId,
        action: 'registration.profile_changed',
        entityType: ENTITY,
        entityId: row.id,
        before: { version: row.version },
        after: {
          version: updated.version,
          section: change.section,
          ...('formValidFrom' in reprint ? { formReprint: true } : {}),
        },
        requestId: change.actor.requestId,
      });
    }
  },
};

/** The printed sections of a submission's snapshot; null when they no longer read (treated as changed). */
function submittedSections(
  stored: Record<string, unknown>,
): Pick<ProfileSections, 'personal' | 'qualifications'> | null {
  const personal = personalSectionSchema.nullable().safeParse(stored.personal ?? null);
  const qualifications = qualificationsSectionSchema
    .nullable()
    .safeParse(stored.qualifications ?? null);
  if (!personal.success || !qualifications.success) return null;
  return { personal: personal.data, qualifications: qualifications.data };
}

/**
 * For a submitted registration coming back to the candidate (withdrawn, returned): the reprint when
 * the basic information the form prints changed since the submission — the stamped form submitted
 * was printed from the values the submission's snapshot holds. The profile is read `forShare`, so
 * a save cannot slip in between this check and the commit. Call it under the registration's row
 * lock; the patch goes with the transition.
 */
export async function reprintSinceSubmission(
  trx: Db,
  row: repo.RegistrationRow,
  now: Date,
): Promise<{ patch: ReturnType<typeof formReprint>; formReprint: boolean }> {
  const none = { patch: {}, formReprint: false };
  const stored = await lastSubmittedProfile(trx, row.id);
  if (!stored) return none;
  const { data } = await loadCandidateProfile(trx, row.accountId, { forShare: true });
  const submitted = submittedSections(stored);
  if (submitted && !printedProfileChanged(submitted, data)) return none;
  const patch = formReprint(row, now);
  return { patch, formReprint: 'formValidFrom' in patch };
}
