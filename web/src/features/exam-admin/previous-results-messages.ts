/** UI text of the import of last year's results (历史考生成绩导入). */
export const previousResultsMessages = {
  summaryTitle: '已导入的历史考生成绩',
  summaryLoadFailed: '历史考生成绩概况加载失败',
  noResults: '本考区尚未导入历史考生成绩。',
  colYear: '考试年度',
  colCount: '记录数',
  colAbsent: '其中缺考',
  colDisciplined: '其中违纪',
  lastImport: (year: number, file: string, rows: number, at: string, by: string | null) =>
    `最近一次导入：${at}（北京时间），${year} 年度，文件“${file}”，${rows} 条${by ? `，操作人 ${by}` : ''}。`,
  importTitle: '导入上一年度成绩',
  yearLabel: '成绩所属考试年度',
  yearRequired: '请填写成绩所属的考试年度，如 2023',
  importIntro:
    '文件为 CSV（UTF-8 或 GB18030）或 Excel（.xlsx），不超过 10 MB。第一行为表头：证件号码、姓名、报名地市、考点、专业代码、级别为必填列；科目成绩列为“科目1”至“科目4”或“基础知识”“相关专业知识”“专业知识”“专业实践能力”，填分数（60 分及以上为合格）或 合格、不合格、缺考；考区、缺考、违纪为可选列（填 是 或 否）。',
  importSteps:
    '先选择文件，系统只做检查并列出每一处错误；检查通过后，点击“确认导入”才会保存。只要有一行有误，就不导入任何数据。同一考生同一专业的记录将被文件中的行替换。',
  chooseFile: '选择文件并检查',
  chooseAnother: '重新选择文件',
  checking: (name: string) => `正在检查“${name}”…`,
  confirmImport: '确认导入',
  wrongType: (name: string) =>
    `“${name}”不是 CSV 或 Excel（.xlsx）文件，请另存为这两种格式之一后重新选择。`,
  tooLarge: (name: string) => `“${name}”超过 10 MB，请分成几个文件导入。`,
  readFailed: (name: string) => `无法读取“${name}”，请确认文件未被占用后重新选择。`,
  checkFailedTitle: '文件未能检查',
  importFailedTitle: '历史考生成绩未能导入',
  reportTitle: (name: string) => `检查结果：${name}`,
  reportRows: '数据行数',
  reportCreated: '将新增',
  reportReplaced: '将替换',
  reportCreatedDone: '已新增',
  reportReplacedDone: '已替换',
  reportErrors: '错误',
  reportHasErrors: (n: number) =>
    `文件中有 ${n} 处错误，未导入任何数据。请按下表在文件中修改后，重新选择文件检查。`,
  reportOk: '检查通过，可以导入。',
  reportApplied: '历史考生成绩已导入。',
  importDone: (created: number, replaced: number) =>
    `已导入：新增 ${created} 条，替换 ${replaced} 条。`,
  colRow: '行号',
  colColumn: '列',
  colMessage: '问题',
  wholeRow: '整行',
} as const;
