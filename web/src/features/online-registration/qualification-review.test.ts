import type { MaterialFileView, RegistrationView } from '@hqe/core';
import { describe, expect, it } from 'vitest';
import {
  canRemoveFile,
  canUploadTo,
  confirmedNote,
  qualificationOutcome,
  supplementDeadlineText,
  supplementState,
  supplyBlockedReason,
} from './qualification-review';

const REQUESTED_AT = '2026-12-20T02:00:00.000Z';
const BEFORE = '2026-11-20T02:00:00.000Z';
const AFTER = '2026-12-21T03:00:00.000Z';

function file(id: number, uploadedAt: string): MaterialFileView {
  return {
    id,
    fileName: `扫描件-${id}.jpg`,
    kind: 'image',
    contentType: 'image/jpeg',
    sizeBytes: 1000,
    pages: null,
    width: 800,
    height: 1100,
    position: 1,
    uploadedAt,
    url: `/api/registrations/1/materials/files/${id}`,
    thumbnailUrl: null,
  };
}

type Phase = RegistrationView['calendar'][number];
const phase = (kind: Phase['kind'], status: Phase['status'], startsAt: string, endsAt: string) =>
  ({ kind, label: kind, status, startsAt, endsAt }) as Phase;

/** A confirmed registration with the calendar of a cycle under qualification review. */
function view(change: Partial<RegistrationView> = {}): RegistrationView {
  const slot = (
    key: 'application_form' | 'education_certificate' | 'other',
    files: MaterialFileView[],
  ) => ({
    key,
    label: {
      application_form: '报名申报表（单位盖章）',
      education_certificate: '学历证书',
      other: '其他材料',
    }[key],
    required: key !== 'other',
    requested: true,
    reason: '',
    maxFiles: 10,
    files,
  });
  return {
    id: 1,
    registrationNumber: '31202700000001',
    version: 7,
    status: 'confirmed',
    statusLabel: '报名确认',
    examArea: { id: 1, code: '31', name: '上海' },
    materialSlots: [
      slot('application_form', [file(1, BEFORE)]),
      slot('education_certificate', [file(2, BEFORE)]),
      slot('other', []),
    ],
    applicationForm: { url: '', downloadedAt: BEFORE, outdatedFileIds: [] },
    actions: [],
    canEdit: false,
    supplement: null,
    qualificationResult: null,
    calendar: [
      phase('qualification_review', 'open', '2026-12-15T00:00:00.000Z', '2027-01-20T16:00:00.000Z'),
      phase(
        'results_publication',
        'upcoming',
        '2027-01-28T16:00:00.000Z',
        '2027-02-08T16:00:00.000Z',
      ),
      phase('payment', 'upcoming', '2027-01-29T01:00:00.000Z', '2027-02-08T16:00:00.000Z'),
    ],
    timeline: [],
    ...change,
  } as RegistrationView;
}

/** The same registration, 待补充材料 for the education certificate and the stamped form. */
function supplementRequested(change: Partial<RegistrationView> = {}): RegistrationView {
  return view({
    status: 'supplement_requested',
    statusLabel: '待补充材料',
    actions: ['supply'],
    supplement: {
      slots: ['application_form', 'education_certificate'],
      note: '请补充学信网验证报告',
      requestedAt: REQUESTED_AT,
    },
    timeline: [
      {
        id: 9,
        event: 'request_supplement',
        label: '要求补充材料',
        fromStatus: 'confirmed',
        toStatus: 'supplement_requested',
        actorKind: 'qualification_reviewer',
        actorLabel: '资格审核员',
        reasons: [{ code: 'materials_unclear', label: '材料不清晰', explanation: '请重新扫描' }],
        note: '请补充学信网验证报告',
        occurredAt: REQUESTED_AT,
      },
    ],
    ...change,
  });
}

describe('a supplement request (补充材料, R19)', () => {
  it('when nothing is added yet, then every named slot is missing and the button says which, with the review deadline in Beijing time', () => {
    const state = supplementState(supplementRequested());
    expect(state).toMatchObject({
      note: '请补充学信网验证报告',
      reasons: [{ code: 'materials_unclear' }],
      open: true,
      deadline: '2027-01-20T16:00:00.000Z',
    });
    expect(state?.slots.map((s) => [s.label, s.added])).toEqual([
      ['报名申报表（单位盖章）', 0],
      ['学历证书', 0],
    ]);
    if (!state) throw new Error('no state');
    expect(supplyBlockedReason(state, 0)).toBe(
      '请先在以下栏目上传新文件：“报名申报表（单位盖章）”、“学历证书”。',
    );
    expect(supplementDeadlineText(state)).toBe(
      '请在资格审核截止时间 2027-01-20 24:00（北京时间）前提交补充材料，逾期将不能再提交。',
    );
  });

  it('when one slot has a new file, then only the other is named; when both have, the button waits only for uploads still on their way', () => {
    const half = supplementRequested();
    half.materialSlots[1]?.files.push(file(3, AFTER));
    const halfState = supplementState(half);
    if (!halfState) throw new Error('no state');
    expect(supplyBlockedReason(halfState, 0)).toBe(
      '请先在以下栏目上传新文件：“报名申报表（单位盖章）”。',
    );

    half.materialSlots[0]?.files.push(file(4, REQUESTED_AT));
    const full = supplementState(half);
    if (!full) throw new Error('no state');
    expect(full.missing).toEqual([]);
    expect(supplyBlockedReason(full, 1)).toBe('还有文件正在上传，请等待上传完成后再提交。');
    expect(supplyBlockedReason(full, 0)).toBeNull();
  });

  it('when qualification review has closed, then nothing can be supplied and the candidate is told so', () => {
    const state = supplementState(supplementRequested({ actions: [] }));
    if (!state) throw new Error('no state');
    expect(supplyBlockedReason(state, 0)).toContain('资格审核时间已结束');
    expect(supplementDeadlineText(state)).toContain('不能再上传或提交补充材料');
  });

  it('only the named slots take files, and only files added for the request may be removed', () => {
    const r = supplementRequested();
    r.materialSlots[1]?.files.push(file(3, AFTER));
    expect(canUploadTo(r, 'education_certificate')).toBe(true);
    expect(canUploadTo(r, 'other')).toBe(false);
    expect(canRemoveFile(r, 'education_certificate', file(2, BEFORE))).toBe(false);
    expect(canRemoveFile(r, 'education_certificate', file(3, AFTER))).toBe(true);
    expect(canRemoveFile(r, 'other', file(5, AFTER))).toBe(false);
    const closed = supplementRequested({ actions: [] });
    expect(canUploadTo(closed, 'education_certificate')).toBe(false);
    expect(canRemoveFile(closed, 'education_certificate', file(3, AFTER))).toBe(false);
  });

  it('without a supplement request, an editable registration takes every slot and a confirmed one none', () => {
    expect(supplementState(view())).toBeNull();
    expect(canUploadTo(view({ canEdit: true, status: 'draft' }), 'other')).toBe(true);
    expect(canUploadTo(view(), 'education_certificate')).toBe(false);
    expect(canRemoveFile(view(), 'application_form', file(1, BEFORE))).toBe(false);
  });
});

describe('a qualification result (R18)', () => {
  it('before publication there is no outcome; the confirmed line says when results are published', () => {
    expect(qualificationOutcome(view())).toBeNull();
    expect(confirmedNote(view())).toBe('资格审核结果将于 2027-01-29 00:00（北京时间）起公布。');
  });

  it('after a supplied supplement, the confirmed line says it is reviewed again', () => {
    const supplied = view({
      timeline: [
        {
          id: 10,
          event: 'supply',
          label: '提交补充材料',
          fromStatus: 'supplement_requested',
          toStatus: 'confirmed',
          actorKind: 'candidate',
          actorLabel: '考生',
          reasons: [],
          note: null,
          occurredAt: AFTER,
        },
      ],
    });
    expect(confirmedNote(supplied)).toBe(
      '您已提交补充材料，资格审核员将重新审核。资格审核结果将于 2027-01-29 00:00（北京时间）起公布。',
    );
  });

  it('a pass leads to payment in its window, as the calendar has it', () => {
    const qualified = (payment: RegistrationView['calendar']) =>
      qualificationOutcome(
        view({
          status: 'qualified',
          qualificationResult: {
            result: 'qualified',
            reasons: [],
            note: '材料齐全',
            decidedAt: AFTER,
          },
          calendar: payment,
        }),
      );
    expect(
      qualified([
        phase('payment', 'upcoming', '2027-01-29T01:00:00.000Z', '2027-02-08T16:00:00.000Z'),
      ]),
    ).toEqual({
      passed: true,
      reasons: [],
      note: '材料齐全',
      next: '下一步：请在网上缴费时间 2027-01-29 09:00 至 2027-02-08 24:00（北京时间）内完成缴费。逾期未缴费的，视为放弃本次考试。',
    });
    expect(
      qualified([phase('payment', 'open', '2027-01-29T01:00:00.000Z', '2027-02-08T16:00:00.000Z')])
        ?.next,
    ).toBe(
      '下一步：网上缴费已开始，请在 2027-02-08 24:00（北京时间）前完成缴费。逾期未缴费的，视为放弃本次考试。',
    );
    expect(qualified([])?.next).toContain('缴费时间以考区通知为准');
  });

  it('a failure carries its reasons and says whom to ask', () => {
    const outcome = qualificationOutcome(
      view({
        status: 'disqualified',
        qualificationResult: {
          result: 'disqualified',
          reasons: [{ code: 'not_eligible', label: '不符合报考条件', explanation: '工作年限不足' }],
          note: null,
          decidedAt: AFTER,
        },
      }),
    );
    expect(outcome).toMatchObject({
      passed: false,
      reasons: [{ label: '不符合报考条件' }],
      next: '本次报名不能继续缴费和参加考试。如对审核结果有疑问，请联系上海考区考务管理部门。',
    });
  });
});
