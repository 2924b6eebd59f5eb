import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviousResultsImportReport, PreviousResultsSummary } from '@hqe/core';
import { createAccount, examAreaId, uniqueResidentId } from './factories';
import { errorOf, expectStatus } from './support-registration';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * 历史考生成绩导入 (R6): an area's administrators import last year's results from CSV or Excel;
 * every faulty row is reported and nothing is saved; only counts are shown and audited.
 */

let ctx: TestContext;
let platform: TestClient;
let areaAdmin: TestClient;
let shanghai: number;
let otherArea: number;
let city: { code: string; name: string };
let site: { code: string; name: string };

async function loggedIn(options: Parameters<typeof createAccount>[1]) {
  const account = await createAccount(ctx.db, options);
  const client = new TestClient(ctx.app);
  expect((await client.login(account.username, account.password)).statusCode).toBe(200);
  return client;
}

const HEADER =
  '证件号码,姓名,考区,报名地市,考点,专业代码,级别,基础知识,相关专业知识,专业知识,专业实践能力,缺考,违纪';

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\r\n');
}

const row = (
  over: Partial<
    Record<
      | 'doc'
      | 'name'
      | 'area'
      | 'city'
      | 'site'
      | 'code'
      | 'level'
      | 's1'
      | 's2'
      | 's3'
      | 's4'
      | 'absent'
      | 'disciplined',
      string
    >
  > = {},
) =>
  [
    over.doc ?? uniqueResidentId(),
    over.name ?? '李四',
    over.area ?? '31',
    over.city ?? city.name,
    over.site ?? site.code,
    over.code ?? '303',
    over.level ?? '中级',
    over.s1 ?? '72',
    over.s2 ?? '55',
    over.s3 ?? '合格',
    over.s4 ?? '',
    over.absent ?? '否',
    over.disciplined ?? '',
  ].join(',');

function importFile(
  client: TestClient,
  areaId: number,
  content: string | Buffer,
  options: { fileName?: string; dryRun?: boolean; year?: number } = {},
) {
  return client.post(`/api/admin/exam-areas/${areaId}/previous-results/import`, {
    year: options.year ?? 2023,
    fileName: options.fileName ?? 'results.csv',
    contentBase64: Buffer.from(content).toString('base64'),
    ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
  });
}

const countResults = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('previousResults')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  ctx = await createTestContext();
  shanghai = await examAreaId(ctx.db, '31');
  otherArea = await examAreaId(ctx.db, '32');
  platform = await loggedIn({ roles: ['platform_admin'] });
  areaAdmin = await loggedIn({ roles: ['area_admin'], areaCode: '31' });
  city = await ctx.db
    .selectFrom('examAreaCities')
    .select(['code', 'name'])
    .where('examAreaId', '=', shanghai)
    .orderBy('sortOrder')
    .executeTakeFirstOrThrow();
  site = await ctx.db
    .selectFrom('testSites')
    .select(['code', 'name'])
    .where('examAreaId', '=', shanghai)
    .orderBy('id')
    .executeTakeFirstOrThrow();
});
afterAll(() => ctx.close());

describe('importing last year results', () => {
  it('when a valid CSV is imported, then every row is saved with the document number protected, counted and audited without personal data', async () => {
    const doc = uniqueResidentId();
    const file = csv(
      row({ doc }),
      row({ absent: '是', s1: '', s2: '', s3: '', s4: '' }),
      row({ code: '203', level: '初级(师)', s1: '缺考', disciplined: '是' }),
    );
    const report = expectStatus(
      await importFile(areaAdmin, shanghai, file),
      200,
    ).json<PreviousResultsImportReport>();
    expect(report).toMatchObject({
      applied: true,
      dryRun: false,
      format: 'csv',
      year: 2023,
      rows: 3,
      created: 3,
      replaced: 0,
      errors: [],
    });

    const stored = await ctx.db.selectFrom('previousResults').selectAll().orderBy('id').execute();
    expect(stored).toHaveLength(3);
    const [first, absent, disciplined] = stored;
    expect(first?.documentNumberEncrypted).not.toContain(doc);
    expect(first?.documentNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first).toMatchObject({
      name: '李四',
      cityCode: city.code,
      testSiteCode: site.code,
      specialtyCode: '303',
      level: 'intermediate',
      absent: false,
      disciplined: false,
    });
    expect(first?.subjectResults).toEqual([
      { subject: '基础知识', score: 72, passed: true },
      { subject: '相关专业知识', score: 55, passed: false },
      { subject: '专业知识', score: null, passed: true },
    ]);
    expect(absent).toMatchObject({ absent: true });
    expect(disciplined).toMatchObject({ disciplined: true, level: 'junior' });

    const summary = expectStatus(
      await areaAdmin.get(`/api/admin/exam-areas/${shanghai}/previous-results`),
      200,
    ).json<PreviousResultsSummary>();
    expect(summary.years).toEqual([{ year: 2023, count: 3, absent: 1, disciplined: 1 }]);
    expect(summary.lastImport).toMatchObject({ year: 2023, fileName: 'results.csv', rowCount: 3 });
    expect(JSON.stringify(summary)).not.toContain(doc);

    const audit = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'previous_results.imported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.examAreaId).toBe(shanghai);
    expect(audit[0]?.after).toMatchObject({ year: 2023, rows: 3, created: 3, replaced: 0 });
    expect(JSON.stringify(audit[0])).not.toContain(doc);
    expect(JSON.stringify(audit[0])).not.toContain('李四');
  });

  it('when the same candidate and specialty are imported again, then the record is replaced, not doubled', async () => {
    const doc = uniqueResidentId();
    expectStatus(await importFile(platform, shanghai, csv(row({ doc, s2: '40' }))), 200);
    const before = await countResults();
    const report = expectStatus(
      await importFile(platform, shanghai, csv(row({ doc, s2: '61' }))),
      200,
    ).json<PreviousResultsImportReport>();
    expect(report).toMatchObject({ applied: true, created: 0, replaced: 1 });
    expect(await countResults()).toBe(before);
  });

  it('when an Excel file with 科目1…科目4 columns is imported, then it is read like the CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('成绩');
    sheet.addRow([
      '证件号码',
      '姓名',
      '报名地市',
      '考点',
      '专业代码',
      '级别',
      '科目1',
      '科目2',
      '科目3',
      '科目4',
      '缺考',
      '违纪',
    ]);
    sheet.addRow([
      uniqueResidentId(),
      '王五',
      city.code,
      site.name,
      '304',
      '中级',
      80,
      59.5,
      '',
      '',
      '',
      '否',
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = expectStatus(
      await importFile(platform, shanghai, bytes, { fileName: '成绩.xlsx', year: 2022 }),
      200,
    ).json<PreviousResultsImportReport>();
    expect(report).toMatchObject({ applied: true, format: 'xlsx', created: 1, errors: [] });
    const stored = await ctx.db
      .selectFrom('previousResults')
      .selectAll()
      .where('year', '=', 2022)
      .executeTakeFirstOrThrow();
    expect(stored.subjectResults).toEqual([
      { subject: '基础知识', score: 80, passed: true },
      { subject: '相关专业知识', score: 59.5, passed: false },
    ]);
  });

  it('when the file is only checked (dryRun), then the report counts the rows and nothing is saved', async () => {
    const before = await countResults();
    const report = expectStatus(
      await importFile(platform, shanghai, csv(row(), row()), { dryRun: true }),
      200,
    ).json<PreviousResultsImportReport>();
    expect(report).toMatchObject({ dryRun: true, applied: false, created: 2, errors: [] });
    expect(await countResults()).toBe(before);
  });

  it('when rows are faulty, then each fault is reported with its row, column and a Chinese message, and nothing is saved', async () => {
    const before = await countResults();
    const dup = uniqueResidentId();
    const valid = uniqueResidentId();
    const wrongCheck = valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0');
    const file = csv(
      row(), // row 2: fine
      row({ doc: wrongCheck }), // 3: a resident ID with a wrong check character
      row({ doc: '' }), // 4
      row({ name: '' }), // 5
      row({ area: '32' }), // 6
      row({ city: '火星区' }), // 7
      row({ site: 'ZZ99' }), // 8
      row({ code: '30A' }), // 9
      row({ level: '高级' }), // 10
      row({ code: '203' }), // 11: 203 is 初级(师), level says 中级
      row({ s1: '120' }), // 12
      row({ absent: '也许' }), // 13
      row({ s1: '', s2: '', s3: '', s4: '' }), // 14: no subject result, not absent
      row({ doc: dup }), // 15
      row({ doc: dup }), // 16: duplicate of 15
    );
    const report = expectStatus(
      await importFile(platform, shanghai, file),
      200,
    ).json<PreviousResultsImportReport>();
    expect(report.applied).toBe(false);
    const at = (r: number) =>
      report.errors.filter((e) => e.row === r).map((e) => [e.column, e.message]);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([['证件号码', '居民身份证号码的校验位不正确，请核对']]);
    expect(at(4)).toEqual([['证件号码', '证件号码不能为空']]);
    expect(at(5)).toEqual([['姓名', '姓名不能为空']]);
    expect(at(6)[0]?.[0]).toBe('考区');
    expect(at(6)[0]?.[1]).toContain('本考区');
    expect(at(7)).toEqual([['报名地市', '本考区没有报名地市“火星区”，请填写地市的代码或名称']]);
    expect(at(8)).toEqual([['考点', '本考区没有考点“ZZ99”，请填写考点的代码或名称']]);
    expect(at(9)).toEqual([['专业代码', '专业代码须为三位数字']]);
    expect(at(10)).toEqual([['级别', '级别须为 初级(士)、初级(师) 或 中级']]);
    expect(at(11)).toEqual([['级别', '专业代码 203 与级别“中级”不符']]);
    expect(at(12)[0]).toEqual([
      '基础知识',
      '科目成绩须为 0 至 100 的分数，或 合格、不合格、缺考（未报考的科目留空）',
    ]);
    expect(at(13)).toEqual([['缺考', '“缺考”须填写 是 或 否（留空视为否）']]);
    expect(at(14)[0]?.[0]).toBe('科目成绩');
    expect(at(15)).toEqual([]);
    expect(at(16)).toEqual([[null, '与第 15 行为同一考生的同一专业，请删除重复行']]);
    expect(JSON.stringify(report)).not.toContain(dup);
    expect(JSON.stringify(report)).not.toContain(wrongCheck);
    expect(await countResults()).toBe(before);
  });

  it('when the header lacks columns, then each missing column is named', async () => {
    const report = expectStatus(
      await importFile(platform, shanghai, '姓名,考点\r\n张三,01'),
      200,
    ).json<PreviousResultsImportReport>();
    expect(report.applied).toBe(false);
    const columns = report.errors.map((e) => e.column);
    expect(columns).toEqual(
      expect.arrayContaining(['证件号码', '报名地市', '专业代码', '级别', '科目成绩']),
    );
    expect(report.errors.every((e) => e.row === 1)).toBe(true);
  });

  it('when the file is not a CSV or Excel file, then 415 says which files are accepted', async () => {
    const response = await importFile(platform, shanghai, '%PDF-1.4 fake', {
      fileName: 'results.pdf',
    });
    expect(response.statusCode).toBe(415);
    expect(errorOf(response).message).toContain('CSV');
  });

  it('when the year is missing or the body has unknown fields, then 400 and nothing is saved', async () => {
    const response = await platform.post(
      `/api/admin/exam-areas/${shanghai}/previous-results/import`,
      {
        fileName: 'results.csv',
        contentBase64: Buffer.from(csv(row())).toString('base64'),
        extra: 1,
      },
    );
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('validation_failed');
  });
});

describe('who may import', () => {
  it('when an area administrator imports into another area, then 403 and nothing is saved', async () => {
    const before = await countResults();
    const response = await importFile(areaAdmin, otherArea, csv(row()));
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).message).toContain('本考区');
    expect(
      (await areaAdmin.get(`/api/admin/exam-areas/${otherArea}/previous-results`)).statusCode,
    ).toBe(403);
    expect(await countResults()).toBe(before);
  });

  it('when a reviewer, a candidate or a visitor asks, then they are refused', async () => {
    const reviewer = await loggedIn({ roles: ['confirmation_reviewer'], areaCode: '31' });
    expect((await importFile(reviewer, shanghai, csv(row()))).statusCode).toBe(403);
    expect(
      (await reviewer.get(`/api/admin/exam-areas/${shanghai}/previous-results`)).statusCode,
    ).toBe(403);
    const visitor = new TestClient(ctx.app);
    expect(
      (await visitor.get(`/api/admin/exam-areas/${shanghai}/previous-results`)).statusCode,
    ).toBe(401);
  });

  it('when the area does not exist, then 404', async () => {
    expect((await platform.get('/api/admin/exam-areas/999999/previous-results')).statusCode).toBe(
      404,
    );
  });
});
