import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingCharacters, pdfFont } from '../src/lib/pdf-fonts';
import {
  missingCharactersMessage,
  renderApplicationForm,
  renderBlankApplicationForm,
  warmUpApplicationForm,
  type ApplicationFormData,
} from '../src/modules/application-form';
import { applicationFormData, formPortrait } from './application-form-fixtures';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * The application form (申报表) PDF, checked with poppler (pdfinfo, pdffonts, pdftotext,
 * pdfimages, pdftoppm) and zbar (zbarimg) as a reader would see it. .ci/run installs both.
 */

const workDir = mkdtempSync(path.join(tmpdir(), 'hqe-form-'));
let fileCount = 0;

function tool(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function save(pdf: Buffer): string {
  fileCount += 1;
  const file = path.join(workDir, `form-${fileCount}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

const pages = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(tool('pdfinfo', [file]))?.[1]);
const text = (file: string) => tool('pdftotext', ['-raw', file, '-']);
/** The text without any white space, to find values that wrapped over lines. */
const flatText = (file: string) => text(file).replace(/\s+/g, '');

/** The images drawn on the pages (pdfimages -list), without their transparency masks. */
function imageList(file: string) {
  return tool('pdfimages', ['-list', file])
    .trim()
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === 'image')
    .map((cols) => ({ width: Number(cols[3]), height: Number(cols[4]), encoding: cols[8] }));
}

let photo: Buffer;

const formData = (overrides: Partial<ApplicationFormData> = {}): ApplicationFormData =>
  applicationFormData(photo, overrides);

/** Words of the first page with their boxes (pdftotext -bbox), in points. */
function wordBoxes(file: string) {
  const html = tool('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']);
  const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html);
  const words = [
    ...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g),
  ].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    word: m[5] ?? '',
  }));
  return { width: Number(page?.[1]), height: Number(page?.[2]), words };
}

beforeAll(async () => {
  photo = await formPortrait();
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('application form PDF', () => {
  it('when rendered with full data and rare characters, then it is one A4 page with subset fonts and extractable text', async () => {
    const { pdf, missingCharacters: missing } = await renderApplicationForm(formData());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(missing).toEqual([]);
    const file = save(pdf);

    expect(pages(file)).toBe(1);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(tool('pdfinfo', [file])).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);

    // Every font is embedded as a subset with a Unicode map: the text is searchable and copyable.
    const fonts = tool('pdffonts', [file]).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(
        /^[A-Z]{6}\+SourceHanSansSC-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/,
      );
    }
    // A subset, not the 17 MB font: the whole form with its photo stays small.
    expect(pdf.length).toBeLessThan(300_000);

    const flat = flatText(file);
    for (const expected of [
      '2024年度卫生专业技术资格考试申报表',
      '（上海考区）',
      '欧阳𠇔䶮堃',
      '31202400012345',
      '303内科学',
      '中级',
      '31010119900512002X',
      '13800138000',
      '上海交通大学医学院附属瑞金医院',
      '基础知识、相关专业知识、专业知识、专业实践能力',
      '3120230001234',
      '验证码',
      '档案号',
      '本人承诺',
      '考生签名',
      '审核意见',
      '经办人签字',
      '单位人事部门盖章',
      '生成时间：2024-11-2010:00（北京时间）',
    ]) {
      expect(flat, expected).toContain(expected);
    }
  });

  it('when printed, then the barcode reads back as the registration number, for digits and for letters', async () => {
    for (const registrationNo of ['31202400012345', 'SH2024ab00001234XYZ9']) {
      const { pdf } = await renderApplicationForm(formData({ registrationNo }));
      const file = save(pdf);
      const png = path.join(workDir, `barcode-${fileCount}`);
      // The top of the page (A4 at 200 dpi is 1654 px wide), where the office row is.
      tool('pdftoppm', ['-r', '200', '-png', '-singlefile', '-W', '1654', '-H', '450', file, png]);
      const decoded = tool('zbarimg', [
        '-q',
        '--raw',
        '-Sdisable',
        '-Scode128.enable',
        `${png}.png`,
      ]);
      expect(decoded.trim()).toBe(registrationNo);
      expect(flatText(file)).toContain(registrationNo);
    }
  });

  it('when there is a photo, then it is embedded as a JPEG beside the barcode image; without one the box says 照片', async () => {
    const withPhoto = save((await renderApplicationForm(formData())).pdf);
    const images = imageList(withPhoto);
    expect(images).toHaveLength(2);
    expect(images).toContainEqual({ width: 300, height: 420, encoding: 'jpeg' });
    expect(images).toContainEqual({
      width: expect.any(Number) as number,
      height: 78,
      encoding: 'image',
    });

    const data = formData();
    const withoutPhoto = save(
      (
        await renderApplicationForm({
          ...data,
          candidate: { ...data.candidate, photoJpeg: undefined },
        })
      ).pdf,
    );
    expect(imageList(withoutPhoto)).toHaveLength(1);
    expect(flatText(withoutPhoto)).toContain('照片');
  });

  it('when the employer name is long, then it wraps inside its cell and the form stays on one page', async () => {
    const employer =
      '上海市浦东新区某某街道社区卫生服务中心（上海市浦东新区某某医院、上海交通大学医学院附属某某医院医疗联合体成员单位）全科医学科';
    const file = save((await renderApplicationForm(formData({ employer }))).pdf);
    expect(pages(file)).toBe(1);
    expect(flatText(file)).toContain(employer);

    const { width, height, words } = wordBoxes(file);
    const employerWords = words.filter(
      (w) => w.word.includes('上海市浦东新区') || w.word.includes('全科医学科'),
    );
    expect(new Set(employerWords.map((w) => Math.round(w.yMin))).size).toBeGreaterThan(1);
    // Nothing is printed outside the table's margins (42 pt left and right).
    for (const w of words) {
      expect(w.xMin, w.word).toBeGreaterThanOrEqual(41);
      expect(w.xMax, w.word).toBeLessThanOrEqual(width - 41);
      expect(w.yMax, w.word).toBeLessThanOrEqual(height - 20);
    }
  });

  it('when every value is as long as allowed, then the form goes on to a second page with its heading and loses nothing', async () => {
    const long = (seed: string, length: number) => seed.repeat(length).slice(0, length);
    const data = formData();
    const values = {
      name: long('欧阳𠇔䶮', 50),
      employer: long('上海市浦东新区某某街道社区卫生服务中心', 150),
      testSite: long('演示考点一黄浦区', 100),
      school: long('上海交通大学医学院', 100),
      department: long('心血管内科', 60),
      earlyApplication: long('社区卫生服务机构人员提前一年报考', 100),
    };
    const file = save(
      (
        await renderApplicationForm({
          ...data,
          candidate: { ...data.candidate, name: values.name },
          employer: values.employer,
          testSite: values.testSite,
          education: { ...data.education, school: values.school },
          department: values.department,
          earlyApplication: values.earlyApplication,
        })
      ).pdf,
    );
    expect(pages(file)).toBe(2);
    const flat = flatText(file);
    for (const value of Object.values(values)) expect(flat).toContain(value);
    expect(flat).toContain('申报表（续）网报号：31202400012345');
    expect(flat).toContain('单位人事部门盖章');
  });

  it('when a character of the name is in no font, then it is printed as 〓 and reported with its field', async () => {
    const data = formData();
    const { pdf, missingCharacters: missing } = await renderApplicationForm({
      ...data,
      candidate: { ...data.candidate, name: '王𰻞𰻞' },
      department: '𰻞科',
    });
    expect(missing).toEqual([
      { character: '𰻞', codePoint: 'U+30EDE', fields: ['姓名', '所在科室'] },
    ]);
    expect(missingCharactersMessage(missing)).toBe(
      '申报表中有 1 个字无法打印，已用“〓”标出：姓名、所在科室中的“𰻞”（U+30EDE）。请打印后用黑色签字笔在“〓”处工整写上正确的字，再交单位审核。',
    );
    const flat = flatText(save(pdf));
    expect(flat).toContain('王〓〓');
    expect(flat).not.toContain('𰻞');
  });

  it('when the data is invalid, then nothing is rendered', async () => {
    await expect(renderApplicationForm(formData({ registrationNo: '3120-2400' }))).rejects.toThrow(
      'Invalid application form data: registrationNo',
    );
    await expect(
      renderApplicationForm(formData({ registrationNo: '1234567', yearsInSpecialty: -1 })),
    ).rejects.toThrow('Invalid application form data: registrationNo, yearsInSpecialty');
    await expect(
      renderBlankApplicationForm({ examName: '', cycleYear: 2024, examAreaName: '上海' }),
    ).rejects.toThrow('Invalid application form data: examName');
    const data = formData();
    await expect(
      renderApplicationForm({
        ...data,
        candidate: { ...data.candidate, photoJpeg: Buffer.from('\x89PNG\r\n\x1a\nnot a jpeg') },
      }),
    ).rejects.toThrow('JPEG');
  });

  it('when names use rare characters of the national standard and of Extensions A and B, then the font has them', () => {
    expect(missingCharacters('𠇔䶮堃喆昇赟祎𡈼𬌗𫖮龘')).toEqual([]);
    expect(missingCharacters('张𠀀三𪚥')).toEqual(['𠀀', '𪚥']);
    // The font is parsed once per process: every call returns the same font.
    expect(pdfFont()).toBe(pdfFont());
  });

  it('when the server warms the renderer up, then it never throws', async () => {
    await expect(warmUpApplicationForm()).resolves.toBeUndefined();
  });

  it('when the blank form is rendered, then it has the same layout with empty values and no registration number', async () => {
    const file = save(
      await renderBlankApplicationForm({
        examName: '全国卫生专业技术资格考试',
        cycleYear: 2025,
        examAreaName: '上海',
      }),
    );
    expect(pages(file)).toBe(1);
    const flat = flatText(file);
    expect(flat).toContain('2025年度卫生专业技术资格考试申报表');
    expect(flat).toContain('照片');
    expect(flat).toContain('单位人事部门盖章');
    expect(flat).not.toContain('生成时间');
    expect(imageList(file)).toHaveLength(0);
  });
});

describe('GET /api/catalog/exam-areas/:code/cycles/:cycleId/application-form-blank.pdf', () => {
  let ctx: TestContext;
  let cycle: { id: number; year: number };

  beforeAll(async () => {
    ctx = await createTestContext();
    cycle = await ctx.db
      .selectFrom('cycles')
      .select(['id', 'year'])
      .orderBy('year', 'desc')
      .executeTakeFirstOrThrow();
  });
  afterAll(() => ctx.close());

  const url = (code: string, cycleId: number | string) =>
    `/api/catalog/exam-areas/${code}/cycles/${cycleId}/application-form-blank.pdf`;

  it('when anyone asks for the Shanghai blank form, then a PDF download with a Chinese file name comes back', async () => {
    const client = new TestClient(ctx.app);
    const response = await client.get(url('31', cycle.id));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const fileName = `上海考区${cycle.year}年度卫生专业技术资格考试申报表.pdf`;
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.pdf"; /);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
    expect(response.headers['cache-control']).toBe('public, max-age=600');
    const file = save(response.rawPayload);
    expect(pages(file)).toBe(1);
    expect(flatText(file)).toContain(`${cycle.year}年度卫生专业技术资格考试申报表（上海考区）`);

    // Rendered once: the second answer is the same document.
    const again = await client.get(url('31', cycle.id));
    expect(again.rawPayload.equals(response.rawPayload)).toBe(true);
  });

  it('when the area or the cycle does not exist, then 404 not_found with what to do', async () => {
    const client = new TestClient(ctx.app);
    const noArea = await client.get(url('99', cycle.id));
    expect(noArea.statusCode).toBe(404);
    expect(noArea.json()).toEqual({
      error: { code: 'not_found', message: '未找到代码为 99 的考区，请返回首页重新选择。' },
    });
    const noCycle = await client.get(url('31', 987654));
    expect(noCycle.statusCode).toBe(404);
    expect(noCycle.json()).toEqual({
      error: { code: 'not_found', message: '未找到该考试年度，请返回首页重新选择。' },
    });
  });

  it('when the area code or the cycle id is malformed, then 400 validation_failed', async () => {
    const client = new TestClient(ctx.app);
    for (const [code, cycleId] of [
      ['shanghai', String(cycle.id)],
      ['31', 'abc'],
      ['31', '0'],
    ] as const) {
      const response = await client.get(url(code, cycleId));
      expect(response.statusCode, `${code}/${cycleId}`).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    }
  });
});
