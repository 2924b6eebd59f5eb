/** UI strings of the candidate's registration journey. */
export const registrationMessages = {
  stepsTitle: '报名流程',
  currentMarker: '（当前步骤）',
  finishedMarker: '（已完成）',
  youAreAt: (step: string) => `您当前所处步骤：${step}`,
} as const;
