/** The stepper's steps (R3) after entering the registration, and where each problem path belongs. */
export const UI_STEPS = [
  { key: 'area', title: '选择报名地市和考点', prefixes: ['area'] },
  { key: 'specialty', title: '选择专业和级别', prefixes: ['specialty'] },
  { key: 'info', title: '填写报名信息', prefixes: ['info'] },
  { key: 'photo', title: '确认报名照片', prefixes: ['photo'] },
  { key: 'form', title: '下载申报表', prefixes: ['applicationForm'] },
  { key: 'materials', title: '上传材料', prefixes: ['materials'] },
  { key: 'submit', title: '提交', prefixes: ['submit'] },
] as const;

export type UiStepKey = (typeof UI_STEPS)[number]['key'];

export function isUiStepKey(value: string | undefined): value is UiStepKey {
  return UI_STEPS.some((s) => s.key === value);
}

/** The step a completeness problem (`area.cityId`, `materials.degree` …) is fixed in. */
export function stepOfPath(path: string): UiStepKey | 'basic_info' {
  const head = path.split('.')[0];
  if (head === 'basicInfo') return 'basic_info';
  return (
    UI_STEPS.find((s) => (s.prefixes as readonly string[]).includes(head ?? ''))?.key ?? 'submit'
  );
}
