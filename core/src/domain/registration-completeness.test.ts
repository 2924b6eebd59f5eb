import { describe, expect, it } from 'vitest';
import {
  editPhases,
  editRefusalMessage,
  registrationCompleteness,
  type RegistrationFacts,
} from './registration-completeness';
import { REGISTRATION_STEPS } from './registration-steps';

const complete: RegistrationFacts = {
  profileMissing: [],
  city: { name: '黄浦区', active: true },
  testSite: { name: '考点一', active: true },
  specialty: { code: '303', name: '内科学', offered: true },
  infoSaved: true,
  photoConfirmed: true,
  formDownloaded: true,
  materialSlots: [
    { key: 'application_form', label: '报名申报表（单位盖章）', required: true, fileCount: 1 },
    { key: 'other', label: '其他材料', required: false, fileCount: 0 },
  ],
  status: 'draft',
};

describe('registrationCompleteness', () => {
  it('when every step is done, then it is complete and lists the steps in R3 order', () => {
    const result = registrationCompleteness(complete);
    expect(result.complete).toBe(true);
    expect(result.missing).toEqual([]);
    expect(result.steps.map((s) => s.key)).toEqual(REGISTRATION_STEPS.map((s) => s.key));
    expect(result.steps.find((s) => s.key === 'submit')?.done).toBe(false);
  });

  it.each<[string, Partial<RegistrationFacts>, string, string]>([
    [
      'basic information missing',
      {
        profileMissing: [
          { part: 'education', label: '学历学位', hint: '请至少填写一条学历信息。' },
        ],
      },
      'basicInfo.education',
      '基本信息中的“学历学位”尚未填写完整',
    ],
    ['no city', { city: null }, 'area.cityId', '请选择报名地市。'],
    [
      'city taken out of use',
      { city: { name: '黄浦区', active: false } },
      'area.cityId',
      '“黄浦区”已停用',
    ],
    ['no test site', { testSite: null }, 'area.testSiteId', '请选择考点。'],
    ['no specialty', { specialty: null }, 'specialty.specialtyCode', '请选择报考专业和级别。'],
    [
      'specialty no longer offered',
      { specialty: { code: '303', name: '内科学', offered: false } },
      'specialty.specialtyCode',
      '已不再开考您选择的专业“303 内科学”',
    ],
    ['info not saved', { infoSaved: false }, 'info', '请填写报名信息'],
    ['photo not confirmed', { photoConfirmed: false }, 'photo', '请核对并确认报名照片。'],
    ['form not downloaded', { formDownloaded: false }, 'applicationForm', '请下载申报表'],
    [
      'required material missing',
      {
        materialSlots: [
          {
            key: 'application_form',
            label: '报名申报表（单位盖章）',
            required: true,
            fileCount: 0,
          },
        ],
      },
      'materials.application_form',
      '请上传“报名申报表（单位盖章）”。',
    ],
    [
      'the only stamped form was printed before the printed data changed',
      {
        materialSlots: [
          {
            key: 'application_form',
            label: '报名申报表（单位盖章）',
            required: true,
            fileCount: 0,
            outdatedFileCount: 1,
          },
        ],
      },
      'materials.application_form',
      '与当前申报表不一致。请重新下载申报表，签字盖章后上传。',
    ],
  ])('when %s, then it is incomplete and names it exactly', (_name, change, path, message) => {
    const result = registrationCompleteness({ ...complete, ...change });
    expect(result.complete).toBe(false);
    expect(result.missing).toHaveLength(1);
    expect(result.missing[0]?.path).toBe(path);
    expect(result.missing[0]?.message).toContain(message);
  });

  it('when an optional slot is empty, then it is not missing', () => {
    const result = registrationCompleteness(complete);
    expect(result.steps.find((s) => s.key === 'materials')?.done).toBe(true);
  });

  it('when submitted, then the submit step is done', () => {
    const result = registrationCompleteness({ ...complete, status: 'submitted' });
    expect(result.steps.every((s) => s.done)).toBe(true);
  });
});

describe('editing', () => {
  it('a draft is edited while registration is open, a returned one also in resubmission', () => {
    expect(editPhases('draft')).toEqual(['registration']);
    expect(editPhases('returned')).toEqual(['registration', 'resubmission']);
    for (const status of ['submitted', 'confirmed', 'abandoned', 'paid'] as const) {
      expect(editPhases(status)).toBeNull();
    }
  });

  it('the refusal says what to do', () => {
    expect(editRefusalMessage('submitted')).toContain('请先撤回信息提交');
    expect(editRefusalMessage('confirmed')).toBe('您的报名已确认，报名信息不能再修改。');
    expect(editRefusalMessage('abandoned')).toContain('视为放弃');
  });
});
