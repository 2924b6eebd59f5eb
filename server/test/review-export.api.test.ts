import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_EXPORT_COLUMNS, type RegistrationStatus, type Role } from '@hqe/core';
import { loadConfig } from '../src/config';
import { createFieldCrypto } from '../src/lib/field-crypto';
import { inertCell } from '../src/modules/review';
import { createAccount, createCandidate, examAreaId, STRONG_PASSWORD } from './factories';
import {
  createOtherArea,
  createRegistrationReady,
  demoCycleId,
  errorOf,
  expectStatus,
  fillRegistration,
  startRegistration,
  submit,
} from './support-registration';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * 导出 Excel (GET /api/review/export, issue #6 "Oversight"): the sheet parsed back with exceljs —
 * its header, one row per registration across several read batches, full personal data for the
 * area administrator and masked for reviewers, inert formulas, the audit event, the queue's
 * filters, and the exam area's scope.
 */

let ctx: TestContext;
let cycleId: number;
let shanghai: number;
let jiangsu: number;
let cityA: { id: number; name: string };
let cityB: { id: number; name: string };
let site: { id: number; name: string };
let o303: number;
let o203: number;
const people: Record<string, { documentNumber: string; mobile: string; name: string }> = {};
const numbers: Record<string, string> = {};
let admin: { username: string; id: number };
let reviewer: { username: string; id: number };
let qualificationReviewer: { username: string; id: number };
let otherReviewer: { username: string; id: number };
let platform: { username: string; id: number };
let bulk = 0;

const HYPERLINK = '=HYPERLINK("http://example.com/steal","点我")';
const crypto = createFieldCrypto(loadConfig({ NODE_ENV: 'test' }).dataEncryptionKey!);

async function offeringOf(area: number, code: string) {
  const row = await ctx.db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select('o.id')
    .where('o.examAreaId', '=', area)
    .where('o.cycleId', '=', cycleId)
    .where('s.code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

let sequence = 0;
/** A candidate (encrypted document and mobile) with a registration written into the table. */
async function seed(
  key: string,
  options: {
    name?: string;
    area?: number;
    status: RegistrationStatus;
    cityId?: number;
    offeringId?: number;
    employer?: string;
    returnReasons?: { code: string; label: string }[];
    returnNote?: string;
    autoConfirmation?: { passed: boolean };
  },
) {
  sequence += 1;
  const person = await createCandidate(ctx.db, { name: options.name ?? `测试${sequence}` });
  people[key] = person;
  const area = options.area ?? shanghai;
  const now = ctx.clock.now();
  const number = `${area === shanghai ? '31' : '32'}2027${String(70_000_000 + sequence)}`;
  numbers[key] = number;
  const submitted = options.status !== 'draft';
  const confirmed = ['confirmed', 'qualified', 'disqualified', 'supplement_requested'].includes(
    options.status,
  );
  await ctx.db
    .insertInto('registrations')
    .values({
      accountId: person.accountId,
      cycleId,
      examAreaId: area,
      registrationNumber: number,
      status: options.status,
      cityId: options.cityId ?? (area === shanghai ? cityA.id : null),
      testSiteId: area === shanghai ? site.id : null,
      areaOfferingId: options.offeringId ?? (area === shanghai ? o303 : null),
      employer: options.employer ?? '上海市第六人民医院',
      department: '心内科',
      post: '住院医师',
      yearsInSpecialty: 6,
      educationIndex: 0,
      educationSnapshot: JSON.stringify({
        index: 0,
        level: 'master',
        mode: 'in_service',
        school: '上海交通大学',
        major: '内科学',
        graduationDate: '2019-06-30',
        withDegree: true,
        foreign: false,
      }),
      earlyApplicationClaim: 'none',
      infoSavedAt: now,
      submittedAt: submitted ? new Date('2026-11-19T16:30:00Z') : null,
      confirmedAt: confirmed ? new Date('2026-11-20T01:05:00Z') : null,
      queuedAt: submitted ? new Date('2026-11-19T16:30:00Z') : null,
      returnReasons: JSON.stringify(options.returnReasons ?? []),
      returnNote: options.returnNote ?? null,
      autoConfirmation: options.autoConfirmation
        ? JSON.stringify({
            attempted: true,
            previousYear: 2026,
            evaluatedAt: now.toISOString(),
            reasons: [],
            ...options.autoConfirmation,
          })
        : null,
      ...(options.status === 'disqualified'
        ? {
            reviewResult: 'disqualified' as const,
            reviewedAt: now,
            reviewReasons: JSON.stringify([{ code: 'not_eligible', label: '不符合报考条件' }]),
            reviewNote: '工作年限不足',
          }
        : {}),
      ...(options.status === 'supplement_requested'
        ? {
            supplementSlots: JSON.stringify(['labour_contract']),
            supplementRequestedAt: now,
            supplementNote: '请补充 2019 年以来的劳动合同',
          }
        : {}),
      createdAt: now,
      updatedAt: now,
    })
    .execute();
}

/** `count` paid registrations in Shanghai, written in one statement each table (batching). */
async function seedBulk(count: number) {
  const now = ctx.clock.now();
  const document = crypto.encrypt('310101199001011234', 'candidates.document_number');
  const mobile = crypto.encrypt('13900000000', 'candidates.mobile');
  const accounts = await sql<{ id: number }>`
    insert into accounts (kind, username, display_name, password_hash, roles, exam_area_id)
    select 'candidate', 'bulk' || ${process.pid} || 'x' || g, '批量' || g, 'x', '{candidate}', null
    from generate_series(1, ${count}) g
    returning id
  `.execute(ctx.db);
  const accountIds = accounts.rows.map((r) => r.id);
  await sql`
    insert into candidates (account_id, document_type, document_number_encrypted,
      document_number_hash, name, mobile_encrypted, mobile_hash, mobile_verified_at,
      created_at, updated_at)
    select id, 'resident_id', ${document}, md5('d' || id) || md5('e' || id), '批量考生',
      ${mobile}, md5('m' || id) || md5('n' || id), ${now}, ${now}, ${now}
    from unnest(${accountIds}::int[]) as id
  `.execute(ctx.db);
  await sql`
    insert into registrations (account_id, cycle_id, exam_area_id, registration_number, status,
      city_id, test_site_id, area_offering_id, submitted_at, confirmed_at, created_at, updated_at)
    select id, ${cycleId}, ${shanghai}, '312027' || lpad((60000000 + row_number() over ())::text, 8, '0'),
      'paid', ${cityB.id}, ${site.id}, ${o203}, ${now}, ${now}, ${now}, ${now}
    from unnest(${accountIds}::int[]) as id
  `.execute(ctx.db);
  bulk = count;
}

async function clientOf(username: string) {
  const client = new TestClient(ctx.app);
  expectStatus(await client.login(username, STRONG_PASSWORD), 200);
  return client;
}

async function exportAs(username: string, query = '') {
  const client = await clientOf(username);
  return client.get(`/api/review/export?cycleId=${cycleId}${query}`);
}

interface Sheet {
  header: string[];
  rows: Record<string, string>[];
  cells: ExcelJS.Cell[];
  rowCount: number;
}

/** A cell's value as text (every cell of the sheet is a string or empty). */
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** Parses the answer's workbook: the header and every row keyed by the header. */
async function sheetOf(response: { rawPayload: Buffer }): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; it reads Node's Buffer at run time.
  await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('报名信息');
  if (!sheet) throw new Error('no sheet 报名信息');
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow((row, index) => {
    row.eachCell({ includeEmpty: false }, (cell) => cells.push(cell));
    if (index === 1) return;
    const values = row.values as unknown[];
    rows.push(Object.fromEntries(header.map((h, i) => [h, textOf(values[i + 1])])));
  });
  return { header, rows, cells, rowCount: sheet.rowCount };
}

const byNumber = (sheet: Sheet, number: string) => sheet.rows.find((r) => r['网报号'] === number);

async function shanghaiCount(where: { status?: RegistrationStatus } = {}) {
  let query = ctx.db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('examAreaId', '=', shanghai)
    .where('cycleId', '=', cycleId);
  if (where.status) query = query.where('status', '=', where.status);
  return (await query.executeTakeFirstOrThrow()).n;
}

let realNumber: string;
let realPerson: { documentNumber: string; name: string };

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  shanghai = await examAreaId(ctx.db, '31');
  jiangsu = (await createOtherArea(ctx, cycleId)).id;
  site = await ctx.db
    .selectFrom('testSites')
    .select(['id', 'name'])
    .where('examAreaId', '=', shanghai)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  o303 = await offeringOf(shanghai, '303');
  o203 = await offeringOf(shanghai, '203');
  const staff = async (roles: Role[], area: string | null) => {
    const a = await createAccount(ctx.db, { roles, areaCode: area });
    return { username: a.username, id: a.id };
  };
  admin = await staff(['area_admin'], '31');
  reviewer = await staff(['confirmation_reviewer'], '31');
  qualificationReviewer = await staff(['qualification_reviewer'], '31');
  otherReviewer = await staff(['confirmation_reviewer'], '32');
  platform = await staff(['platform_admin'], null);

  // One registration through the real steps (its info and education snapshot as the API saves
  // them), submitted at TEST_NOW.
  const ready = await createRegistrationReady(ctx);
  const filled = await fillRegistration(ready, await startRegistration(ready));
  expectStatus(await submit(ready.client, filled.id), 200);
  realNumber = filled.registrationNumber;
  realPerson = { documentNumber: ready.documentNumber, name: '张三' };
  // The real registration's 报名地市 is city A; city B is another of the area.
  const real = await ctx.db
    .selectFrom('registrations as r')
    .innerJoin('examAreaCities as c', 'c.id', 'r.cityId')
    .select(['c.id', 'c.name'])
    .where('r.id', '=', filled.id)
    .executeTakeFirstOrThrow();
  cityA = real;
  cityB = await ctx.db
    .selectFrom('examAreaCities')
    .select(['id', 'name'])
    .where('examAreaId', '=', shanghai)
    .where('id', '<>', real.id)
    .orderBy('sortOrder')
    .executeTakeFirstOrThrow();

  await seed('formula', { name: HYPERLINK, status: 'submitted', employer: '@SUM(A1:A9)' });
  await seed('returned', {
    name: '李退回',
    status: 'returned',
    cityId: cityB.id,
    returnReasons: [
      { code: 'education_mismatch', label: '学历不符' },
      { code: 'form_not_signed', label: '申报表未签字盖章' },
    ],
    returnNote: '-请上传盖章的申报表',
  });
  await seed('confirmed', { name: '王确认', status: 'confirmed', offeringId: o203 });
  await seed('disqualified', { name: '赵不通过', status: 'disqualified' });
  await seed('supplement', { name: '钱补充', status: 'supplement_requested' });
  await seed('returning', {
    name: '孙历史',
    status: 'submitted',
    autoConfirmation: { passed: false },
    cityId: cityB.id,
  });
  await seed('draft', { name: '周草稿', status: 'draft' });
  await seed('jiangsu', { name: '吴江苏', status: 'submitted', area: jiangsu });
  await seedBulk(2100);
});
afterAll(() => ctx.close());

describe('the area administrator’s export', () => {
  let response: Awaited<ReturnType<typeof exportAs>>;
  let sheet: Sheet;
  beforeAll(async () => {
    response = await exportAs(admin.username);
    sheet = await sheetOf(response);
  });

  it('when the administrator exports without filters, then an .xlsx with a Chinese file name comes back, private', () => {
    expectStatus(response, 200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(
      /^报名信息_上海.*_20261120-1000\.xlsx$/,
    );
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('then the first row is the columns staff need, and every registration of the area is one row', async () => {
    expect(sheet.header).toEqual([...REVIEW_EXPORT_COLUMNS]);
    const total = await shanghaiCount();
    expect(total).toBe(1 + 7 + bulk);
    expect(sheet.rows).toHaveLength(total);
    expect(response.headers['x-row-count']).toBe(String(total));
    const unique = new Set(sheet.rows.map((r) => r['网报号']));
    expect(unique.size).toBe(total);
    expect(byNumber(sheet, numbers.jiangsu!)).toBeUndefined();
    expect(sheet.rows.some((r) => r['姓名'] === '吴江苏')).toBe(false);
  });

  it('then rows come status by status in the lifecycle’s order, each by 网报号', () => {
    const statuses = sheet.rows.map((r) => r['状态']);
    expect([...new Set(statuses)]).toEqual([
      '未提交',
      '待确认',
      '确认不通过',
      '报名确认',
      '待补充材料',
      '资格审核不通过',
      '已缴费',
    ]);
    const paid = sheet.rows.filter((r) => r['状态'] === '已缴费').map((r) => r['网报号']!);
    expect(paid).toEqual([...paid].sort());
    expect(paid).toHaveLength(bulk);
  });

  it('then the real registration carries the full document number and mobile, the info as saved and Shanghai times', async () => {
    const row = byNumber(sheet, realNumber)!;
    const candidate = await ctx.db
      .selectFrom('registrations as r')
      .innerJoin('candidates as c', 'c.accountId', 'r.accountId')
      .select(['c.mobileEncrypted', 'r.submittedAt'])
      .where('r.registrationNumber', '=', realNumber)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      姓名: realPerson.name,
      证件类型: '居民身份证',
      证件号码: realPerson.documentNumber,
      手机号: crypto.decrypt(candidate.mobileEncrypted, 'candidates.mobile'),
      性别: Number(realPerson.documentNumber[16]) % 2 === 1 ? '男' : '女',
      出生日期: '1990-03-07',
      专业代码: '303',
      专业名称: '内科学',
      级别: '中级',
      科目: '基础知识、相关专业知识、专业知识、专业实践能力',
      工作单位: '上海市第一人民医院',
      科室: '内科',
      学历: '大学本科',
      毕业院校: '复旦大学',
      所学专业: '临床医学',
      毕业时间: '2015-07-01',
      状态: '待确认',
      提交时间: '2026-11-20 10:00',
      确认时间: '',
      退回原因: '',
      审核结论: '',
    });
    expect(row['报名地市']).not.toBe('');
    expect(row['考点']).not.toBe('');
  });

  it('then return reasons, the qualification decision and a supplement request read in Chinese', () => {
    expect(byNumber(sheet, numbers.returned!)).toMatchObject({
      报名地市: cityB.name,
      提交时间: '2026-11-20 00:30',
      退回原因: '学历不符、申报表未签字盖章；备注：-请上传盖章的申报表',
    });
    expect(byNumber(sheet, numbers.disqualified!)).toMatchObject({
      确认时间: '2026-11-20 09:05',
      审核结论: '不通过：不符合报考条件；备注：工作年限不足',
    });
    expect(byNumber(sheet, numbers.supplement!)!['审核结论']).toBe(
      '要求补充材料：劳动（聘用）合同；备注：请补充 2019 年以来的劳动合同',
    );
    expect(byNumber(sheet, numbers.confirmed!)).toMatchObject({
      专业代码: '203',
      专业名称: '护理学(师)',
      级别: '初级(师)',
      学历: '硕士研究生（在职）',
    });
  });

  it('then a name or employer that looks like a formula is written as inert text', () => {
    const row = byNumber(sheet, numbers.formula!)!;
    expect(row['姓名']).toBe(`'${HYPERLINK}`);
    expect(row['工作单位']).toBe(`'@SUM(A1:A9)`);
    expect(sheet.cells.every((cell) => cell.type !== ExcelJS.ValueType.Formula)).toBe(true);
    const nameCell = sheet.cells.find((cell) => cell.value === `'${HYPERLINK}`)!;
    expect(nameCell.type).toBe(ExcelJS.ValueType.String);
    expect(nameCell.formula).toBeUndefined();
  });

  it('then the export is audited: who, the area, the filters and the number of rows', async () => {
    const events = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'review.export')
      .where('actorAccountId', '=', admin.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      examAreaId: shanghai,
      entityType: 'exam_area',
      entityId: String(shanghai),
      after: {
        cycleId,
        filters: {},
        rowCount: await shanghaiCount(),
        personalData: 'full',
      },
    });
  });
});

describe('filters', () => {
  it('when a status is chosen, then only that status is exported', async () => {
    const sheet = await sheetOf(
      expectStatus(await exportAs(admin.username, '&status=returned'), 200),
    );
    expect(sheet.rows.map((r) => r['网报号'])).toEqual([numbers.returned]);
  });

  it('when a stage is chosen without a status, then the registrations waiting in it are exported', async () => {
    const sheet = await sheetOf(
      expectStatus(await exportAs(admin.username, '&stage=confirmation'), 200),
    );
    expect(sheet.rows.map((r) => r['网报号']).sort()).toEqual(
      [realNumber, numbers.formula!, numbers.returning!].sort(),
    );
  });

  it('when a specialty, a 报名地市 or 历史考生 is chosen, then the export follows the queue’s filters', async () => {
    const bySpecialty = await sheetOf(
      expectStatus(await exportAs(admin.username, '&specialtyCode=203&status=confirmed'), 200),
    );
    expect(bySpecialty.rows.map((r) => r['网报号'])).toEqual([numbers.confirmed]);
    const byCity = await sheetOf(
      expectStatus(await exportAs(admin.username, `&cityId=${cityB.id}&stage=confirmation`), 200),
    );
    expect(byCity.rows.map((r) => r['网报号'])).toEqual([numbers.returning]);
    const autoFailed = await sheetOf(
      expectStatus(await exportAs(admin.username, '&autoFailed=true'), 200),
    );
    expect(autoFailed.rows.map((r) => r['网报号'])).toEqual([numbers.returning]);
  });

  it('when searching by name or document number, then only the match is exported and the audit keeps the search masked', async () => {
    const byName = await sheetOf(
      expectStatus(await exportAs(reviewer.username, `&q=${encodeURIComponent('李退')}`), 200),
    );
    expect(byName.rows.map((r) => r['网报号'])).toEqual([numbers.returned]);
    const document = people.confirmed!.documentNumber;
    const byDocument = await sheetOf(
      expectStatus(await exportAs(admin.username, `&q=${document}`), 200),
    );
    expect(byDocument.rows.map((r) => r['网报号'])).toEqual([numbers.confirmed]);
    const audits = await ctx.db
      .selectFrom('auditEvents')
      .select(['after'])
      .where('action', '=', 'review.export')
      .execute();
    const text = JSON.stringify(audits);
    expect(text).not.toContain(document);
    expect(text).not.toContain('李退');
    expect(text).toContain(`${document.slice(0, 4)}**********${document.slice(-4)}`);
  });

  it('when a filter is malformed, then it answers 400 with a Chinese message', async () => {
    const bad = await exportAs(admin.username, '&status=unknown');
    expectStatus(bad, 400);
    expect(errorOf(bad).code).toBe('validation_failed');
    const range = await exportAs(
      admin.username,
      '&submittedFrom=2026-11-20T00:00:00Z&submittedTo=2026-11-19T00:00:00Z',
    );
    expectStatus(range, 400);
    expect(errorOf(range).message).toMatch(/开始时间须早于结束时间/);
    // Naming a stage limits the status to the stage's, as its list does; without one, any.
    const foreign = await exportAs(admin.username, '&stage=confirmation&status=disqualified');
    expectStatus(foreign, 400);
    expect(errorOf(foreign).message).toContain('报名确认队列只能按');
    expectStatus(await exportAs(admin.username, '&status=disqualified'), 200);
  });
});

describe('reviewers and the scope of an exam area', () => {
  it('when a reviewer exports, then document numbers and mobiles are masked and the audit says so', async () => {
    const response = expectStatus(await exportAs(reviewer.username, '&stage=confirmation'), 200);
    const sheet = await sheetOf(response);
    const row = byNumber(sheet, realNumber)!;
    const document = realPerson.documentNumber;
    expect(row['证件号码']).toBe(`${document.slice(0, 4)}**********${document.slice(-4)}`);
    expect(row['手机号']).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const everything = sheet.cells.map((c) => textOf(c.value)).join('\n');
    for (const key of ['formula', 'returning'] as const) {
      expect(everything).not.toContain(people[key]!.documentNumber);
      expect(everything).not.toContain(people[key]!.mobile);
    }
    expect(everything).not.toContain(document);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select('after')
      .where('action', '=', 'review.export')
      .where('actorAccountId', '=', reviewer.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ rowCount: 3, personalData: 'masked' });
  });

  it('when a qualification reviewer exports the confirmation queue, then it is refused like the list', async () => {
    const response = await exportAs(qualificationReviewer.username, '&stage=confirmation');
    expectStatus(response, 403);
    expectStatus(await exportAs(qualificationReviewer.username, '&stage=qualification'), 200);
  });

  it('when another area’s reviewer exports, then only that area’s registrations come, and naming ours answers not found', async () => {
    const sheet = await sheetOf(expectStatus(await exportAs(otherReviewer.username), 200));
    expect(sheet.rows.map((r) => r['网报号'])).toEqual([numbers.jiangsu]);
    expectStatus(await exportAs(otherReviewer.username, `&examAreaId=${shanghai}`), 404);
  });

  it('when a platform administrator exports, then an area must be named, and its full file comes back', async () => {
    const missing = await exportAs(platform.username);
    expectStatus(missing, 400);
    expect(errorOf(missing).message).toBe('请选择考区。');
    const sheet = await sheetOf(
      expectStatus(await exportAs(platform.username, `&examAreaId=${jiangsu}`), 200),
    );
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]!['证件号码']).toBe(people.jiangsu!.documentNumber);
    expectStatus(await exportAs(platform.username, '&examAreaId=999999'), 404);
  });

  it('when a candidate or a visitor asks, then it is refused and nothing is audited', async () => {
    const before = await ctx.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'review.export')
      .executeTakeFirstOrThrow();
    const candidate = await createCandidate(ctx.db);
    expectStatus(await exportAs(candidate.username), 403);
    expectStatus(await new TestClient(ctx.app).get(`/api/review/export?cycleId=${cycleId}`), 401);
    const after = await ctx.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'review.export')
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('inert cells', () => {
  it('when a value begins with = + - @ tab or carriage return, then it gets a leading apostrophe; control characters go', () => {
    expect(inertCell('=1+1')).toBe("'=1+1");
    expect(inertCell('+8613800138000')).toBe("'+8613800138000");
    expect(inertCell('-2')).toBe("'-2");
    expect(inertCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(inertCell('\t=1')).toBe("'\t=1");
    expect(inertCell('\r=1')).toBe("'\r=1");
    expect(inertCell('上海市=第一人民医院')).toBe('上海市=第一人民医院');
    expect(inertCell('a\u0000b\u001fc\nd')).toBe('abc\nd');
    expect(inertCell(null)).toBe('');
  });
});
