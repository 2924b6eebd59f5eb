/** UI strings of the exam calendar and notices. */
export const catalogMessages = {
  calendarTitle: '报名时间安排',
  calendarCaption: (cycle: string, area: string) => `${cycle}（${area}）时间安排`,
  phaseColumn: '阶段',
  timeColumn: '起止时间（北京时间）',
  statusColumn: '状态',
  until: '至',
  workYearsCutoff: '工作年限计算截止日期',
  noCalendar: '暂未发布考试时间安排，请留意考区通知。',
  noCalendarForArea: '本考区暂未发布考试时间安排。',
  noticesTitle: '考试公告',
  noNotices: '暂无考试公告。',
  calendarLoadFailed: '考试时间安排加载失败',
  noticesLoadFailed: '考试公告加载失败',
  areasLoadFailed: '考区列表加载失败',
} as const;
