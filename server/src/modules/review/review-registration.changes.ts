import {
  ELIGIBILITY_LABELS,
  MATERIAL_SLOT_KEYS,
  MATERIAL_SLOT_LABELS,
  type MaterialSlotKey,
  type ReviewChange,
} from '@hqe/core';
import type { SubmissionSnapshot } from '../registrations';
import { infoRows, profileSections, type KeyedRow } from './review-registration.sections';

/*
 * 本次修改: what changed between the submission that was returned and the resubmission — the
 * registration info, city, test site, specialty, photo, the basic information row by row, and each
 * material slot's files added and removed — so the reviewer checks the fixes first.
 */

/** Every comparable row of a submission: info, choices, photo and basic information. */
function comparableRows(s: SubmissionSnapshot): KeyedRow[] {
  const specialty = s.specialty
    ? `${s.specialty.code} ${s.specialty.name}（${ELIGIBILITY_LABELS.level[s.specialty.level]}）`
    : '未选择';
  return [
    { key: 'city', label: '报名地市', value: s.city?.name ?? '未选择' },
    { key: 'testSite', label: '考点', value: s.testSite?.name ?? '未选择' },
    { key: 'specialty', label: '报考专业', value: specialty },
    ...infoRows(s.info),
    ...profileSections(s.profile).flatMap((section) =>
      section.rows.map((row) => ({ ...row, label: `${section.title} · ${row.label}` })),
    ),
  ];
}

function rowChanges(before: SubmissionSnapshot, after: SubmissionSnapshot): ReviewChange[] {
  const old = new Map(comparableRows(before).map((r) => [r.key, r]));
  const now = comparableRows(after);
  const changes: ReviewChange[] = [];
  for (const row of now) {
    const was = old.get(row.key);
    if (was?.value !== row.value) {
      changes.push({
        field: row.key,
        label: row.label,
        before: was?.value ?? null,
        after: row.value,
      });
    }
    old.delete(row.key);
  }
  // Rows gone (e.g. a record removed from a repeated section).
  for (const was of old.values()) {
    changes.push({ field: was.key, label: was.label, before: was.value, after: null });
  }
  return changes;
}

function photoChange(before: SubmissionSnapshot, after: SubmissionSnapshot): ReviewChange[] {
  if (before.photoSha256 === after.photoSha256) return [];
  return [
    {
      field: 'photo',
      label: '报名照片',
      before: before.photoSha256 ? '原照片' : null,
      after: after.photoSha256 ? '已更换为新照片' : null,
    },
  ];
}

function materialChanges(before: SubmissionSnapshot, after: SubmissionSnapshot): ReviewChange[] {
  const changes: ReviewChange[] = [];
  const slots = new Set<MaterialSlotKey>([
    ...before.materials.map((m) => m.slot),
    ...after.materials.map((m) => m.slot),
  ]);
  const order = (key: MaterialSlotKey) => MATERIAL_SLOT_KEYS.indexOf(key);
  for (const slot of [...slots].sort((a, b) => order(a) - order(b))) {
    const was = before.materials.filter((m) => m.slot === slot);
    const now = after.materials.filter((m) => m.slot === slot);
    const removed = was.filter((m) => !now.some((n) => n.fileId === m.fileId));
    const added = now.filter((n) => !was.some((m) => m.fileId === n.fileId));
    if (removed.length === 0 && added.length === 0) continue;
    const counts = [
      added.length > 0 ? `新增 ${added.length} 个文件` : null,
      removed.length > 0 ? `删除 ${removed.length} 个文件` : null,
    ].filter(Boolean);
    changes.push({
      field: `materials.${slot}`,
      label: `材料 · ${MATERIAL_SLOT_LABELS[slot]}（${counts.join('，')}）`,
      before: removed.length > 0 ? removed.map((m) => m.name).join('、') : null,
      after: added.length > 0 ? added.map((m) => m.name).join('、') : null,
    });
  }
  return changes;
}

/** The changes from the returned submission to the resubmission, in the order of the form. */
export function submissionChanges(
  before: SubmissionSnapshot,
  after: SubmissionSnapshot,
): ReviewChange[] {
  return [
    ...rowChanges(before, after),
    ...photoChange(before, after),
    ...materialChanges(before, after),
  ];
}
