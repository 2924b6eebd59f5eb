import type { PhaseKind } from './calendar';
import {
  isAfterConfirmation,
  REGISTRATION_STATUS_LABELS,
  REGISTRATION_TRANSITIONS,
  type RegistrationStatus,
} from './registration-lifecycle';
import { REGISTRATION_STEPS, type RegistrationStepKey } from './registration-steps';

/**
 * What is done and what is still missing of a registration, step by step in the order of R3
 * (REGISTRATION_STEPS), and when the candidate may change its data. Pure: the server gathers the
 * facts, this decides. The same list is shown on every step of the stepper and is what a refused
 * submission names, item by item.
 */

/** One thing still to do, with where it is (`area.cityId`, `materials.labour_contract` …). */
export interface RegistrationProblem {
  path: string;
  message: string;
}

export interface RegistrationStepState {
  key: RegistrationStepKey;
  title: string;
  done: boolean;
  problems: RegistrationProblem[];
}

export interface RegistrationCompleteness {
  /** Every step before 提交 is done: the registration may be submitted (eligibility aside). */
  complete: boolean;
  steps: RegistrationStepState[];
  /** Every problem of every step, in step order. */
  missing: RegistrationProblem[];
}

/** The facts of a registration the completeness check reads. */
export interface RegistrationFacts {
  /** Parts of the basic information still missing, with their label and what to do. */
  profileMissing: readonly { part: string; label: string; hint: string }[];
  city: { name: string; active: boolean } | null;
  testSite: { name: string; active: boolean } | null;
  specialty: { code: string; name: string; offered: boolean } | null;
  infoSaved: boolean;
  photoConfirmed: boolean;
  formDownloaded: boolean;
  /**
   * The slots asked for now, with how many files each holds that count. `outdatedFileCount`: files
   * that no longer count (a stamped form printed before what the form prints changed).
   */
  materialSlots: readonly {
    key: string;
    label: string;
    required: boolean;
    fileCount: number;
    outdatedFileCount?: number;
  }[];
  status: RegistrationStatus;
}

function problemsOf(step: RegistrationStepKey, facts: RegistrationFacts): RegistrationProblem[] {
  const problems: RegistrationProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  switch (step) {
    case 'account':
    case 'choose_exam':
      break;
    case 'basic_info':
      for (const part of facts.profileMissing) {
        add(
          `basicInfo.${part.part}`,
          `基本信息中的“${part.label}”尚未填写完整。${part.hint}请到“个人中心 → 基本信息”中填写。`,
        );
      }
      break;
    case 'choose_area':
      if (!facts.city) add('area.cityId', '请选择报名地市。');
      else if (!facts.city.active) {
        add('area.cityId', `您选择的报名地市“${facts.city.name}”已停用，请重新选择。`);
      }
      if (!facts.testSite) add('area.testSiteId', '请选择考点。');
      else if (!facts.testSite.active) {
        add('area.testSiteId', `您选择的考点“${facts.testSite.name}”已停用，请重新选择。`);
      }
      break;
    case 'fill_in':
      if (!facts.specialty) add('specialty.specialtyCode', '请选择报考专业和级别。');
      else if (!facts.specialty.offered) {
        add(
          'specialty.specialtyCode',
          `本考区本年度已不再开考您选择的专业“${facts.specialty.code} ${facts.specialty.name}”，请重新选择。`,
        );
      }
      if (!facts.infoSaved) {
        add('info', '请填写报名信息（工作单位、科室、岗位、从事本专业年限、所用学历等）并保存。');
      }
      break;
    case 'confirm_photo':
      if (!facts.photoConfirmed) add('photo', '请核对并确认报名照片。');
      break;
    case 'application_form':
      if (!facts.formDownloaded) {
        add('applicationForm', '请下载申报表，打印后由单位经办人签字并加盖人事部门公章。');
      }
      break;
    case 'materials':
      for (const slot of facts.materialSlots) {
        if (slot.required && slot.fileCount === 0 && (slot.outdatedFileCount ?? 0) > 0) {
          add(
            `materials.${slot.key}`,
            `已上传的“${slot.label}”是按修改前的报名信息打印的，与当前申报表不一致。请重新下载申报表，签字盖章后上传。`,
          );
        } else if (slot.required && slot.fileCount === 0) {
          add(`materials.${slot.key}`, `请上传“${slot.label}”。`);
        }
      }
      break;
    case 'submit':
      if (facts.status === 'draft' || facts.status === 'returned') {
        add('submit', facts.status === 'returned' ? '请修改后重新提交。' : '请提交报名信息。');
      }
      break;
  }
  return problems;
}

/** The registration's steps in R3 order, each done or with what is missing. */
export function registrationCompleteness(facts: RegistrationFacts): RegistrationCompleteness {
  const steps = REGISTRATION_STEPS.map((step) => {
    const problems = problemsOf(step.key, facts);
    return { key: step.key, title: step.title, done: problems.length === 0, problems };
  });
  const beforeSubmit = steps.filter((s) => s.key !== 'submit');
  return {
    complete: beforeSubmit.every((s) => s.done),
    steps,
    missing: beforeSubmit.flatMap((s) => s.problems),
  };
}

/**
 * The phases of which one must be open for the candidate to change the registration's data
 * (area, specialty, info, photo, materials): the phases of the submission that follows — 提交
 * for a draft, 重新提交 for a returned one. Null when the data cannot be changed in this status.
 */
export function editPhases(status: RegistrationStatus): readonly PhaseKind[] | null {
  if (status === 'draft') return REGISTRATION_TRANSITIONS.submit.phases;
  if (status === 'returned') return REGISTRATION_TRANSITIONS.resubmit.phases;
  return null;
}

/** Why the data of a registration in `status` cannot be changed, in words the candidate can act on. */
export function editRefusalMessage(status: RegistrationStatus): string {
  if (status === 'submitted') {
    return '报名信息已提交，正在等待考区确认，不能修改。如需修改，请先撤回信息提交。';
  }
  if (isAfterConfirmation(status)) return '您的报名已确认，报名信息不能再修改。';
  if (status === 'abandoned') return '您的报名已视为放弃，不能再修改。';
  return `报名当前状态为“${REGISTRATION_STATUS_LABELS[status]}”，不能修改报名信息。`;
}
