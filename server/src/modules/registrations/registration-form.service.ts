import {
  EARLY_APPLICATION_CLAIM_LABELS,
  ELIGIBILITY_LABELS,
  type CandidateAccountView,
  type RegistrationStepKey,
} from '@hqe/core';
import type { Actor } from '../../lib/actor';
import { notFound, validationFailed } from '../../lib/errors';
import { FileNotFoundError } from '../../lib/storage';
import { recordAuditEvent } from '../audit';
import {
  missingCharactersMessage,
  renderApplicationForm,
  type ApplicationFormData,
} from '../application-form';
import { printedProfileFields } from './printed-profile';
import type { RegistrationContext } from './registration-context';
import { loadContext } from './registration-context';
import type { RegistrationDeps } from './registration-deps';
import { educationSnapshotSchema } from './registration-view';
import * as repo from './registrations.repository';
import { ENTITY, loadOwned } from './transitions';

/** The candidate's own application form (申报表) as a PDF. */
export interface FormDownload {
  fileName: string;
  bytes: Buffer;
  /** Set when some characters are printed as 〓: what to write in by hand. */
  notice: string | null;
}

/** The steps whose data the form prints; they must be done before it can be made. */
const PRINTED_STEPS: readonly RegistrationStepKey[] = [
  'basic_info',
  'choose_area',
  'fill_in',
  'confirm_photo',
];

/** Builds what the form prints from the registration, the identity and the basic information. */
function formData(
  ctx: RegistrationContext,
  identity: CandidateAccountView,
  photoJpeg: Buffer,
  now: Date,
): ApplicationFormData {
  const { row, offering, city, testSite } = ctx;
  const printed = printedProfileFields(ctx.profile.data);
  const education = educationSnapshotSchema.parse(row.educationSnapshot);
  if (
    !offering ||
    !city ||
    !testSite ||
    printed.ethnicity === null ||
    printed.householdRegistration === null ||
    row.employer === null ||
    row.department === null ||
    row.yearsInSpecialty === null ||
    row.earlyApplicationClaim === null
  ) {
    throw new Error('registration form: prerequisites were checked before');
  }
  if (identity.gender === null || identity.birthDate === null) {
    throw validationFailed(
      '申报表须打印性别和出生日期，但您的证件信息中没有这两项，系统无法生成申报表。请联系报名所在考区的工作人员处理。',
      [{ path: 'identity', message: '证件信息缺少性别或出生日期' }],
    );
  }
  return {
    examName: ctx.cycle.examName,
    cycleYear: ctx.cycle.year,
    examAreaName: ctx.area.name,
    registrationNo: row.registrationNumber,
    candidate: {
      name: identity.name,
      gender: identity.gender,
      birthDate: identity.birthDate,
      ethnicity: printed.ethnicity,
      documentTypeLabel: ELIGIBILITY_LABELS.identityDocument[identity.documentType],
      documentNo: identity.documentNumber,
      mobile: identity.mobile,
      householdRegistration: printed.householdRegistration,
      photoJpeg,
    },
    specialty: { code: offering.code, name: offering.name, level: offering.level },
    subjects: offering.subjects,
    registrationCity: city.name,
    testSite: testSite.name,
    employer: row.employer,
    department: row.department,
    yearsInSpecialty: row.yearsInSpecialty,
    education: {
      level: ELIGIBILITY_LABELS.educationLevel[education.level],
      school: education.school,
      major: education.major,
      graduationDate: education.graduationDate,
      mode: education.mode === 'full_time' ? '全日制' : '非全日制',
    },
    practiceQualification: printed.practiceQualification,
    currentTitle: printed.currentTitle,
    earlyApplication:
      row.earlyApplicationClaim === 'none'
        ? null
        : EARLY_APPLICATION_CLAIM_LABELS[row.earlyApplicationClaim],
    returningCandidateFileNo: row.returningFileNumber,
    generatedAt: now,
  };
}

/**
 * The candidate's application form (申报表, R4, R5), prefilled from the registration, the identity
 * and the basic information, with the registration number and its barcode. Available once the
 * data it prints is complete; each download is recorded (the 下载申报表 step).
 */
export function createRegistrationFormService(deps: RegistrationDeps) {
  const { db, clock, storage, candidates } = deps;
  return {
    async download(actor: Actor, id: number): Promise<FormDownload> {
      const now = clock.now();
      const row = await loadOwned(db, actor.accountId, id);
      const ctx = await loadContext(db, row);
      const blocking = ctx.completeness.steps
        .filter((s) => PRINTED_STEPS.includes(s.key))
        .flatMap((s) => s.problems);
      if (blocking.length > 0 || !row.photoStorageKey) {
        throw validationFailed(
          `下载申报表前，请先完成以下事项：${blocking.map((p) => p.message).join(' ')}`,
          blocking,
        );
      }
      const photoKey = row.photoStorageKey;
      const [identity, photo] = await Promise.all([
        candidates.getAccount(row.accountId),
        storage.get(photoKey).catch((error: unknown) => {
          if (error instanceof FileNotFoundError) {
            throw notFound('报名照片文件不存在，请重新确认报名照片后再下载申报表。');
          }
          throw error;
        }),
      ]);
      const rendered = await renderApplicationForm(formData(ctx, identity, photo, now));
      await db.transaction().execute(async (trx) => {
        if (!(await repo.markFormDownloaded(trx, row.id, row.version, now))) return;
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: row.examAreaId,
          action: 'registration.form_downloaded',
          entityType: ENTITY,
          entityId: row.id,
          after: {
            registrationNumber: row.registrationNumber,
            missingCharacters: rendered.missingCharacters.length,
          },
          requestId: actor.requestId,
        });
      });
      return {
        fileName: `${ctx.area.name}考区申报表-${row.registrationNumber}.pdf`,
        bytes: rendered.pdf,
        notice:
          rendered.missingCharacters.length > 0
            ? missingCharactersMessage(rendered.missingCharacters)
            : null,
      };
    },
  };
}
export type RegistrationFormService = ReturnType<typeof createRegistrationFormService>;
