import {
  checkEligibility,
  MATERIAL_SLOT_KEYS,
  MATERIAL_SLOT_LABELS,
  profileCompleteness,
  registrationCompleteness,
  toEligibilityProfile,
  type CandidateAccountFacts,
  type CandidateProfileData,
  type EligibilityResult,
  type ExamAreaEligibilityRules,
  type MaterialSlotKey,
  type RegistrationCompleteness,
} from '@hqe/core';
import type { Db } from '../../db/database';
import { notFound } from '../../lib/errors';
import { loadCandidateProfile } from '../candidate-profile';
import { loadAreaEligibilityRules } from '../eligibility';
import { findPreviousResults, type PreviousResult } from '../previous-results';
import * as catalog from './catalog-lookup.repository';
import { outdatedStampedForms, supplementOf } from './registration-view';
import * as repo from './registrations.repository';

/** A material slot of a registration: asked for now, or only holding files from before. */
export interface DerivedSlot {
  key: MaterialSlotKey;
  label: string;
  required: boolean;
  requested: boolean;
  reason: string;
}

/** What a registration refers to and holds, as read from the database. */
export interface RegistrationData {
  row: repo.RegistrationRow;
  cycle: catalog.CycleRow;
  area: catalog.AreaRow;
  city: catalog.CityRow | null;
  testSite: catalog.TestSiteRow | null;
  offering: catalog.OfferingRow | null;
  phases: catalog.PhaseRow[];
  files: repo.MaterialFileRow[];
  events: repo.EventRow[];
  profile: { data: CandidateProfileData; account: CandidateAccountFacts };
  /** The area's eligibility rules; null when no check runs (no specialty chosen). */
  areaRules: ExamAreaEligibilityRules | null;
  /**
   * The candidate's results of the previous cycle in this area (历史考生, R6): none for a candidate
   * who did not sit it here.
   */
  previousResults: PreviousResult[];
}

/** Everything known about a registration, and what follows from it (eligibility, completeness). */
export interface RegistrationContext extends RegistrationData {
  eligibility: EligibilityResult | null;
  /** Why `eligibility` is null. */
  eligibilityNote: string | null;
  slots: DerivedSlot[];
  completeness: RegistrationCompleteness;
}

const NO_SPECIALTY_NOTE = '请先选择报考专业和级别，系统将据此检查报考条件。';
const PROFILE_INCOMPLETE_NOTE = '基本信息尚未填写完整，完善后即可查看报考条件检查结果。';
const RETURNING_REASON =
  '历史考生请上传上一年度成绩单或准考证：报名信息与上一年度一致的，提交后系统自动确认；未上传的由考区人工确认。';
const NOT_REQUESTED_REASON =
  '按当前的考区、专业和基本信息，无需此项材料；已上传的文件保留，可删除。';

/**
 * The slots asked for before the eligibility check can run (no specialty yet, or the basic
 * information incomplete): the stamped form, last year's report for a returning candidate, other.
 * The registration photo is its own step (confirm_photo), never an upload.
 */
function baseSlots(returning: boolean): DerivedSlot[] {
  const slot = (key: MaterialSlotKey, required: boolean, reason: string): DerivedSlot => ({
    key,
    label: MATERIAL_SLOT_LABELS[key],
    required,
    requested: true,
    reason,
  });
  return [
    slot('application_form', true, '下载申报表，经单位经办人签字并加盖人事部门公章后上传'),
    ...(returning
      ? [slot('previous_score_report_or_ticket', true, '历史考生须上传上一年度成绩单或准考证')]
      : []),
    slot('other', false, '其他需要说明的材料'),
  ];
}

/** The slots of a registration: those asked for now, then any other holding files, in key order. */
function deriveSlots(
  eligibility: EligibilityResult | null,
  returning: boolean,
  files: readonly repo.MaterialFileRow[],
): DerivedSlot[] {
  const asked: DerivedSlot[] = eligibility
    ? eligibility.materialSlots
        .filter((s) => s.key !== 'photo')
        .map((s) => ({
          key: s.key,
          label: s.label,
          required: s.required,
          requested: true,
          reason: s.reason,
        }))
    : baseSlots(returning);
  // Last year's report is what lets a returning candidate be confirmed automatically; without it
  // the registration is confirmed by hand (R7), so it never blocks submission.
  for (const slot of asked) {
    if (slot.key === 'previous_score_report_or_ticket') {
      slot.required = false;
      slot.reason = RETURNING_REASON;
    }
  }
  const keys = new Set(asked.map((s) => s.key));
  const kept = [...new Set(files.map((f) => f.slotKey))]
    .filter((key) => !keys.has(key))
    .map((key) => ({
      key,
      label: MATERIAL_SLOT_LABELS[key],
      required: false,
      requested: false,
      reason: NOT_REQUESTED_REASON,
    }));
  const order = (key: MaterialSlotKey) => MATERIAL_SLOT_KEYS.indexOf(key);
  return [...asked, ...kept].sort((a, b) => order(a.key) - order(b.key));
}

const SUPPLEMENT_REASON = '资格审核要求补充此项材料，请按审核意见上传后提交补充材料。';

/**
 * While a supplement is requested (补充材料, R19), the slots the reviewer named are asked for (the
 * candidate uploads there), whether or not the eligibility result lists them.
 */
function withSupplementSlots(slots: DerivedSlot[], row: repo.RegistrationRow): DerivedSlot[] {
  if (row.status !== 'supplement_requested') return slots;
  const supplement = supplementOf(row);
  if (!supplement) return slots;
  const named = new Set<MaterialSlotKey>(supplement.slots);
  const marked = slots.map((s) =>
    named.has(s.key) ? { ...s, requested: true, reason: SUPPLEMENT_REASON } : s,
  );
  const added = supplement.slots
    .filter((key) => !slots.some((s) => s.key === key))
    .map((key) => ({
      key,
      label: MATERIAL_SLOT_LABELS[key],
      required: false,
      requested: true,
      reason: SUPPLEMENT_REASON,
    }));
  const order = (key: MaterialSlotKey) => MATERIAL_SLOT_KEYS.indexOf(key);
  return [...marked, ...added].sort((a, b) => order(a.key) - order(b.key));
}

/** Reads what a registration refers to and holds, on one connection or transaction. */
export async function fetchRegistrationData(
  db: Db,
  row: repo.RegistrationRow,
): Promise<RegistrationData> {
  const [refs, phases, files, events, profile, previousResults] = await Promise.all([
    catalog.findRegistrationRefs(db, row),
    catalog.listPhases(db, { cycleId: row.cycleId, examAreaId: row.examAreaId }),
    repo.listFiles(db, row.id),
    repo.listEvents(db, row.id),
    loadCandidateProfile(db, row.accountId),
    previousResultsOf(db, row),
  ]);
  if (!refs) throw new Error(`registration ${row.id}: cycle ${row.cycleId} is missing`);
  const areaRules = refs.offering ? await loadAreaEligibilityRules(db, refs.area) : null;
  return {
    row,
    ...refs,
    phases,
    files,
    events,
    profile: { data: profile.data, account: profile.account },
    areaRules,
    previousResults,
  };
}

/** The candidate's results of the cycle year before the registration's, in its exam area. */
async function previousResultsOf(db: Db, row: repo.RegistrationRow): Promise<PreviousResult[]> {
  const cycle = await catalog.findCycle(db, row.cycleId);
  if (!cycle) return [];
  return findPreviousResults(db, {
    accountId: row.accountId,
    examAreaId: row.examAreaId,
    year: cycle.year - 1,
  });
}

/** What follows from the data: the eligibility check, the material slots, the completeness. */
export function deriveContext(data: RegistrationData): RegistrationContext {
  const { row, cycle, area, city, testSite, offering, files } = data;
  const returning = data.previousResults.length > 0;
  const account = { ...data.profile.account, returningCandidate: returning };
  const mapping = toEligibilityProfile(data.profile.data, account);
  let eligibility: EligibilityResult | null = null;
  let eligibilityNote: string | null = null;
  if (!offering || !data.areaRules) eligibilityNote = NO_SPECIALTY_NOTE;
  else if (!mapping.complete) eligibilityNote = PROFILE_INCOMPLETE_NOTE;
  else {
    eligibility = checkEligibility({
      profile: mapping.profile,
      specialty: {
        code: offering.code,
        name: offering.name,
        level: offering.level,
        category: offering.category,
      },
      cutoffDate: cycle.workYearsCutoff,
      examArea: { code: area.code, rules: data.areaRules },
      registeredEmployer: row.employer ?? mapping.profile.currentEmployer.name,
    });
  }

  const slots = withSupplementSlots(deriveSlots(eligibility, returning, files), row);
  const outdated = new Set(outdatedStampedForms(row, files).map((f) => f.id));
  const completeness = registrationCompleteness({
    profileMissing: profileCompleteness(data.profile.data, account).parts.filter(
      (p) => !p.complete,
    ),
    city: city ? { name: city.name, active: city.active } : null,
    testSite: testSite ? { name: testSite.name, active: testSite.active } : null,
    specialty: offering
      ? { code: offering.code, name: offering.name, offered: offering.active }
      : null,
    infoSaved: row.infoSavedAt !== null,
    photoConfirmed: row.photoConfirmedAt !== null,
    formDownloaded: row.formDownloadedAt !== null,
    materialSlots: slots
      .filter((s) => s.requested)
      .map((s) => ({
        key: s.key,
        label: s.label,
        required: s.required,
        fileCount: files.filter((f) => f.slotKey === s.key && !outdated.has(f.id)).length,
        outdatedFileCount: files.filter((f) => f.slotKey === s.key && outdated.has(f.id)).length,
      })),
    status: row.status,
  });

  return {
    ...data,
    profile: { data: data.profile.data, account },
    eligibility,
    eligibilityNote,
    slots,
    completeness,
  };
}

/** Reads a registration's data and derives the rest. */
export async function loadContext(db: Db, row: repo.RegistrationRow): Promise<RegistrationContext> {
  return deriveContext(await fetchRegistrationData(db, row));
}

/**
 * A registration of an exam area with everything known about it, for the area's staff (the review
 * console). A registration of another area is "not found", exactly like a missing one.
 */
export async function loadStaffContext(
  db: Db,
  examAreaId: number,
  id: number,
): Promise<RegistrationContext> {
  const row = await repo.findById(db, id);
  if (row?.examAreaId !== examAreaId) {
    throw notFound('未找到该报名记录，请返回审核队列重新选择。');
  }
  return loadContext(db, row);
}

/**
 * The context after a change of the row alone (a status change and its timeline entries), without
 * reading the database again.
 */
export function afterChange(
  ctx: RegistrationContext,
  row: repo.RegistrationRow,
  newEvents: readonly repo.EventRow[],
): RegistrationContext {
  return deriveContext({ ...ctx, row, events: [...ctx.events, ...newEvents] });
}
