import { ELIGIBILITY_LABELS, ELIGIBILITY_LEVELS, ETHNICITIES } from '@hqe/core';
import type { ProfileSections } from '../candidate-profile';

const HOUSEHOLD = { local: '本市', non_local: '非本市' } as const;

/** A held qualification or title as the form prints it. */
interface PrintedHeld {
  name: string;
  obtainedOn: string;
}

/**
 * What the application form (申报表) prints from the basic information, as it prints it: 民族, 户籍,
 * the latest practice qualification and the highest title. The rest of the form comes from the
 * registration (its city, site, specialty, info with the education record copied when it was
 * saved, photo) and from the account (name, gender, birth date, document, mobile). The form's
 * builder and the check of a profile save that asks for the form again (profile-reprint.ts) both
 * read it here, so the two cannot drift apart. Null: the section was never saved.
 */
export function printedProfileFields(
  profile: Pick<ProfileSections, 'personal' | 'qualifications'>,
): {
  ethnicity: string | null;
  householdRegistration: string | null;
  practiceQualification: PrintedHeld | null;
  currentTitle: PrintedHeld | null;
} {
  const { personal, qualifications } = profile;
  const practice = [...(qualifications?.practiceQualifications ?? [])].sort((a, b) =>
    b.qualifiedOn.localeCompare(a.qualifiedOn),
  )[0];
  const title = [...(qualifications?.titles ?? [])].sort(
    (a, b) =>
      ELIGIBILITY_LEVELS.indexOf(b.level) - ELIGIBILITY_LEVELS.indexOf(a.level) ||
      b.obtainedOn.localeCompare(a.obtainedOn),
  )[0];
  return {
    ethnicity: personal ? ETHNICITIES[personal.ethnicity] : null,
    householdRegistration: personal
      ? personal.householdRegistration
        ? HOUSEHOLD[personal.householdRegistration]
        : '不适用'
      : null,
    practiceQualification: practice
      ? {
          name: ELIGIBILITY_LABELS.practiceQualification[practice.kind],
          obtainedOn: practice.qualifiedOn,
        }
      : null,
    currentTitle: title
      ? {
          name: title.name ?? ELIGIBILITY_LABELS.title[title.track][title.level],
          obtainedOn: title.obtainedOn,
        }
      : null,
  };
}

/** True when the form would print something else from `after` than from `before`. */
export function printedProfileChanged(
  before: Pick<ProfileSections, 'personal' | 'qualifications'>,
  after: Pick<ProfileSections, 'personal' | 'qualifications'>,
): boolean {
  return (
    JSON.stringify(printedProfileFields(before)) !== JSON.stringify(printedProfileFields(after))
  );
}
