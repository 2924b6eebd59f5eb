import PDFDocument from 'pdfkit';
import type { z } from 'zod';
import { ELIGIBILITY_LABELS, formatShanghai } from '@hqe/core';
import { missingCharacters, pdfFont, printableText } from '../../lib/pdf-fonts';
import {
  applicationFormDataSchema,
  applicationFormMetaSchema,
  type ApplicationFormData,
  type ApplicationFormMeta,
  type MissingCharacter,
  type RenderedApplicationForm,
} from './application-form.data';
import { code128Png } from './barcode';
import {
  drawBoldText,
  drawText,
  FONT,
  FormTable,
  labelStyle,
  PADDING_X,
  valueStyle,
  type Box,
  type Cell,
} from './form-table';

/*
 * The application form (申报表), A4 portrait, laid out like the official form: the title, the
 * office row (网报号 with its barcode, 验证码 and 档案号 left for the office), the candidate's
 * data in bordered groups with the photo top right, the candidate's declaration with signature
 * and date, and the employer's review (opinion, the handler's signature, the HR stamp, the date).
 * One page for any realistic data; longer values wrap inside their cells.
 */

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 42, right: 42, top: 28, bottom: 24 };
const TABLE_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const SECTION_TITLE_WIDTH = 24;
/** Least row height: enough for one line of print, and more on the blank form to write by hand. */
const ROW_HEIGHT = { filled: 22, blank: 27 };
const LABEL_WIDTH = 76;
const PHOTO_WIDTH = 100;
/** A 1-inch photo (25 × 35 mm) fits in the box with room to spare. */
const PHOTO_MIN_HEIGHT = 120;
const GREY = '#555555';

/** A field the form prints, with its label (for the missing-character report). */
interface Field {
  label: string;
  value: string;
}

type FormValues = Record<
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'ethnicity'
  | 'documentType'
  | 'documentNo'
  | 'household'
  | 'mobile'
  | 'examArea'
  | 'registrationCity'
  | 'testSite'
  | 'specialty'
  | 'level'
  | 'subjects'
  | 'earlyApplication'
  | 'returningFileNo'
  | 'employer'
  | 'department'
  | 'years'
  | 'practiceQualification'
  | 'practiceSince'
  | 'title'
  | 'titleSince'
  | 'educationLevel'
  | 'educationMode'
  | 'school'
  | 'major'
  | 'graduation',
  Field
>;

/** The official title: 2024年度卫生专业技术资格考试申报表 (without the leading 全国). */
export function formTitle(meta: ApplicationFormMeta): string {
  return `${meta.cycleYear}年度${meta.examName.replace(/^全国/, '')}申报表`;
}

function valuesOf(data: ApplicationFormData): FormValues {
  const f = (label: string, value: string): Field => ({ label, value });
  const c = data.candidate;
  return {
    name: f('姓名', c.name),
    gender: f('性别', c.gender === 'male' ? '男' : '女'),
    birthDate: f('出生日期', c.birthDate),
    ethnicity: f('民族', c.ethnicity),
    documentType: f('证件类型', c.documentTypeLabel),
    documentNo: f('证件号码', c.documentNo),
    household: f('户籍', c.householdRegistration),
    mobile: f('手机号码', c.mobile),
    examArea: f('报考考区', data.examAreaName),
    registrationCity: f('报名地市', data.registrationCity),
    testSite: f('考点', data.testSite),
    specialty: f('报考专业', `${data.specialty.code} ${data.specialty.name}`),
    level: f('报考级别', ELIGIBILITY_LABELS.level[data.specialty.level]),
    subjects: f('考试科目', data.subjects.join('、')),
    earlyApplication: f('提前报考', data.earlyApplication ?? '否'),
    returningFileNo: f('历史考生档案号', data.returningCandidateFileNo ?? '无'),
    employer: f('工作单位', data.employer),
    department: f('所在科室', data.department),
    years: f('本专业工作年限', `${data.yearsInSpecialty} 年`),
    practiceQualification: f('执业资格', data.practiceQualification?.name ?? '无'),
    practiceSince: f('取得时间', data.practiceQualification?.obtainedOn ?? '—'),
    title: f('现专业技术职务', data.currentTitle?.name ?? '无'),
    titleSince: f('取得时间', data.currentTitle?.obtainedOn ?? '—'),
    educationLevel: f('学历', data.education.level),
    educationMode: f('学习形式', data.education.mode),
    school: f('毕业学校', data.education.school),
    major: f('所学专业', data.education.major),
    graduation: f('毕业时间', data.education.graduationDate),
  };
}

const BLANK_LABELS: Record<keyof FormValues, string> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  ethnicity: '民族',
  documentType: '证件类型',
  documentNo: '证件号码',
  household: '户籍',
  mobile: '手机号码',
  examArea: '报考考区',
  registrationCity: '报名地市',
  testSite: '考点',
  specialty: '报考专业',
  level: '报考级别',
  subjects: '考试科目',
  earlyApplication: '提前报考',
  returningFileNo: '历史考生档案号',
  employer: '工作单位',
  department: '所在科室',
  years: '本专业工作年限',
  practiceQualification: '执业资格',
  practiceSince: '取得时间',
  title: '现专业技术职务',
  titleSince: '取得时间',
  educationLevel: '学历',
  educationMode: '学习形式',
  school: '毕业学校',
  major: '所学专业',
  graduation: '毕业时间',
};

function blankValues(): FormValues {
  return Object.fromEntries(
    Object.entries(BLANK_LABELS).map(([key, label]) => [key, { label, value: '' }]),
  ) as FormValues;
}

/** Every character no font has, with the fields it occurs in. */
function findMissing(fields: Field[]): MissingCharacter[] {
  const byCharacter = new Map<string, MissingCharacter>();
  for (const field of fields) {
    for (const character of missingCharacters(field.value)) {
      const entry = byCharacter.get(character) ?? {
        character,
        codePoint: `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
        fields: [],
      };
      if (!entry.fields.includes(field.label)) entry.fields.push(field.label);
      byCharacter.set(character, entry);
    }
  }
  return [...byCharacter.values()];
}

/**
 * The caller built the form from stored data, so invalid data is a defect (500), not the
 * candidate's mistake. The error names the fields only, never their values (personal data).
 */
function invalidData(error: z.ZodError): TypeError {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.')))].join(', ');
  return new TypeError(`Invalid application form data: ${fields}`);
}

/** What differs between the filled-in and the blank form. */
interface Content {
  meta: ApplicationFormMeta;
  values: FormValues;
  registrationNo?: string;
  barcodePng?: Buffer;
  photoJpeg?: Uint8Array;
  generatedAt?: Date;
}

const label = (width: number, text: string): Cell => ({ width, text, style: labelStyle });
const value = (width: number, field: Field): Cell => ({
  width,
  text: printableText(field.value),
  style: valueStyle,
});
/** A label and its value: two cells. */
const pair = (labelWidth: number, valueWidth: number, field: Field): Cell[] => [
  label(labelWidth, field.label),
  value(valueWidth, field),
];

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function drawBarcode(doc: PDFKit.PDFDocument, box: Box, png: Buffer, text: string): void {
  const size = pngSize(png);
  // 0.3 pt per pixel = 0.9 pt (0.32 mm) per module; narrower only if the cell requires it.
  const maxWidth = box.width - 4 * PADDING_X;
  const width = Math.min(size.width * 0.3, maxWidth);
  const height = 22;
  doc.image(png, box.x + (box.width - width) / 2, box.y + 5, { width, height });
  drawText(
    doc,
    text,
    { x: box.x, y: box.y + 5 + height, width: box.width, height: box.height - height - 7 },
    { size: 9.5, align: 'center' },
  );
}

function drawPhoto(doc: PDFKit.PDFDocument, box: Box, photo: Uint8Array | undefined): void {
  const inner = { x: box.x + 8, y: box.y + 8, width: box.width - 16, height: box.height - 16 };
  if (photo) {
    doc.image(Buffer.from(photo.buffer, photo.byteOffset, photo.byteLength), inner.x, inner.y, {
      fit: [inner.width, inner.height],
      align: 'center',
      valign: 'center',
    });
    return;
  }
  drawText(doc, '照片', box, { size: 12, align: 'center', color: GREY });
}

/** A line to write on: a caption and an underline of the given width. */
function writeLine(
  doc: PDFKit.PDFDocument,
  caption: string,
  x: number,
  y: number,
  lineWidth: number,
): number {
  doc.font(FONT).fontSize(10).fillColor('#000000').text(caption, x, y, { lineBreak: false });
  const start = x + doc.widthOfString(caption) + 2;
  doc
    .lineWidth(0.5)
    .moveTo(start, y + 12)
    .lineTo(start + lineWidth, y + 12)
    .stroke();
  return start + lineWidth;
}

/** 年 月 日 with room to write the numbers, ending at `right`. */
function dateLine(doc: PDFKit.PDFDocument, right: number, y: number): void {
  doc
    .font(FONT)
    .fontSize(10)
    .fillColor('#000000')
    .text('年　　　月　　　日', right - 110, y, { width: 110, align: 'right', lineBreak: false });
}

const DECLARATION =
  '本人承诺：以上所填信息真实、准确，所提交的证件和材料真实、有效。如有虚假，本人自愿承担由此产生的一切后果，并服从考试主管部门的处理。';

function drawDeclaration(doc: PDFKit.PDFDocument, box: Box): void {
  drawText(
    doc,
    DECLARATION,
    { x: box.x, y: box.y, width: box.width, height: 36 },
    { size: 10, align: 'left' },
  );
  const y = box.y + box.height - 20;
  writeLine(doc, '考生签名：', box.x + box.width - 330, y, 120);
  dateLine(doc, box.x + box.width - 12, y);
}

function drawEmployerReview(doc: PDFKit.PDFDocument, box: Box): void {
  doc
    .font(FONT)
    .fontSize(10)
    .fillColor('#000000')
    .text('审核意见：', box.x + PADDING_X, box.y + 6, { lineBreak: false });
  // The HR stamp goes in the dashed box on the right; the handler signs on the left.
  const stamp = { width: 132, height: 74 };
  const stampX = box.x + box.width - stamp.width - 14;
  const stampY = box.y + 8;
  doc
    .save()
    .lineWidth(0.6)
    .dash(3, { space: 2 })
    .strokeColor(GREY)
    .rect(stampX, stampY, stamp.width, stamp.height)
    .stroke()
    .undash()
    .restore();
  drawText(
    doc,
    '单位人事部门盖章',
    { x: stampX, y: stampY, width: stamp.width, height: stamp.height },
    { size: 9.5, align: 'center', color: GREY },
  );
  const y = box.y + box.height - 20;
  writeLine(doc, '经办人签字：', box.x + PADDING_X, y, 110);
  dateLine(doc, box.x + box.width - 14, y);
}

const NOTE_LINE = 11;
const NOTES = [
  '1. 网报号、验证码、条形码、档案号无需填写。',
  '2. 单位审核栏中经办人须签名，并加盖单位人事部门公章。',
  '3. 请用 A4 纸打印本表，经单位审核盖章后，按考区要求拍照或扫描上传。',
];

function render(content: Content): Promise<Buffer> {
  const { meta, values: v } = content;
  const title = formTitle(meta);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: title, Creator: '全国卫生专业技术资格考试网上报名系统' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT, pdfFont().source);
  doc.font(FONT);

  const x = MARGIN.left;
  drawBoldText(doc, printableText(title), x, MARGIN.top, {
    width: TABLE_WIDTH,
    size: 17,
    align: 'center',
  });
  doc
    .font(FONT)
    .fontSize(10.5)
    .text(printableText(`（${meta.examAreaName}考区）`), x, MARGIN.top + 24, {
      width: TABLE_WIDTH,
      align: 'center',
      lineBreak: false,
    });

  const table = new FormTable(
    doc,
    x,
    MARGIN.top + 44,
    TABLE_WIDTH,
    SECTION_TITLE_WIDTH,
    content.registrationNo ? ROW_HEIGHT.filled : ROW_HEIGHT.blank,
    printableText(
      `${title}（续）${content.registrationNo ? `\u3000网报号：${content.registrationNo}` : ''}`,
    ),
  );
  const office = 56;
  const { registrationNo, barcodePng } = content;
  table.row([
    label(LABEL_WIDTH, '网报号'),
    {
      width: TABLE_WIDTH - LABEL_WIDTH - 4 * office,
      minHeight: 48,
      draw:
        registrationNo && barcodePng
          ? (d, box) => drawBarcode(d, box, barcodePng, registrationNo)
          : undefined,
    },
    label(office, '验证码'),
    { width: office },
    label(office, '档案号'),
    { width: office },
  ]);

  const inner = table.innerWidth({ title: 'x' });
  const wide = (inner - 2 * LABEL_WIDTH) / 2;
  const topInner = inner - PHOTO_WIDTH;
  const narrow = (topInner - 2 * LABEL_WIDTH) / 2;
  const span = (width: number, field: Field) => pair(LABEL_WIDTH, width - LABEL_WIDTH, field);

  table.group({
    title: '基本信息',
    rows: [
      [...pair(LABEL_WIDTH, narrow, v.name), ...pair(LABEL_WIDTH, narrow, v.gender)],
      [...pair(LABEL_WIDTH, narrow, v.birthDate), ...pair(LABEL_WIDTH, narrow, v.ethnicity)],
      [...pair(LABEL_WIDTH, narrow, v.documentType), ...pair(LABEL_WIDTH, narrow, v.household)],
      span(topInner, v.documentNo),
      span(topInner, v.mobile),
    ],
    side: {
      width: PHOTO_WIDTH,
      minHeight: PHOTO_MIN_HEIGHT,
      draw: (d, box) => drawPhoto(d, box, content.photoJpeg),
    },
  });
  table.group({
    title: '报考信息',
    rows: [
      [...pair(LABEL_WIDTH, wide, v.examArea), ...pair(LABEL_WIDTH, wide, v.registrationCity)],
      span(inner, v.testSite),
      [...pair(LABEL_WIDTH, wide, v.specialty), ...pair(LABEL_WIDTH, wide, v.level)],
      span(inner, v.subjects),
      [
        ...pair(LABEL_WIDTH, wide, v.earlyApplication),
        ...pair(LABEL_WIDTH, wide, v.returningFileNo),
      ],
    ],
  });
  table.group({
    title: '工作情况',
    rows: [
      span(inner, v.employer),
      [...pair(LABEL_WIDTH, wide, v.department), ...pair(LABEL_WIDTH, wide, v.years)],
      [
        ...pair(LABEL_WIDTH, wide, v.practiceQualification),
        ...pair(LABEL_WIDTH, wide, v.practiceSince),
      ],
      [...pair(LABEL_WIDTH, wide, v.title), ...pair(LABEL_WIDTH, wide, v.titleSince)],
    ],
  });
  table.group({
    title: '学历',
    rows: [
      [...pair(LABEL_WIDTH, wide, v.educationLevel), ...pair(LABEL_WIDTH, wide, v.educationMode)],
      span(inner, v.school),
      [...pair(LABEL_WIDTH, wide, v.major), ...pair(LABEL_WIDTH, wide, v.graduation)],
    ],
  });
  table.group({
    title: '考生承诺',
    rows: [[{ width: inner, minHeight: 60, draw: drawDeclaration }]],
  });
  table.group({
    title: '单位审核',
    rows: [[{ width: inner, minHeight: 112, draw: drawEmployerReview }]],
  });
  table.end();

  let y = table.bottom + 5;
  const notesHeight = 3 * NOTE_LINE + 2;
  if (y + notesHeight > PAGE.height - MARGIN.bottom) {
    doc.addPage();
    y = MARGIN.top;
  }
  doc.font(FONT).fontSize(8.5).fillColor('#000000');
  doc.text('填表说明：', x, y, { lineBreak: false });
  NOTES.forEach((note, i) => {
    doc.text(note, x + 44, y + i * NOTE_LINE, { lineBreak: false });
  });
  if (content.generatedAt) {
    doc.fillColor(GREY).text(`生成时间：${formatShanghai(content.generatedAt)}（北京时间）`, x, y, {
      width: TABLE_WIDTH,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}

/**
 * Renders a candidate's application form. Characters that no font has are printed as 〓 and
 * listed in `missingCharacters`; everything else of the form is complete.
 */
export async function renderApplicationForm(
  input: ApplicationFormData,
): Promise<RenderedApplicationForm> {
  const parsed = applicationFormDataSchema.safeParse(input);
  if (!parsed.success) throw invalidData(parsed.error);
  const data = parsed.data;
  const photo = data.candidate.photoJpeg;
  if (photo && !(photo[0] === 0xff && photo[1] === 0xd8 && photo[2] === 0xff)) {
    throw new TypeError('The registration photo of an application form must be a JPEG.');
  }
  const values = valuesOf(data);
  const missing = findMissing([
    ...Object.values(values),
    { label: '考区', value: data.examAreaName },
  ]);
  const pdf = await render({
    meta: data,
    values,
    registrationNo: data.registrationNo,
    barcodePng: await code128Png(data.registrationNo),
    photoJpeg: photo,
    generatedAt: data.generatedAt,
  });
  return { pdf, missingCharacters: missing };
}

/** The blank form (same layout, no values), e.g. as an attachment of the exam notice. */
export function renderBlankApplicationForm(meta: ApplicationFormMeta): Promise<Buffer> {
  const parsed = applicationFormMetaSchema.safeParse(meta);
  if (!parsed.success) return Promise.reject(invalidData(parsed.error));
  return render({ meta: parsed.data, values: blankValues() });
}

/**
 * Renders one throw-away form so that the font file, its first glyphs and the barcode engine are
 * loaded before the first candidate asks (a few hundred milliseconds on a fresh process). Call it
 * once after the server starts listening; it never throws.
 */
export async function warmUpApplicationForm(): Promise<void> {
  try {
    await renderBlankApplicationForm({
      examName: '卫生专业技术资格考试',
      cycleYear: 2000,
      examAreaName: '—',
    });
    await code128Png('00000000');
  } catch {
    // Only a warm-up: the first real form reports any real problem.
  }
}
