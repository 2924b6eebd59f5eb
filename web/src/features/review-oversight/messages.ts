/** Texts of 审核统计 (the review dashboard) and its Excel export. */
export const reviewOversightMessages = {
  nav: '审核统计',
  title: '审核统计',
  intro: (area: string) =>
    `${area}本考试年度的报名和审核进度：各状态、专业、报名地市的报名数，每日办理量和审核员工作量。数据每分钟自动刷新，日期为北京时间。`,
  introPlatform:
    '选择考区和考试年度，查看该考区的报名和审核进度。数据每分钟自动刷新，日期为北京时间。',
  noArea:
    '审核统计按考区查看，您的账号没有所属考区。如需查看，请使用考区管理员或审核员账号登录，或请平台管理员查看。',

  // scope
  scopeLabel: '统计范围',
  cycleLabel: '考试年度',
  areaLabel: '考区',
  areaFixedHint: '只能查看本考区的数据',
  noCycles: '该考区目前没有正在进行的考试年度。考试年度开放并设置时间安排后，统计会显示在这里。',
  noAreas: '还没有考区，请先在“考区管理”中添加考区。',
  cyclesLoadFailed: '考试年度加载失败',
  loadFailed: '审核统计加载失败',
  updatedAt: (time: string) => `统计时间：${time}（北京时间）`,
  refresh: '刷新',

  // cards
  cardsLabel: '主要数字',
  total: '报名总数',
  totalHint: (drafts: number) => `含未提交 ${drafts} 条`,
  confirmationQueue: '待报名确认',
  qualificationQueue: '待资格审核',
  queueHint: (waiting: number, claimed: number) => `未领取 ${waiting} 条，审核中 ${claimed} 条`,
  confirmed: '已通过报名确认',
  confirmedHint: (rate: string) => `占已提交的 ${rate}`,
  returned: '确认不通过',
  returnedHint: '等待考生修改后重新提交',
  oldest: '最久等待',
  oldestNone: '队列中没有等待的报名',
  oldestHint: (stage: string, number: string) => `${stage}：网报号 ${number}`,

  // charts
  byStatusTitle: '各状态报名数',
  byStatusSummary: (parts: string) => `各状态报名数：${parts}。`,
  perDayTitle: '每日办理量',
  perDayIntro: (days: number) =>
    `最近 ${days} 天每天提交、报名确认通过（含自动确认）和退回修改的数量（北京时间）。`,
  perDayEmpty: '还没有提交或审核记录。',
  perDaySummary: (days: number, submissions: number, confirmations: number, returns: number) =>
    `共 ${days} 天：提交 ${submissions} 次，确认通过 ${confirmations} 次，退回修改 ${returns} 次。详细数字见下方数据表。`,
  perDayScroll: '每日办理量图表（可左右滚动）',
  series: {
    submissions: '提交',
    confirmations: '确认通过',
    returns: '退回修改',
  },
  showTable: '查看数据表',
  byCityTitle: '各报名地市报名数',
  byCitySummary: (parts: string) => `各报名地市已提交的报名数：${parts}。`,

  // tables
  date: '日期',
  autoConfirmations: '其中自动确认',
  qualificationDecisions: '资格审核',
  status: '状态',
  count: '报名数',
  bySpecialtyTitle: '按专业',
  bySpecialtyIntro: '已提交过的报名（不含未提交）及其中已通过报名确认的数量。',
  specialtyCode: '专业代码',
  specialtyName: '专业名称',
  level: '级别',
  submitted: '已提交',
  confirmedCount: '已确认',
  confirmRate: '确认率',
  noSpecialties: '还没有已提交的报名。',
  cityName: '报名地市',
  cityInactive: '（已停用）',
  reviewersTitle: '审核员工作量',
  reviewersIntro: '每位审核员作出的审核决定（按北京时间的日期）。展开一行可查看每天的数量。',
  reviewerName: '审核员',
  reviewerConfirmed: '确认通过',
  reviewerReturned: '退回修改',
  reviewerQualification: '资格审核决定',
  reviewerTotal: '合计',
  reviewerLast: '最近一次',
  noReviewers: '还没有审核员作出审核决定。',
  expandRow: (name: string) => `展开 ${name} 每天的数量`,
  collapseRow: (name: string) => `收起 ${name} 每天的数量`,

  // export
  exportTitle: '导出 Excel',
  exportIntro:
    '按下面的条件导出报名信息（.xlsx），每条报名一行，包括考生信息、报考信息、状态、退回原因和审核结论。每次导出都会记入审计日志。',
  exportMaskedNote: '您是审核员，导出的证件号码和手机号会部分隐藏。',
  exportFullNote: '导出文件含完整的证件号码和手机号，请妥善保管，不要外传。',
  exportStatus: '状态',
  exportSpecialty: '专业',
  exportCity: '报名地市',
  exportAll: '全部',
  exportButton: '导出 Excel',
  exporting: '正在生成文件，报名较多时需要一些时间，请稍候…',
  exported: (name: string, rows: number) => `已导出 ${rows} 条报名：${name}`,
  exportFailed: '导出失败',
};
