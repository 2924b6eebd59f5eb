import ExcelJS from 'exceljs';
import {
  DEFAULT_SUBJECTS,
  SPECIALTY_IMPORT_MAX_ROWS,
  type ExamMode,
  type ImportIssue,
} from '@hqe/core';
import type { SpecialtyCategory, SpecialtyLevel } from '../../db/schema';
import { detectFileType, extensionOf, FILE_TYPES, readZipDirectory } from '../../lib/file-type';
import { AppError } from '../../lib/errors';

/*
 * Reading the specialty table (专业目录) from a CSV or Excel (.xlsx) file: the first non-empty row
 * is the header naming the columns (Chinese or English names, any order); every later row is one specialty. Each fault
 * is reported with its row (as a spreadsheet numbers it, the header being row 1), its column and
 * a Chinese message.
 */

export interface TableRow {
  row: number;
  cells: string[];
}
export type ImportFormat = 'csv' | 'xlsx';

export interface ImportedSpecialty {
  row: number;
  code: string;
  name: string;
  level: SpecialtyLevel;
  category: SpecialtyCategory;
  examMode: ExamMode;
  subjects: string[];
  certainty: 'sourced' | 'uncertain';
}

/** Unzipped size an .xlsx may reach: a guard against zip bombs. */
const XLSX_MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
const MAX_COLUMNS = 30;

/** How many data rows a table may hold, and what to say when it holds more. */
export interface TableLimits {
  maxRows: number;
  tooManyRows: string;
}
const SPECIALTY_TABLE_LIMITS: TableLimits = {
  maxRows: SPECIALTY_IMPORT_MAX_ROWS,
  tooManyRows: `文件行数过多：最多 ${SPECIALTY_IMPORT_MAX_ROWS} 个专业（不含表头）。`,
};

const unsupported = (message: string) => new AppError('unsupported_media_type', message);

/** Reads the rows of a CSV or .xlsx file; refuses any other file (415) or an unreadable one. */
export async function readTable(
  fileName: string,
  bytes: Buffer,
  limits: TableLimits = SPECIALTY_TABLE_LIMITS,
): Promise<{ format: ImportFormat; rows: TableRow[] }> {
  const extension = extensionOf(fileName);
  const detected = detectFileType(bytes);
  if (extension === 'xls' || detected === 'xls') {
    throw unsupported('不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV（UTF-8）后再导入。');
  }
  if (extension === 'xlsx') {
    if (detected !== 'xlsx') throw unsupported('文件扩展名为 .xlsx，但内容不是 Excel 表格。');
    return { format: 'xlsx', rows: await readXlsx(bytes, limits) };
  }
  if (extension === 'csv') {
    if (detected !== null || bytes.includes(0)) {
      const what = detected ? FILE_TYPES[detected].label : '二进制文件';
      throw unsupported(`文件扩展名为 .csv，但内容是${what}。`);
    }
    return { format: 'csv', rows: parseCsv(decodeText(bytes), limits) };
  }
  throw unsupported('只能导入 CSV 或 Excel（.xlsx）文件。');
}

async function readXlsx(bytes: Buffer, limits: TableLimits): Promise<TableRow[]> {
  const zip = readZipDirectory(bytes);
  if (!zip) throw unsupported('无法读取该 Excel 文件，请确认文件未损坏，或另存为 CSV 后导入。');
  if (zip.totalSize > XLSX_MAX_UNZIPPED_BYTES) {
    throw new AppError('payload_too_large', 'Excel 文件解压后过大，请只保留要导入的一张表。');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` type (an ArrayBuffer); it reads Node's Buffer at run time.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unsupported('无法读取该 Excel 文件，请确认文件未损坏，或另存为 CSV 后导入。');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('validation_failed', 'Excel 文件中没有工作表。');
  if (sheet.actualRowCount > limits.maxRows + 1) {
    throw tooManyRows(limits);
  }
  const columns = Math.min(sheet.columnCount, MAX_COLUMNS);
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= columns; c++) cells.push(row.getCell(c).text.trim());
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

const tooManyRows = (limits: TableLimits) => new AppError('validation_failed', limits.tooManyRows);

/** UTF-8 (with or without BOM), else GB18030 — what Excel on Chinese Windows writes as CSV. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * RFC 4180 CSV: quoted fields may hold separators, quotes ("") and line breaks. The separator is
 * a comma, or a tab when the first line has tabs and no commas. Rows are numbered by record.
 */
export function parseCsv(text: string, limits: TableLimits = SPECIALTY_TABLE_LIMITS): TableRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const rows: TableRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let record = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell.trim());
    if (cells.some((c) => c !== '')) rows.push({ row: record, cells });
    if (rows.length > limits.maxRows + 1) throw tooManyRows(limits);
    record += 1;
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === separator) {
      cells.push(cell.trim());
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i += 1;
      endRecord();
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (quoted) {
    throw new AppError('validation_failed', `第 ${record} 行的引号未闭合，请检查 CSV 文件。`, {
      issues: [{ path: 'contentBase64', message: `第 ${record} 行的引号未闭合` }],
    });
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return rows;
}

// --- columns and values -----------------------------------------------------------------------

type Field = 'code' | 'name' | 'level' | 'category' | 'examMode' | 'subjects' | 'certainty';

/** Each column: its header as reported, the names accepted for it, and whether it is required. */
const COLUMNS: Record<Field, { header: string; aliases: string[]; required: boolean }> = {
  code: { header: '专业代码', aliases: ['专业代码', '代码', 'code'], required: true },
  name: { header: '专业名称', aliases: ['专业名称', '名称', '专业', 'name'], required: true },
  level: { header: '级别', aliases: ['级别', '专业级别', '层级', 'level'], required: true },
  category: { header: '类别', aliases: ['类别', '专业类别', 'category'], required: true },
  examMode: {
    header: '考试方式',
    aliases: ['考试方式', '考试形式', 'exammode', 'exam_mode'],
    required: true,
  },
  subjects: { header: '科目', aliases: ['科目', '考试科目', 'subjects'], required: false },
  certainty: {
    header: '确定性',
    aliases: ['确定性', '核实状态', 'certainty'],
    required: false,
  },
};

/** Lower case, no spaces, ASCII parentheses: so '初级（士）' and '初级(士)' read alike. */
const normalize = (s: string) =>
  s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();

const LEVEL_VALUES: Record<string, SpecialtyLevel> = {
  '初级(士)': 'junior_assistant',
  士: 'junior_assistant',
  junior_assistant: 'junior_assistant',
  '初级(师)': 'junior',
  师: 'junior',
  junior: 'junior',
  中级: 'intermediate',
  intermediate: 'intermediate',
};
const CATEGORY_VALUES: Record<string, SpecialtyCategory> = {
  医疗: 'doctor',
  医师: 'doctor',
  doctor: 'doctor',
  护理: 'nursing',
  nursing: 'nursing',
  药学: 'pharmacy',
  药: 'pharmacy',
  pharmacy: 'pharmacy',
  技术: 'technician',
  医技: 'technician',
  technician: 'technician',
  其他: 'other',
  other: 'other',
};
const EXAM_MODE_VALUES: Record<string, ExamMode> = {
  人机对话: 'computer',
  机考: 'computer',
  计算机: 'computer',
  computer: 'computer',
  纸笔: 'paper',
  纸笔考试: 'paper',
  paper: 'paper',
};
const CERTAINTY_VALUES: Record<string, 'sourced' | 'uncertain'> = {
  已核实: 'sourced',
  sourced: 'sourced',
  待核实: 'uncertain',
  uncertain: 'uncertain',
};
/** The first digit of a code decides its level (1xx 士, 2xx 师, 3xx 中级). */
const LEVEL_OF_PREFIX: Record<string, SpecialtyLevel> = {
  '1': 'junior_assistant',
  '2': 'junior',
  '3': 'intermediate',
};
const LEVEL_LABELS: Record<SpecialtyLevel, string> = {
  junior_assistant: '初级(士)',
  junior: '初级(师)',
  intermediate: '中级',
};

/**
 * Turns the rows of a file into specialties, with one issue per fault. An empty value of an
 * optional column takes its default: the four standard subjects; certainty 已核实 (an imported
 * table is the official one).
 */
export function parseSpecialtyRows(rows: TableRow[]): {
  specialties: ImportedSpecialty[];
  errors: ImportIssue[];
} {
  const errors: ImportIssue[] = [];
  const [header, ...data] = rows;
  if (!header) {
    return {
      specialties: [],
      errors: [{ row: 1, column: null, message: '文件是空的：第一行须为表头，其后每行一个专业' }],
    };
  }
  const index = new Map<Field, number>();
  header.cells.forEach((text, i) => {
    const name = normalize(text);
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
  if (errors.length > 0) return { specialties: [], errors };
  if (data.length === 0) {
    return {
      specialties: [],
      errors: [{ row: header.row + 1, column: null, message: '表头之后没有专业数据' }],
    };
  }

  const specialties: ImportedSpecialty[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const { row, cells } of data) {
    const before = errors.length;
    const value = (field: Field) => {
      const i = index.get(field);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const fail = (field: Field | null, message: string) =>
      errors.push({ row, column: field ? COLUMNS[field].header : null, message });

    const code = value('code');
    if (!/^[0-9]{3}$/.test(code)) fail('code', '专业代码须为三位数字');
    const name = value('name');
    if (name === '') fail('name', '专业名称不能为空');
    else if (name.length > 50) fail('name', '专业名称不能超过 50 个字符');
    const level = LEVEL_VALUES[normalize(value('level'))];
    if (!level) fail('level', '级别须为 初级(士)、初级(师) 或 中级');
    const category = CATEGORY_VALUES[normalize(value('category'))];
    if (!category) fail('category', '类别须为 医疗、护理、药学、技术 或 其他');
    const examMode = EXAM_MODE_VALUES[normalize(value('examMode'))];
    if (!examMode) fail('examMode', '考试方式须为 人机对话 或 纸笔');
    const certaintyText = normalize(value('certainty'));
    const certainty = certaintyText === '' ? 'sourced' : CERTAINTY_VALUES[certaintyText];
    if (!certainty) fail('certainty', '确定性须为 已核实 或 待核实（可留空，视为已核实）');
    const subjectsText = value('subjects');
    const subjects =
      subjectsText === ''
        ? [...DEFAULT_SUBJECTS]
        : subjectsText
            .split(/[、，,;；|\n]/)
            .map((s) => s.trim())
            .filter((s) => s !== '');
    if (subjects.length === 0) fail('subjects', '科目不能为空（留空则为四个标准科目）');
    else if (subjects.length > 8) fail('subjects', '科目不能超过 8 个');
    else if (new Set(subjects).size !== subjects.length) fail('subjects', '科目名称不能重复');
    else if (subjects.some((s) => s.length > 20)) fail('subjects', '科目名称不能超过 20 个字符');

    if (/^[0-9]{3}$/.test(code)) {
      const expected = LEVEL_OF_PREFIX[code.charAt(0)];
      if (!expected) {
        fail('code', '专业代码须以 1（初级(士)）、2（初级(师)）或 3（中级）开头');
      } else if (level && level !== expected) {
        fail(
          'level',
          `专业代码 ${code} 属于${LEVEL_LABELS[expected]}，与级别“${LEVEL_LABELS[level]}”不符`,
        );
      }
      const first = firstRowOfCode.get(code);
      if (first !== undefined) fail('code', `专业代码 ${code} 与第 ${first} 行重复`);
      else firstRowOfCode.set(code, row);
    }
    if (errors.length === before && level && category && examMode && certainty) {
      specialties.push({ row, code, name, level, category, examMode, subjects, certainty });
    }
  }
  return { specialties, errors };
}
