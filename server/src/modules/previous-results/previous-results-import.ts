import { gb11643CheckCharacter, normalizeDocumentNumber, type ImportIssue } from '@hqe/core';
import type { PreviousSubjectResult, SpecialtyLevel } from '../../db/schema';
import type { TableRow } from '../catalog';

/*
 * Reading last year's results (历史考生成绩) from the rows of a CSV or .xlsx file: the first row is
 * the header (Chinese column names, any order), every later row one candidate's result in one
 * specialty. Each fault is reported with its row (as a spreadsheet numbers it), its column and a
 * Chinese message; the document number never appears in a message.
 */

/** A subject counts as passed from this score (each subject is marked out of 100). */
export const PASS_SCORE = 60;

/** A row turned into a record (the document number normalised, not yet hashed). */
export interface ImportedResult {
  row: number;
  documentNumber: string;
  name: string;
  cityCode: string;
  testSiteCode: string;
  specialtyCode: string;
  level: SpecialtyLevel;
  subjectResults: PreviousSubjectResult[];
  absent: boolean;
  disciplined: boolean;
}

/** What a row's area, city and test site are checked against. */
export interface AreaReference {
  code: string;
  name: string;
  cities: readonly { code: string; name: string }[];
  testSites: readonly { code: string; name: string }[];
}

type Field =
  | 'documentNumber'
  | 'name'
  | 'area'
  | 'city'
  | 'testSite'
  | 'specialtyCode'
  | 'level'
  | 'absent'
  | 'disciplined';

const COLUMNS: Record<Field, { header: string; aliases: string[]; required: boolean }> = {
  documentNumber: {
    header: '证件号码',
    aliases: ['证件号码', '身份证号', '身份证号码', '证件号'],
    required: true,
  },
  name: { header: '姓名', aliases: ['姓名', '考生姓名'], required: true },
  area: { header: '考区', aliases: ['考区', '考区代码', '考区名称'], required: false },
  city: { header: '报名地市', aliases: ['报名地市', '地市', '报名区县', '区县'], required: true },
  testSite: { header: '考点', aliases: ['考点', '考点代码', '考点名称'], required: true },
  specialtyCode: { header: '专业代码', aliases: ['专业代码', '报考专业代码'], required: true },
  level: { header: '级别', aliases: ['级别', '专业级别'], required: true },
  absent: { header: '缺考', aliases: ['缺考', '是否缺考'], required: false },
  disciplined: { header: '违纪', aliases: ['违纪', '是否违纪'], required: false },
};

/** Subject columns: by number (科目1 … 科目4) or by the standard subject names. */
const SUBJECT_COLUMNS: Record<string, string> = {
  科目1: '基础知识',
  科目2: '相关专业知识',
  科目3: '专业知识',
  科目4: '专业实践能力',
  基础知识: '基础知识',
  相关专业知识: '相关专业知识',
  专业知识: '专业知识',
  专业实践能力: '专业实践能力',
};

const normalize = (s: string) =>
  s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();

const LEVEL_VALUES: Record<string, SpecialtyLevel> = {
  '初级(士)': 'junior_assistant',
  士: 'junior_assistant',
  '初级(师)': 'junior',
  师: 'junior',
  中级: 'intermediate',
};
const LEVEL_OF_PREFIX: Record<string, SpecialtyLevel> = {
  '1': 'junior_assistant',
  '2': 'junior',
  '3': 'intermediate',
};
const YES = new Set(['是', 'y', 'yes', '1', 'true', '缺考', '违纪']);
const NO = new Set(['', '否', 'n', 'no', '0', 'false']);
const PASSED = new Set(['合格', '通过', '及格']);
const FAILED = new Set(['不合格', '未通过', '不及格', '缺考']);

/** Turns the rows of a file into results, with one issue per fault. */
export function parsePreviousResultRows(
  rows: readonly TableRow[],
  area: AreaReference,
): { results: ImportedResult[]; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const [header, ...data] = rows;
  if (!header) {
    return {
      results: [],
      errors: [{ row: 1, column: null, message: '文件是空的：第一行须为表头，其后每行一名考生' }],
    };
  }
  const index = new Map<Field, number>();
  const subjects: { subject: string; column: string; index: number }[] = [];
  header.cells.forEach((text, i) => {
    const name = normalize(text);
    const subject = SUBJECT_COLUMNS[name];
    if (subject) {
      if (subjects.some((s) => s.subject === subject)) {
        errors.push({ row: header.row, column: text, message: `科目“${subject}”的成绩列重复` });
      } else subjects.push({ subject, column: text, index: i });
      return;
    }
    for (const [field, column] of Object.entries(COLUMNS) as [Field, (typeof COLUMNS)[Field]][]) {
      if (!column.aliases.includes(name)) continue;
      if (index.has(field)) {
        errors.push({
          row: header.row,
          column: column.header,
          message: `“${column.header}”列重复`,
        });
      } else index.set(field, i);
    }
  });
  for (const [field, column] of Object.entries(COLUMNS) as [Field, (typeof COLUMNS)[Field]][]) {
    if (column.required && !index.has(field)) {
      errors.push({
        row: header.row,
        column: column.header,
        message: `表头缺少“${column.header}”列`,
      });
    }
  }
  if (subjects.length === 0) {
    errors.push({
      row: header.row,
      column: '科目成绩',
      message:
        '表头缺少科目成绩列：请用“科目1”至“科目4”或“基础知识”“相关专业知识”“专业知识”“专业实践能力”',
    });
  }
  if (errors.length > 0) return { results: [], errors };
  if (data.length === 0) {
    return {
      results: [],
      errors: [{ row: header.row + 1, column: null, message: '表头之后没有成绩数据' }],
    };
  }

  const cityByKey = new Map<string, string>();
  for (const c of area.cities) {
    cityByKey.set(normalize(c.code), c.code);
    cityByKey.set(normalize(c.name), c.code);
  }
  const siteByKey = new Map<string, string>();
  for (const s of area.testSites) {
    siteByKey.set(normalize(s.code), s.code);
    siteByKey.set(normalize(s.name), s.code);
  }
  const areaKeys = new Set([
    normalize(area.code),
    normalize(area.name),
    normalize(`${area.name}考区`),
  ]);

  const results: ImportedResult[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of data) {
    const before = errors.length;
    const value = (field: Field) => {
      const i = index.get(field);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const fail = (column: string | null, message: string) => errors.push({ row, column, message });

    const documentNumber = normalizeDocumentNumber(value('documentNumber'));
    if (documentNumber === '') fail('证件号码', '证件号码不能为空');
    else if (!/^[0-9A-Z]{5,20}$/.test(documentNumber)) {
      fail('证件号码', '证件号码须为 5 至 20 位数字或字母');
    } else if (
      /^[0-9]{17}[0-9X]$/.test(documentNumber) &&
      gb11643CheckCharacter(documentNumber.slice(0, 17)) !== documentNumber.charAt(17)
    ) {
      fail('证件号码', '居民身份证号码的校验位不正确，请核对');
    }
    const name = value('name');
    if (name === '') fail('姓名', '姓名不能为空');
    else if (Array.from(name).length > 50) fail('姓名', '姓名不能超过 50 个字符');
    const areaText = value('area');
    if (areaText !== '' && !areaKeys.has(normalize(areaText))) {
      fail('考区', `考区须为本考区（${area.code} ${area.name}），该行不属于本考区`);
    }
    const cityCode = cityByKey.get(normalize(value('city')));
    if (value('city') === '') fail('报名地市', '报名地市不能为空');
    else if (!cityCode)
      fail('报名地市', `本考区没有报名地市“${value('city')}”，请填写地市的代码或名称`);
    const testSiteCode = siteByKey.get(normalize(value('testSite')));
    if (value('testSite') === '') fail('考点', '考点不能为空');
    else if (!testSiteCode)
      fail('考点', `本考区没有考点“${value('testSite')}”，请填写考点的代码或名称`);
    const specialtyCode = value('specialtyCode');
    const codeValid = /^[0-9]{3}$/.test(specialtyCode);
    if (!codeValid) fail('专业代码', '专业代码须为三位数字');
    const level = LEVEL_VALUES[normalize(value('level'))];
    if (!level) fail('级别', '级别须为 初级(士)、初级(师) 或 中级');
    else if (codeValid) {
      const expected = LEVEL_OF_PREFIX[specialtyCode.charAt(0)];
      if (!expected) fail('专业代码', '专业代码须以 1、2 或 3 开头');
      else if (expected !== level)
        fail('级别', `专业代码 ${specialtyCode} 与级别“${value('level')}”不符`);
    }
    const flag = (field: 'absent' | 'disciplined') => {
      const text = normalize(value(field));
      if (YES.has(text)) return true;
      if (NO.has(text)) return false;
      fail(COLUMNS[field].header, `“${COLUMNS[field].header}”须填写 是 或 否（留空视为否）`);
      return false;
    };
    const absent = flag('absent');
    const disciplined = flag('disciplined');

    const subjectResults: PreviousSubjectResult[] = [];
    for (const s of subjects) {
      const text = (cells[s.index] ?? '').trim();
      if (text === '') continue;
      const word = normalize(text);
      if (PASSED.has(word)) subjectResults.push({ subject: s.subject, score: null, passed: true });
      else if (FAILED.has(word))
        subjectResults.push({ subject: s.subject, score: null, passed: false });
      else if (/^[0-9]{1,3}(\.[0-9]{1,2})?$/.test(text) && Number(text) <= 100) {
        const score = Number(text);
        subjectResults.push({ subject: s.subject, score, passed: score >= PASS_SCORE });
      } else {
        fail(s.column, '科目成绩须为 0 至 100 的分数，或 合格、不合格、缺考（未报考的科目留空）');
      }
    }
    if (errors.length === before && subjectResults.length === 0 && !absent) {
      fail('科目成绩', '至少须有一个科目的成绩（缺考的考生请在“缺考”列填写“是”）');
    }
    if (errors.length === before && absent && subjectResults.length === 0) {
      for (const s of subjects)
        subjectResults.push({ subject: s.subject, score: null, passed: false });
    }

    if (codeValid && documentNumber !== '') {
      const key = `${documentNumber}:${specialtyCode}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) fail(null, `与第 ${first} 行为同一考生的同一专业，请删除重复行`);
      else firstRowOf.set(key, row);
    }
    if (errors.length === before && level && cityCode && testSiteCode) {
      results.push({
        row,
        documentNumber,
        name,
        cityCode,
        testSiteCode,
        specialtyCode,
        level,
        subjectResults,
        absent,
        disciplined,
      });
    }
  }
  return { results, errors };
}
