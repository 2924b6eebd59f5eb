import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SUBJECTS,
  NOTICE_ATTACHMENT_MAX_BYTES,
  PHASE_KIND_LIST,
  type AdminSpecialty,
  type AreaCalendar,
  type CycleView,
  type ExamNoticeView,
  type OfferingList,
  type SpecialtyImportReport,
  type TestSiteView,
} from '@hqe/core';
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/db/database';
import * as m0001 from '../src/db/migrations/0001-foundation';
import * as m0002 from '../src/db/migrations/0002-catalog';
import { seedReferenceData } from '../src/modules/catalog';
import { areaStaff } from './support-area-staff';
import { createTestContext, type TestClient, type TestContext } from './test-app';

let ctx: TestContext;
let dataDir: string;
let shanghai: number;
let otherArea: number;
let examId: number;
let demoCycleId: number;

let platform: TestClient;
let platformId: number;
let shanghaiAdmin: TestClient;
let shanghaiAdminId: number;
let otherAdmin: TestClient;
let reviewer: TestClient;
let candidate: TestClient;
let visitor: TestClient;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hqe-catalog-admin-'));
  ctx = await createTestContext({ env: { DATA_DIR: dataDir } });
  examId = (await ctx.db.selectFrom('exams').select('id').executeTakeFirstOrThrow()).id;
  demoCycleId = (await ctx.db.selectFrom('cycles').select('id').executeTakeFirstOrThrow()).id;
  ({
    shanghai,
    otherArea,
    platform,
    platformId,
    shanghaiAdmin,
    shanghaiAdminId,
    otherAdmin,
    reviewer,
    candidate,
    visitor,
  } = await areaStaff(ctx));
});
afterAll(async () => {
  await ctx.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Body = { json: () => unknown };
const errorOf = (r: Body) =>
  (r.json() as { error: { code: string; message: string; details?: unknown } }).error;
const issuesOf = (r: Body) =>
  (errorOf(r).details as { issues: { path: string; message: string }[] }).issues;

const put = (client: TestClient, url: string, body: unknown) =>
  client.request('PUT', url, { body });

async function auditEvents(action: string) {
  return ctx.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}
interface AuditRow {
  actorAccountId: number | null;
  examAreaId: number | null;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
/** The latest audit event of an action. */
async function lastAudit(action: string): Promise<AuditRow> {
  const event = (await auditEvents(action)).at(-1);
  if (!event) throw new Error(`no ${action} audit event`);
  return event as AuditRow;
}
const auditCount = async () =>
  (await ctx.db.selectFrom('auditEvents').select('id').execute()).length;

/** A cycle of our own for tests that write calendars, offerings and notices. */
async function newCycle(year: number): Promise<number> {
  const response = await platform.post('/api/admin/cycles', {
    examId,
    year,
    name: `${year}年度（测试）`,
    workYearsCutoff: `${year - 1}-12-31`,
  });
  expect(response.statusCode).toBe(201);
  return response.json<CycleView>().id;
}

// --- files ------------------------------------------------------------------------------------

/** A small, well-formed one-page PDF. */
function pdfBytes(text = 'HQE'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  ];
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * An OLE2 compound file whose directory holds a root entry and one stream named `name` — the
 * structure Word (.doc, `WordDocument`) and Excel (.xls, `Workbook`) files are built on.
 */
function compoundFile(name: string): Buffer {
  const sector = 512;
  const file = Buffer.alloc(sector * 3);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x3e, 0x18);
  file.writeUInt16LE(3, 0x1a);
  file.writeUInt16LE(0xfffe, 0x1c);
  file.writeUInt16LE(9, 0x1e);
  file.writeUInt16LE(6, 0x20);
  file.writeUInt32LE(1, 0x2c); // one FAT sector
  file.writeUInt32LE(1, 0x30); // the directory starts at sector 1
  file.writeUInt32LE(0x1000, 0x38);
  file.writeUInt32LE(0xfffffffe, 0x3c);
  file.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) file.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = sector; // sector 0
  file.writeUInt32LE(0xfffffffd, fat); // sector 0 is the FAT
  file.writeUInt32LE(0xfffffffe, fat + 4); // sector 1 (directory) ends its chain
  for (let i = 2; i < 128; i++) file.writeUInt32LE(0xffffffff, fat + i * 4);
  const entry = (index: number, entryName: string, type: number) => {
    const at = sector * 2 + index * 128;
    const encoded = Buffer.from(`${entryName}\0`, 'utf16le');
    encoded.copy(file, at);
    file.writeUInt16LE(encoded.length, at + 0x40);
    file.writeUInt8(type, at + 0x42);
  };
  entry(0, 'Root Entry', 5);
  entry(1, name, 2);
  return file;
}

async function xlsxBytes(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('专业目录');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const storedFiles = () =>
  existsSync(path.join(dataDir, 'files'))
    ? readdirSync(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
    : [];

// --- who may do what -------------------------------------------------------------------------

describe('access', () => {
  it('when a visitor calls an admin route, then 401 unauthenticated', async () => {
    for (const [method, url] of [
      ['GET', '/api/admin/cycles'],
      ['GET', `/api/admin/cycles/${demoCycleId}/exam-areas/${shanghai}/calendar`],
      ['GET', '/api/admin/specialties'],
      ['GET', `/api/admin/exam-areas/${shanghai}/test-sites`],
    ] as const) {
      const response = await visitor.request(method, url);
      expect(response.statusCode, url).toBe(401);
      expect(errorOf(response).code).toBe('unauthenticated');
    }
    const write = await visitor.request(
      'PUT',
      `/api/admin/cycles/${demoCycleId}/exam-areas/${shanghai}/calendar`,
      {
        body: { phases: [] },
      },
    );
    expect(write.statusCode).toBe(401);
  });

  it('when a reviewer or a candidate calls an admin route, then 403 forbidden', async () => {
    for (const client of [reviewer, candidate]) {
      for (const url of [
        '/api/admin/cycles',
        `/api/admin/cycles/${demoCycleId}/exam-areas/${shanghai}/calendar`,
        `/api/admin/cycles/${demoCycleId}/exam-areas/${shanghai}/offerings`,
        `/api/admin/cycles/${demoCycleId}/exam-areas/${shanghai}/notices`,
        `/api/admin/exam-areas/${shanghai}/test-sites`,
        '/api/admin/specialties',
      ]) {
        const response = await client.get(url);
        expect(response.statusCode, url).toBe(403);
        expect(errorOf(response).code).toBe('forbidden');
      }
      const create = await client.post(`/api/admin/exam-areas/${shanghai}/test-sites`, {
        code: '9999',
        name: '不应创建',
        address: '',
      });
      expect(create.statusCode).toBe(403);
    }
    expect(
      await ctx.db.selectFrom('testSites').select('id').where('code', '=', '9999').execute(),
    ).toEqual([]);
  });

  it('when an area admin calls a platform-only route, then 403 and nothing changes', async () => {
    const before = await auditCount();
    const cycle = await shanghaiAdmin.post('/api/admin/cycles', {
      examId,
      year: 2040,
      name: '2040',
      workYearsCutoff: '2039-12-31',
    });
    expect(cycle.statusCode).toBe(403);
    const specialty = await ctx.db
      .selectFrom('specialties')
      .selectAll()
      .where('code', '=', '303')
      .executeTakeFirstOrThrow();
    const update = await put(shanghaiAdmin, `/api/admin/specialties/${specialty.id}`, {
      name: '改名',
      subjects: [...DEFAULT_SUBJECTS],
      examMode: 'computer',
      certainty: 'sourced',
    });
    expect(update.statusCode).toBe(403);
    const importing = await shanghaiAdmin.post('/api/admin/specialties/import', {
      examId,
      fileName: 'a.csv',
      contentBase64: b64('专业代码\n'),
    });
    expect(importing.statusCode).toBe(403);
    expect(
      await ctx.db.selectFrom('cycles').select('id').where('year', '=', 2040).execute(),
    ).toEqual([]);
    expect(
      (
        await ctx.db
          .selectFrom('specialties')
          .select('name')
          .where('id', '=', specialty.id)
          .executeTakeFirstOrThrow()
      ).name,
    ).toBe(specialty.name);
    expect(await auditCount()).toBe(before);
  });
});

// --- cycles ----------------------------------------------------------------------------------

describe('cycles', () => {
  it('when a platform admin creates a cycle, then it exists and the creation is audited', async () => {
    const response = await platform.post('/api/admin/cycles', {
      examId,
      year: 2030,
      name: '2030年度全国卫生专业技术资格考试',
      workYearsCutoff: '2029-12-31',
    });
    expect(response.statusCode).toBe(201);
    const created = response.json<CycleView>();
    expect(created).toMatchObject({ examId, year: 2030, workYearsCutoff: '2029-12-31' });
    const row = await ctx.db
      .selectFrom('cycles')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ year: 2030, name: '2030年度全国卫生专业技术资格考试' });
    const event = await lastAudit('cycle.created');
    expect(event).toMatchObject({
      actorAccountId: platformId,
      examAreaId: null,
      entityType: 'cycle',
      entityId: String(created.id),
      after: { year: 2030, workYearsCutoff: '2029-12-31' },
    });
    const list = await shanghaiAdmin.get('/api/admin/cycles');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: CycleView[] }>().items.map((c) => c.year)).toContain(2030);
  });

  it('when the year already exists, then 409 conflict and no second cycle', async () => {
    const response = await platform.post('/api/admin/cycles', {
      examId,
      year: 2030,
      name: '重复',
      workYearsCutoff: '2029-12-31',
    });
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe('conflict');
    expect(
      await ctx.db.selectFrom('cycles').select('id').where('year', '=', 2030).execute(),
    ).toHaveLength(1);
  });

  it('when the cut-off is not in the year before or the exam year, then 400 naming workYearsCutoff', async () => {
    const response = await platform.post('/api/admin/cycles', {
      examId,
      year: 2031,
      name: '2031',
      workYearsCutoff: '2028-12-31',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('validation_failed');
    const [issue, ...more] = issuesOf(response);
    expect(more).toEqual([]);
    expect(issue?.path).toBe('workYearsCutoff');
    expect(issue?.message).toContain('2030-12-31');
    const unknownExam = await platform.post('/api/admin/cycles', {
      examId: 999_999,
      year: 2031,
      name: '2031',
      workYearsCutoff: '2030-12-31',
    });
    expect(unknownExam.statusCode).toBe(400);
    expect(issuesOf(unknownExam)[0]?.path).toBe('examId');
    expect(
      await ctx.db.selectFrom('cycles').select('id').where('year', '=', 2031).execute(),
    ).toEqual([]);
  });

  it('when a platform admin updates a cycle, then it changes and before/after are audited; 404 for an unknown id', async () => {
    const id = await newCycle(2032);
    const response = await put(platform, `/api/admin/cycles/${id}`, {
      year: 2032,
      name: '2032年度（改名）',
      workYearsCutoff: '2032-06-30',
    });
    expect(response.statusCode).toBe(200);
    const row = await ctx.db
      .selectFrom('cycles')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: '2032年度（改名）', workYearsCutoff: '2032-06-30' });
    expect(await lastAudit('cycle.updated')).toMatchObject({
      entityId: String(id),
      before: { name: '2032年度（测试）', workYearsCutoff: '2031-12-31' },
      after: { name: '2032年度（改名）', workYearsCutoff: '2032-06-30' },
    });
    const clash = await put(platform, `/api/admin/cycles/${id}`, {
      year: 2030,
      name: 'x',
      workYearsCutoff: '2029-12-31',
    });
    expect(clash.statusCode).toBe(409);
    const missing = await put(platform, '/api/admin/cycles/999999', {
      year: 2033,
      name: 'x',
      workYearsCutoff: '2032-12-31',
    });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('not_found');
  });
});

// --- calendar ----------------------------------------------------------------------------------

/** A full, valid calendar for a cycle, in Beijing time. */
const fullCalendar = () => [
  {
    kind: 'registration',
    startsAt: '2026-11-20T00:00:00+08:00',
    endsAt: '2026-12-27T00:00:00+08:00',
  },
  {
    kind: 'confirmation',
    startsAt: '2026-11-20T00:00:00+08:00',
    endsAt: '2026-12-28T17:00:00+08:00',
  },
  {
    kind: 'resubmission',
    startsAt: '2026-11-20T00:00:00+08:00',
    endsAt: '2026-12-28T17:00:00+08:00',
  },
  {
    kind: 'qualification_review',
    startsAt: '2026-12-29T00:00:00+08:00',
    endsAt: '2027-01-29T00:00:00+08:00',
  },
  {
    kind: 'results_publication',
    startsAt: '2027-01-28T00:00:00+08:00',
    endsAt: '2027-02-09T00:00:00+08:00',
  },
  { kind: 'payment', startsAt: '2027-01-29T00:00:00+08:00', endsAt: '2027-02-09T00:00:00+08:00' },
  {
    kind: 'admission_ticket',
    startsAt: '2027-04-01T00:00:00+08:00',
    endsAt: '2027-04-22T00:00:00+08:00',
  },
  { kind: 'exam', startsAt: '2027-04-13T00:00:00+08:00', endsAt: '2027-04-22T00:00:00+08:00' },
];

describe('the calendar of an area in a cycle', () => {
  let cycleId: number;
  let url: string;
  const phaseRows = () =>
    ctx.db
      .selectFrom('cyclePhases')
      .select(['kind', 'startsAt', 'endsAt'])
      .where('cycleId', '=', cycleId)
      .where('examAreaId', '=', shanghai)
      .orderBy('kind')
      .execute();

  beforeAll(async () => {
    cycleId = await newCycle(2027 + 10);
    url = `/api/admin/cycles/${cycleId}/exam-areas/${shanghai}/calendar`;
  });

  it('when the demo calendar is read, then all eight phases come in order with their status', async () => {
    const response = await shanghaiAdmin.get(
      `/api/admin/cycles/${demoCycleId}/exam-areas/${shanghai}/calendar`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json<AreaCalendar>();
    expect(body.phases.map((p) => p.kind)).toEqual(PHASE_KIND_LIST);
    expect(body.phases.find((p) => p.kind === 'registration')?.status).toBe('open');
  });

  it('when the area admin puts a full calendar, then the rows are exactly it and the change is audited', async () => {
    const response = await put(shanghaiAdmin, url, { phases: fullCalendar() });
    expect(response.statusCode).toBe(200);
    const body = response.json<AreaCalendar>();
    expect(body.phases.map((p) => p.kind)).toEqual(PHASE_KIND_LIST);
    expect(body.phases[0]).toMatchObject({
      kind: 'registration',
      label: '网上报名',
      startsAt: '2026-11-19T16:00:00.000Z',
      endsAt: '2026-12-26T16:00:00.000Z',
      status: 'open',
    });
    const rows = await phaseRows();
    expect(rows).toHaveLength(8);
    const confirmation = rows.find((r) => r.kind === 'confirmation');
    expect(confirmation?.endsAt.toISOString()).toBe('2026-12-28T09:00:00.000Z');
    const event = await lastAudit('calendar.updated');
    expect(event).toMatchObject({
      actorAccountId: shanghaiAdminId,
      examAreaId: shanghai,
      entityType: 'calendar',
      entityId: `${cycleId}:${shanghai}`,
      before: { cycleId, phases: [] },
    });
    expect((event.after as { phases: unknown[] }).phases).toHaveLength(8);
    const read = await platform.get(url);
    expect(read.json<AreaCalendar>().phases).toEqual(body.phases);
  });

  it('when a phase ends before it starts, then 400 with the field path and nothing changes', async () => {
    const before = await phaseRows();
    const audits = await auditCount();
    const phases = fullCalendar();
    phases[5] = { ...phases[5]!, endsAt: '2027-01-28T00:00:00+08:00' };
    const response = await put(shanghaiAdmin, url, { phases });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('validation_failed');
    expect(issuesOf(response)).toEqual([
      { path: 'phases.5.endsAt', message: '“网上缴费”的结束时间须晚于开始时间' },
    ]);
    expect(await phaseRows()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('when the phases are out of order, then each broken rule is explained in Chinese at its field', async () => {
    const phases = fullCalendar();
    // Payment before qualification review starts, and confirmation ending before registration.
    phases[5] = {
      kind: 'payment',
      startsAt: '2026-12-01T00:00:00+08:00',
      endsAt: '2027-02-09T00:00:00+08:00',
    };
    phases[1] = {
      kind: 'confirmation',
      startsAt: '2026-11-20T00:00:00+08:00',
      endsAt: '2026-12-20T00:00:00+08:00',
    };
    const response = await put(shanghaiAdmin, url, { phases });
    expect(response.statusCode).toBe(400);
    const issues = issuesOf(response);
    expect(issues).toContainEqual({
      path: 'phases.1.endsAt',
      message: '报名确认的截止时间不能早于网上报名的截止时间：最后报名的考生也须能完成确认。',
    });
    expect(issues).toContainEqual({
      path: 'phases.5.startsAt',
      message: '网上缴费的开始时间不能早于资格审核的开始时间：只有审核通过的考生才能缴费。',
    });
    expect(errorOf(response).message).toContain('phases.');
  });

  it('when a phase appears twice or a field is unknown or a time has no zone, then 400', async () => {
    const twice = await put(shanghaiAdmin, url, {
      phases: [fullCalendar()[0], fullCalendar()[0]],
    });
    expect(twice.statusCode).toBe(400);
    expect(issuesOf(twice)).toEqual([
      { path: 'phases.1.kind', message: '“网上报名”重复出现，每个阶段只能设置一次' },
    ]);
    const unknown = await put(shanghaiAdmin, url, { phases: [], note: 'x' });
    expect(unknown.statusCode).toBe(400);
    const zoneless = await put(shanghaiAdmin, url, {
      phases: [
        { kind: 'registration', startsAt: '2026-11-20T00:00:00', endsAt: '2026-12-27T00:00:00' },
      ],
    });
    expect(zoneless.statusCode).toBe(400);
    expect(issuesOf(zoneless)[0]?.path).toBe('phases.0.startsAt');
  });

  it('when area admin A puts area B’s calendar, then 403 and B’s calendar is untouched', async () => {
    const before = await ctx.db
      .selectFrom('cyclePhases')
      .selectAll()
      .where('examAreaId', '=', otherArea)
      .execute();
    const otherUrl = `/api/admin/cycles/${cycleId}/exam-areas/${otherArea}/calendar`;
    const response = await put(shanghaiAdmin, otherUrl, { phases: fullCalendar() });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('forbidden');
    expect((await shanghaiAdmin.get(otherUrl)).statusCode).toBe(403);
    expect(
      await ctx.db
        .selectFrom('cyclePhases')
        .selectAll()
        .where('examAreaId', '=', otherArea)
        .execute(),
    ).toEqual(before);
    // B's own administrator may.
    const own = await put(otherAdmin, otherUrl, { phases: fullCalendar().slice(0, 2) });
    expect(own.statusCode).toBe(200);
    expect(await lastAudit('calendar.updated')).toMatchObject({ examAreaId: otherArea });
    // And B cannot touch Shanghai's.
    expect((await put(otherAdmin, url, { phases: [] })).statusCode).toBe(403);
    expect(await phaseRows()).toHaveLength(8);
  });

  it('when two administrators put the calendar at once, then one wins whole and the audit trail chains', async () => {
    const first = fullCalendar();
    const second = fullCalendar().slice(0, 4);
    const responses = await Promise.all([
      put(shanghaiAdmin, url, { phases: first }),
      put(platform, url, { phases: second }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    const rows = await phaseRows();
    expect([8, 4]).toContain(rows.length);
    const events = (await auditEvents('calendar.updated')).slice(-2) as unknown as {
      before: { phases: unknown[] };
      after: { phases: unknown[] };
    }[];
    // The later change saw the earlier one's result: nothing was read half-written.
    expect(events[1]!.before.phases).toEqual(events[0]!.after.phases);
    expect(events[1]!.after.phases).toHaveLength(rows.length);
  });

  it('when a smaller set is put, then the phases left out are removed', async () => {
    const response = await put(platform, url, { phases: fullCalendar().slice(0, 3) });
    expect(response.statusCode).toBe(200);
    expect((await phaseRows()).map((r) => r.kind).sort()).toEqual([
      'confirmation',
      'registration',
      'resubmission',
    ]);
  });

  it('when the cycle or the area does not exist, then 404', async () => {
    const noCycle = await platform.get(`/api/admin/cycles/999999/exam-areas/${shanghai}/calendar`);
    expect(noCycle.statusCode).toBe(404);
    const noArea = await put(platform, `/api/admin/cycles/${cycleId}/exam-areas/999999/calendar`, {
      phases: [],
    });
    expect(noArea.statusCode).toBe(404);
    const badId = await platform.get(`/api/admin/cycles/abc/exam-areas/${shanghai}/calendar`);
    expect(badId.statusCode).toBe(400);
  });
});

// --- test sites --------------------------------------------------------------------------------

describe('test sites', () => {
  const listUrl = () => `/api/admin/exam-areas/${shanghai}/test-sites`;

  it('when the demo data is loaded, then Shanghai has three demonstration test sites', async () => {
    const response = await shanghaiAdmin.get(listUrl());
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: TestSiteView[] }>().items;
    expect(items.map((s) => s.code)).toEqual(['3101', '3102', '3103']);
    expect(items.every((s) => s.name.includes('演示') && s.active)).toBe(true);
  });

  it('when an area admin creates, updates, deactivates and reactivates a site, then each step is stored and audited', async () => {
    const created = await shanghaiAdmin.post(listUrl(), {
      code: '3110',
      name: '徐汇区考点',
      address: '上海市徐汇区某路 1 号',
    });
    expect(created.statusCode).toBe(201);
    const site = created.json<TestSiteView>();
    expect(site).toMatchObject({ examAreaId: shanghai, code: '3110', active: true });
    expect(await lastAudit('test_site.created')).toMatchObject({
      examAreaId: shanghai,
      entityId: String(site.id),
      after: { code: '3110', name: '徐汇区考点' },
    });

    const updated = await put(shanghaiAdmin, `/api/admin/test-sites/${site.id}`, {
      code: '3111',
      name: '徐汇区考点（新址）',
      address: '',
    });
    expect(updated.statusCode).toBe(200);
    const row = await ctx.db
      .selectFrom('testSites')
      .selectAll()
      .where('id', '=', site.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      code: '3111',
      name: '徐汇区考点（新址）',
      address: '',
      active: true,
    });
    expect(await lastAudit('test_site.updated')).toMatchObject({
      before: { code: '3110' },
      after: { code: '3111' },
    });

    const off = await shanghaiAdmin.post(`/api/admin/test-sites/${site.id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json<TestSiteView>().active).toBe(false);
    expect(
      (
        await ctx.db
          .selectFrom('testSites')
          .select('active')
          .where('id', '=', site.id)
          .executeTakeFirstOrThrow()
      ).active,
    ).toBe(false);
    expect(await lastAudit('test_site.deactivated')).toMatchObject({ entityId: String(site.id) });
    const again = await shanghaiAdmin.post(`/api/admin/test-sites/${site.id}/deactivate`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('invalid_transition');

    const on = await shanghaiAdmin.post(`/api/admin/test-sites/${site.id}/activate`);
    expect(on.statusCode).toBe(200);
    expect(on.json<TestSiteView>().active).toBe(true);
  });

  it('when a code is taken in the area, then 409 conflict; in another area it is free', async () => {
    const dup = await shanghaiAdmin.post(listUrl(), { code: '3101', name: '重复', address: '' });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).code).toBe('conflict');
    expect(
      await ctx.db
        .selectFrom('testSites')
        .select('id')
        .where('examAreaId', '=', shanghai)
        .where('code', '=', '3101')
        .execute(),
    ).toHaveLength(1);
    const elsewhere = await otherAdmin.post(`/api/admin/exam-areas/${otherArea}/test-sites`, {
      code: '3101',
      name: '其他考区的考点',
      address: '',
    });
    expect(elsewhere.statusCode).toBe(201);
    const site = (await shanghaiAdmin.get(listUrl())).json<{ items: TestSiteView[] }>().items[1]!;
    const renamedOntoTaken = await put(shanghaiAdmin, `/api/admin/test-sites/${site.id}`, {
      code: '3101',
      name: site.name,
      address: site.address,
    });
    expect(renamedOntoTaken.statusCode).toBe(409);
  });

  it('when two administrators create the same code at once, then one is created and the other gets 409', async () => {
    const site = { code: '3120', name: '并发考点', address: '' };
    const responses = await Promise.all([
      shanghaiAdmin.post(listUrl(), site),
      platform.post(listUrl(), site),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(
      await ctx.db
        .selectFrom('testSites')
        .select('id')
        .where('examAreaId', '=', shanghai)
        .where('code', '=', '3120')
        .execute(),
    ).toHaveLength(1);
  });

  it('when a field is invalid, then 400 with its path', async () => {
    const response = await shanghaiAdmin.post(listUrl(), { code: '31-01', name: '', address: '' });
    expect(response.statusCode).toBe(400);
    expect(
      issuesOf(response)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['code', 'name']);
  });

  it('when area admin B touches a Shanghai site, then 403 and the site is unchanged', async () => {
    const site = await ctx.db
      .selectFrom('testSites')
      .selectAll()
      .where('examAreaId', '=', shanghai)
      .where('code', '=', '3102')
      .executeTakeFirstOrThrow();
    expect((await otherAdmin.get(listUrl())).statusCode).toBe(403);
    expect(
      (await otherAdmin.post(listUrl(), { code: '3199', name: '越权', address: '' })).statusCode,
    ).toBe(403);
    expect(
      (
        await put(otherAdmin, `/api/admin/test-sites/${site.id}`, {
          code: '3102',
          name: '越权',
          address: '',
        })
      ).statusCode,
    ).toBe(403);
    expect((await otherAdmin.post(`/api/admin/test-sites/${site.id}/deactivate`)).statusCode).toBe(
      403,
    );
    expect(
      await ctx.db
        .selectFrom('testSites')
        .selectAll()
        .where('id', '=', site.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(site);
    expect(
      (await put(platform, '/api/admin/test-sites/999999', { code: '1', name: 'x', address: '' }))
        .statusCode,
    ).toBe(404);
  });
});

// --- offerings and fees ---------------------------------------------------------------------

describe('offerings and fees', () => {
  let cycleId: number;
  let url: string;
  let ids: Map<string, number>;
  const offeringRows = () =>
    ctx.db
      .selectFrom('areaOfferings as o')
      .innerJoin('specialties as s', 's.id', 'o.specialtyId')
      .select(['s.code', 'o.feePerSubjectFen', 'o.active'])
      .where('o.cycleId', '=', cycleId)
      .where('o.examAreaId', '=', shanghai)
      .orderBy('s.code')
      .execute();

  beforeAll(async () => {
    cycleId = await newCycle(2038);
    url = `/api/admin/cycles/${cycleId}/exam-areas/${shanghai}/offerings`;
    ids = new Map(
      (await ctx.db.selectFrom('specialties').select(['id', 'code']).execute()).map((s) => [
        s.code,
        s.id,
      ]),
    );
  });

  it('when the demo cycle is read, then every specialty is offered at the demonstration fee', async () => {
    const response = await shanghaiAdmin.get(
      `/api/admin/cycles/${demoCycleId}/exam-areas/${shanghai}/offerings`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json<OfferingList>();
    expect(body.items).toHaveLength(113);
    expect(body.items.every((o) => o.active && o.feePerSubjectFen === 5000)).toBe(true);
    expect(body.items.find((o) => o.code === '203')).toMatchObject({
      examMode: 'paper',
      subjects: [...DEFAULT_SUBJECTS],
    });
  });

  it('when the area admin puts a set, then exactly it is offered, and a smaller set deactivates the rest', async () => {
    const first = await put(shanghaiAdmin, url, {
      offerings: [
        { specialtyId: ids.get('101'), feePerSubjectFen: 5000 },
        { specialtyId: ids.get('303'), feePerSubjectFen: 7000 },
      ],
    });
    expect(first.statusCode).toBe(200);
    expect(
      first.json<OfferingList>().items.map((o) => [o.code, o.feePerSubjectFen, o.active]),
    ).toEqual([
      ['101', 5000, true],
      ['303', 7000, true],
    ]);
    expect(await offeringRows()).toEqual([
      { code: '101', feePerSubjectFen: 5000, active: true },
      { code: '303', feePerSubjectFen: 7000, active: true },
    ]);
    expect(await lastAudit('offerings.updated')).toMatchObject({
      examAreaId: shanghai,
      entityId: `${cycleId}:${shanghai}`,
      before: { offered: [] },
      after: {
        offered: [
          { code: '101', feePerSubjectFen: 5000 },
          { code: '303', feePerSubjectFen: 7000 },
        ],
      },
    });

    const second = await put(shanghaiAdmin, url, {
      offerings: [{ specialtyId: ids.get('303'), feePerSubjectFen: 7500 }],
    });
    expect(second.statusCode).toBe(200);
    expect(await offeringRows()).toEqual([
      { code: '101', feePerSubjectFen: 5000, active: false },
      { code: '303', feePerSubjectFen: 7500, active: true },
    ]);
  });

  it('when a fee is negative or not whole fen, or a specialty repeats or is unknown, then 400 with paths and nothing changes', async () => {
    const before = await offeringRows();
    const negative = await put(shanghaiAdmin, url, {
      offerings: [{ specialtyId: ids.get('101'), feePerSubjectFen: -1 }],
    });
    expect(negative.statusCode).toBe(400);
    expect(issuesOf(negative)[0]?.path).toBe('offerings.0.feePerSubjectFen');
    const fractional = await put(shanghaiAdmin, url, {
      offerings: [{ specialtyId: ids.get('101'), feePerSubjectFen: 50.5 }],
    });
    expect(issuesOf(fractional)[0]?.path).toBe('offerings.0.feePerSubjectFen');
    const repeated = await put(shanghaiAdmin, url, {
      offerings: [
        { specialtyId: ids.get('101'), feePerSubjectFen: 1 },
        { specialtyId: ids.get('101'), feePerSubjectFen: 2 },
      ],
    });
    expect(issuesOf(repeated)).toEqual([
      { path: 'offerings.1.specialtyId', message: '同一专业只能出现一次' },
    ]);
    const unknown = await put(shanghaiAdmin, url, {
      offerings: [
        { specialtyId: ids.get('101'), feePerSubjectFen: 1 },
        { specialtyId: 999_999, feePerSubjectFen: 1 },
      ],
    });
    expect(unknown.statusCode).toBe(400);
    expect(issuesOf(unknown)).toEqual([{ path: 'offerings.1.specialtyId', message: '专业不存在' }]);
    expect(await offeringRows()).toEqual(before);
  });

  it('when area admin B puts Shanghai’s offerings, then 403 and nothing changes', async () => {
    const before = await offeringRows();
    const response = await put(otherAdmin, url, { offerings: [] });
    expect(response.statusCode).toBe(403);
    expect(await offeringRows()).toEqual(before);
  });
});

// --- specialties -----------------------------------------------------------------------------

describe('specialties', () => {
  it('when listed, then each has subjects, exam mode and certainty; 203 is the paper exam', async () => {
    const response = await shanghaiAdmin.get(`/api/admin/specialties?examId=${examId}`);
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: AdminSpecialty[] }>().items;
    expect(items.length).toBeGreaterThanOrEqual(113);
    expect(items.filter((s) => s.examMode === 'paper').map((s) => s.code)).toEqual(['203']);
    expect(items.find((s) => s.code === '303')).toMatchObject({
      subjects: ['基础知识', '相关专业知识', '专业知识', '专业实践能力'],
      certainty: 'sourced',
    });
    expect(items.some((s) => s.certainty === 'uncertain')).toBe(true);
  });

  it('when the platform admin updates a specialty, then it is stored and audited; bad input is 400 and unknown 404', async () => {
    const target = await ctx.db
      .selectFrom('specialties')
      .selectAll()
      .where('code', '=', '104')
      .executeTakeFirstOrThrow();
    const url = `/api/admin/specialties/${target.id}`;
    const response = await put(platform, url, {
      name: '放射医学技术(士)',
      subjects: ['基础知识', '相关专业知识', '专业知识', '专业实践能力'],
      examMode: 'computer',
      certainty: 'sourced',
    });
    expect(response.statusCode).toBe(200);
    const row = await ctx.db
      .selectFrom('specialties')
      .selectAll()
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(row.certainty).toBe('sourced');
    expect(await lastAudit('specialty.updated')).toMatchObject({
      entityId: String(target.id),
      before: { certainty: target.certainty },
      after: { certainty: 'sourced' },
    });
    const duplicateSubjects = await put(platform, url, {
      name: 'x',
      subjects: ['基础知识', '基础知识'],
      examMode: 'computer',
      certainty: 'sourced',
    });
    expect(duplicateSubjects.statusCode).toBe(400);
    expect(issuesOf(duplicateSubjects)[0]?.path).toBe('subjects');
    const badMode = await put(platform, url, {
      name: 'x',
      subjects: ['基础知识'],
      examMode: 'online',
      certainty: 'sourced',
    });
    expect(issuesOf(badMode)[0]?.path).toBe('examMode');
    const missing = await put(platform, '/api/admin/specialties/999999', {
      name: 'x',
      subjects: ['基础知识'],
      examMode: 'computer',
      certainty: 'sourced',
    });
    expect(missing.statusCode).toBe(404);
  });
});

// --- specialty import ------------------------------------------------------------------------

describe('specialty import', () => {
  const importFile = (fileName: string, bytes: Buffer | string, dryRun = false) =>
    platform.post('/api/admin/specialties/import', {
      examId,
      fileName,
      contentBase64: b64(bytes),
      dryRun,
    });
  const snapshot = () => ctx.db.selectFrom('specialties').selectAll().orderBy('code').execute();
  const HEADER = '专业代码,专业名称,级别,类别,考试方式,科目,确定性';

  it('when a CSV has bad rows, then the report names row, column and reason, and nothing changes', async () => {
    const before = await snapshot();
    const audits = await auditCount();
    const csv = [
      HEADER,
      '101,药学(士),初级(士),药学,人机对话,,已核实',
      '3a5,坏代码,中级,医疗,人机对话,,',
      '302,全科医学(中医类),初级(师),医疗,人机对话,,',
      '397,新专业,中级,未知类别,口试,,',
      '101,重复,初级(士),药学,人机对话,,',
      ',,,,,,',
      '"398","带引号, 含逗号",中级,医疗,纸笔,"基础知识、专业知识",待核实',
    ].join('\r\n');
    const response = await importFile('专业目录.csv', csv);
    expect(response.statusCode).toBe(200);
    const report = response.json<SpecialtyImportReport>();
    expect(report).toMatchObject({ dryRun: false, applied: false, format: 'csv' });
    expect(report.errors).toEqual([
      { row: 3, column: '专业代码', message: '专业代码须为三位数字' },
      { row: 4, column: '级别', message: '专业代码 302 属于中级，与级别“初级(师)”不符' },
      { row: 5, column: '类别', message: '类别须为 医疗、护理、药学、技术 或 其他' },
      { row: 5, column: '考试方式', message: '考试方式须为 人机对话 或 纸笔' },
      { row: 6, column: '专业代码', message: '专业代码 101 与第 2 行重复' },
    ]);
    expect(await snapshot()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('when a header column is missing, then row 1 is reported', async () => {
    const response = await importFile(
      'a.csv',
      '专业代码,专业名称,级别,考试方式\n101,药学(士),初级(士),人机对话\n',
    );
    expect(response.json<SpecialtyImportReport>().errors).toEqual([
      { row: 1, column: '类别', message: '表头缺少“类别”列' },
    ]);
  });

  it('when a valid CSV is checked with dryRun, then the counts are reported and nothing changes', async () => {
    const before = await snapshot();
    const csv = [
      HEADER,
      '101,药学(士),初级(士),药学,人机对话,,已核实',
      '398,"带引号, 含逗号",中级,医疗,纸笔,"基础知识、专业知识",待核实',
      '104,放射医学技术(士)（修订）,初级（士）,技术,人机对话,,',
    ].join('\n');
    const response = await importFile('专业目录.csv', csv, true);
    expect(response.json<SpecialtyImportReport>()).toEqual({
      dryRun: true,
      applied: false,
      format: 'csv',
      rows: 3,
      created: 1,
      updated: 1,
      unchanged: 1,
      errors: [],
    });
    expect(await snapshot()).toEqual(before);
  });

  it('when a valid CSV is imported, then new codes are added, known ones updated, others kept, and it is audited', async () => {
    const count = (await snapshot()).length;
    const csv = [
      HEADER,
      '398,"带引号, 含逗号",中级,医疗,纸笔,"基础知识、专业知识",待核实',
      '104,放射医学技术(士)（修订）,初级（士）,技术,人机对话,,',
    ].join('\n');
    const response = await importFile('专业目录.csv', csv);
    expect(response.json<SpecialtyImportReport>()).toMatchObject({
      applied: true,
      created: 1,
      updated: 1,
      errors: [],
    });
    const rows = await snapshot();
    expect(rows).toHaveLength(count + 1);
    expect(rows.find((r) => r.code === '398')).toMatchObject({
      name: '带引号, 含逗号',
      level: 'intermediate',
      category: 'doctor',
      examMode: 'paper',
      subjects: ['基础知识', '专业知识'],
      certainty: 'uncertain',
    });
    expect(rows.find((r) => r.code === '104')).toMatchObject({
      name: '放射医学技术(士)（修订）',
      level: 'junior_assistant',
      certainty: 'sourced',
    });
    expect(rows.find((r) => r.code === '303')?.name).toBe('内科学');
    const event = await lastAudit('specialties.imported');
    expect(event).toMatchObject({
      actorAccountId: platformId,
      entityType: 'exam',
      after: { fileName: '专业目录.csv', created: [{ code: '398' }], updated: [{ code: '104' }] },
    });
  });

  it('when an Excel (.xlsx) file is imported, then its rows are read like the CSV', async () => {
    const bytes = await xlsxBytes([
      ['code', 'name', 'level', 'category', 'examMode'],
      [399, '演示导入专业', '中级', '技术', '人机对话'],
      [112, '错误', '中级', '技术', '人机对话'],
    ]);
    const bad = await importFile('专业目录.xlsx', bytes);
    expect(bad.json<SpecialtyImportReport>()).toMatchObject({
      format: 'xlsx',
      applied: false,
      errors: [{ row: 3, column: '级别', message: '专业代码 112 属于初级(士)，与级别“中级”不符' }],
    });
    expect(
      await ctx.db.selectFrom('specialties').select('id').where('code', '=', '399').execute(),
    ).toEqual([]);
    const good = await importFile(
      '专业目录.xlsx',
      await xlsxBytes([
        ['专业代码', '专业名称', '级别', '类别', '考试方式'],
        [399, '演示导入专业', '中级', '技术', '人机对话'],
      ]),
    );
    expect(good.json<SpecialtyImportReport>()).toMatchObject({ applied: true, created: 1 });
    expect(
      await ctx.db
        .selectFrom('specialties')
        .select(['name', 'subjects'])
        .where('code', '=', '399')
        .executeTakeFirstOrThrow(),
    ).toEqual({ name: '演示导入专业', subjects: [...DEFAULT_SUBJECTS] });
  });

  it('when a CSV is encoded in GB18030 (Excel on Chinese Windows), then it is read correctly', async () => {
    // "专业代码,专业名称,级别,类别,考试方式\r\n398,测试专业（国标编码）,中级,医疗,人机对话\r\n" in GB18030.
    const bytes = Buffer.from(
      'd7a8d2b5b4fac2eb2cd7a8d2b5c3fbb3c62cbcb6b1f02cc0e0b1f02cbfbccad4b7bdcabd0d0a3339382cb2e2cad4d7a8d2b5a3a8b9fab1eab1e0c2eba3a92cd6d0bcb62cd2bdc1c62cc8cbbbfab6d4bbb00d0a',
      'hex',
    );
    const response = await importFile('gbk.csv', bytes, true);
    expect(response.json<SpecialtyImportReport>()).toMatchObject({ errors: [], updated: 1 });
  });

  it('when the file is not what its name says, or neither CSV nor .xlsx, then 415 and nothing changes', async () => {
    const before = await snapshot();
    const csvAsXlsx = await importFile('专业目录.xlsx', `${HEADER}\n`);
    expect(csvAsXlsx.statusCode).toBe(415);
    expect(errorOf(csvAsXlsx).code).toBe('unsupported_media_type');
    const pdfAsCsv = await importFile('专业目录.csv', pdfBytes());
    expect(pdfAsCsv.statusCode).toBe(415);
    expect(errorOf(pdfAsCsv).message).toContain('PDF');
    const oldExcel = await importFile('专业目录.xls', compoundFile('Workbook'));
    expect(oldExcel.statusCode).toBe(415);
    expect(errorOf(oldExcel).message).toContain('.xlsx');
    const text = await importFile('专业目录.txt', `${HEADER}\n`);
    expect(text.statusCode).toBe(415);
    const unterminated = await importFile(
      'a.csv',
      `${HEADER}\n101,"药学(士),初级(士),药学,人机对话\n`,
    );
    expect(unterminated.statusCode).toBe(400);
    expect(errorOf(unterminated).message).toContain('第 2 行的引号未闭合');
    expect(await snapshot()).toEqual(before);
  });
});

// --- exam notices and attachments -----------------------------------------------------------

describe('exam notices', () => {
  let cycleId: number;
  let notice: ExamNoticeView;
  const adminList = () => `/api/admin/cycles/${cycleId}/exam-areas/${shanghai}/notices`;
  const publicList = () => `/api/cycles/${cycleId}/exam-areas/${shanghai}/notices`;
  const upload = (client: TestClient, fileName: string, bytes: Buffer, id = notice.id) =>
    client.post(`/api/admin/notices/${id}/attachments`, { fileName, contentBase64: b64(bytes) });
  const attachmentRows = () =>
    ctx.db
      .selectFrom('examNoticeAttachments')
      .selectAll()
      .where('noticeId', '=', notice.id)
      .orderBy('id')
      .execute();
  const FORM = pdfBytes('Application form (blank)');

  beforeAll(async () => {
    cycleId = await newCycle(2039);
  });

  it('when the demo data is loaded, then a published demonstration notice is public', async () => {
    const response = await visitor.get(`/api/cycles/${demoCycleId}/exam-areas/${shanghai}/notices`);
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: { title: string; body: string }[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]?.title).toContain('（演示）');
    expect(items[0]?.body).toContain('演示数据');
  });

  it('when an area admin writes a notice, then it is a draft that candidates do not see', async () => {
    const response = await shanghaiAdmin.post(adminList(), {
      title: '2039年度卫生专业技术资格考试上海考区考试通知',
      body: '一、报名时间……\n二、报名条件……',
    });
    expect(response.statusCode).toBe(201);
    notice = response.json<ExamNoticeView>();
    expect(notice).toMatchObject({ status: 'draft', publishedAt: null, attachments: [] });
    const row = await ctx.db
      .selectFrom('examNotices')
      .selectAll()
      .where('id', '=', notice.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ cycleId, examAreaId: shanghai, publishedAt: null });
    expect(await lastAudit('exam_notice.created')).toMatchObject({
      examAreaId: shanghai,
      entityType: 'exam_notice',
      entityId: String(notice.id),
    });
    const publicView = await visitor.get(publicList());
    expect(publicView.json<{ items: unknown[] }>().items).toEqual([]);
    const invalid = await shanghaiAdmin.post(adminList(), { title: '', body: 'x' });
    expect(invalid.statusCode).toBe(400);
    expect(issuesOf(invalid)[0]?.path).toBe('title');
  });

  it('when the blank form is uploaded as a PDF, then its bytes, size and sha256 are stored and audited', async () => {
    const response = await upload(shanghaiAdmin, '附件4：报名申报表（空白）.pdf', FORM);
    expect(response.statusCode).toBe(201);
    const view = response.json<ExamNoticeView>();
    const sha256 = createHash('sha256').update(FORM).digest('hex');
    expect(view.attachments).toEqual([
      {
        id: view.attachments[0]?.id,
        fileName: '附件4：报名申报表（空白）.pdf',
        contentType: 'application/pdf',
        sizeBytes: FORM.length,
        sha256,
        downloadUrl: `/api/admin/notices/${notice.id}/attachments/${view.attachments[0]!.id}`,
      },
    ]);
    const [row] = await attachmentRows();
    expect(row).toMatchObject({ sha256, sizeBytes: FORM.length, contentType: 'application/pdf' });
    expect(row!.storageKey).toMatch(/^notice-attachments\/\d{4}\/[0-9a-f-]{36}$/);
    expect(storedFiles()).toEqual([path.join(dataDir, 'files', ...row!.storageKey.split('/'))]);
    expect(await lastAudit('exam_notice.attachment_added')).toMatchObject({
      examAreaId: shanghai,
      after: { attachment: { fileName: '附件4：报名申报表（空白）.pdf', sha256 } },
    });
    // A draft's attachment is for administrators only.
    const admin = await shanghaiAdmin.get(view.attachments[0]!.downloadUrl);
    expect(admin.statusCode).toBe(200);
    expect(admin.rawPayload.equals(FORM)).toBe(true);
    const early = await visitor.get(`/api/notices/${notice.id}/attachments/${row!.id}`);
    expect(early.statusCode).toBe(404);
  });

  it('when a file is renamed to .pdf but is not a PDF, then 415 and nothing is stored', async () => {
    const files = storedFiles();
    const rows = await attachmentRows();
    const png = await upload(shanghaiAdmin, '报名申报表.pdf', PNG);
    expect(png.statusCode).toBe(415);
    expect(errorOf(png)).toMatchObject({
      code: 'unsupported_media_type',
      message: '文件扩展名“.pdf”与文件内容（PNG 图片）不符，请确认上传的文件。',
    });
    const script = await upload(
      shanghaiAdmin,
      '报名申报表.pdf',
      Buffer.from('<script>alert(1)</script>'),
    );
    expect(script.statusCode).toBe(415);
    expect(errorOf(script).message).toContain('不是允许的类型');
    const xls = await upload(shanghaiAdmin, '报名汇总.doc', compoundFile('Workbook'));
    expect(xls.statusCode).toBe(415);
    expect(await attachmentRows()).toEqual(rows);
    expect(storedFiles()).toEqual(files);
  });

  it('when Word, Excel and image files are uploaded with matching names, then each gets its content type', async () => {
    const cases: [string, Buffer, string][] = [
      ['说明.doc', compoundFile('WordDocument'), 'application/msword'],
      ['汇总.xls', compoundFile('Workbook'), 'application/vnd.ms-excel'],
      [
        '考点一览.xlsx',
        await xlsxBytes([['考点', '地址']]),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      ['示意图.png', PNG, 'image/png'],
    ];
    for (const [fileName, bytes, contentType] of cases) {
      const response = await upload(shanghaiAdmin, fileName, bytes);
      expect(response.statusCode, fileName).toBe(201);
      expect(response.json<ExamNoticeView>().attachments.at(-1)).toMatchObject({
        fileName,
        contentType,
      });
    }
    const xlsxAsDocx = await upload(shanghaiAdmin, '考点一览.docx', await xlsxBytes([['a']]));
    expect(xlsxAsDocx.statusCode).toBe(415);
  });

  it('when a name is already attached, then 409 conflict', async () => {
    const response = await upload(
      shanghaiAdmin,
      '附件4：报名申报表（空白）.pdf',
      pdfBytes('other'),
    );
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe('conflict');
    expect((await attachmentRows()).filter((r) => r.fileName.startsWith('附件4'))).toHaveLength(1);
  });

  it('when a file is larger than 10 MB, then 413 payload_too_large and nothing is stored', async () => {
    const files = storedFiles();
    const big = Buffer.alloc(NOTICE_ATTACHMENT_MAX_BYTES + 1, 0x20);
    pdfBytes().copy(big);
    const response = await upload(shanghaiAdmin, '大文件.pdf', big);
    expect(response.statusCode).toBe(413);
    expect(errorOf(response).code).toBe('payload_too_large');
    expect(storedFiles()).toEqual(files);
    const notBase64 = await shanghaiAdmin.post(`/api/admin/notices/${notice.id}/attachments`, {
      fileName: 'a.pdf',
      contentBase64: '不是base64',
    });
    expect(notBase64.statusCode).toBe(400);
    expect(issuesOf(notBase64)[0]?.path).toBe('contentBase64');
  });

  it('when area admin B touches Shanghai’s notice, then 403 and it is unchanged', async () => {
    const before = await ctx.db
      .selectFrom('examNotices')
      .selectAll()
      .where('id', '=', notice.id)
      .executeTakeFirstOrThrow();
    const rows = await attachmentRows();
    expect((await otherAdmin.get(`/api/admin/notices/${notice.id}`)).statusCode).toBe(403);
    expect(
      (await put(otherAdmin, `/api/admin/notices/${notice.id}`, { title: '越权', body: '' }))
        .statusCode,
    ).toBe(403);
    expect((await otherAdmin.post(`/api/admin/notices/${notice.id}/publish`)).statusCode).toBe(403);
    expect((await upload(otherAdmin, '越权.pdf', pdfBytes())).statusCode).toBe(403);
    expect(
      (
        await otherAdmin.request(
          'DELETE',
          `/api/admin/notices/${notice.id}/attachments/${rows[0]!.id}`,
        )
      ).statusCode,
    ).toBe(403);
    expect((await otherAdmin.get(adminList())).statusCode).toBe(403);
    expect((await otherAdmin.post(adminList(), { title: '越权', body: '' })).statusCode).toBe(403);
    expect(
      await ctx.db
        .selectFrom('examNotices')
        .selectAll()
        .where('id', '=', notice.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(before);
    expect(await attachmentRows()).toEqual(rows);
  });

  it('when published, then a visitor sees it and downloads the form: same bytes, PDF type, UTF-8 file name', async () => {
    const response = await shanghaiAdmin.post(`/api/admin/notices/${notice.id}/publish`);
    expect(response.statusCode).toBe(200);
    expect(response.json<ExamNoticeView>()).toMatchObject({
      status: 'published',
      publishedAt: ctx.clock.now().toISOString(),
    });
    expect(await lastAudit('exam_notice.published')).toMatchObject({
      before: { publishedAt: null },
      after: { publishedAt: ctx.clock.now().toISOString() },
    });
    const twice = await shanghaiAdmin.post(`/api/admin/notices/${notice.id}/publish`);
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe('invalid_transition');

    const list = await visitor.get(publicList());
    expect(list.statusCode).toBe(200);
    const [published] = list.json<{
      items: {
        id: number;
        attachments: { fileName: string; downloadUrl: string; sha256: string }[];
      }[];
    }>().items;
    expect(published?.id).toBe(notice.id);
    const form = published!.attachments.find((a) => a.fileName.startsWith('附件4'))!;
    expect(form.downloadUrl).toMatch(new RegExp(`^/api/notices/${notice.id}/attachments/\\d+$`));

    const download = await visitor.get(form.downloadUrl);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(FORM)).toBe(true);
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(form.sha256);
    const disposition = String(download.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      '附件4：报名申报表（空白）.pdf',
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const wrongNotice = await visitor.get(`/api/notices/${notice.id + 1000}/attachments/1`);
    expect(wrongNotice.statusCode).toBe(404);
  });

  it('when edited after publication, then the change is public and audited', async () => {
    const response = await put(shanghaiAdmin, `/api/admin/notices/${notice.id}`, {
      title: '2039年度考试通知（更正）',
      body: '更正后的正文',
    });
    expect(response.statusCode).toBe(200);
    expect(await lastAudit('exam_notice.updated')).toMatchObject({
      before: { title: '2039年度卫生专业技术资格考试上海考区考试通知' },
      after: { title: '2039年度考试通知（更正）', body: '更正后的正文' },
    });
    const list = await visitor.get(publicList());
    expect(list.json<{ items: { title: string }[] }>().items[0]?.title).toBe(
      '2039年度考试通知（更正）',
    );
  });

  it('when an attachment is removed, then its row and its file are gone', async () => {
    const rows = await attachmentRows();
    const png = rows.find((r) => r.fileName === '示意图.png')!;
    const file = path.join(dataDir, 'files', ...png.storageKey.split('/'));
    expect(existsSync(file)).toBe(true);
    const response = await shanghaiAdmin.request(
      'DELETE',
      `/api/admin/notices/${notice.id}/attachments/${png.id}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json<ExamNoticeView>().attachments.map((a) => a.fileName)).not.toContain(
      '示意图.png',
    );
    expect((await attachmentRows()).map((r) => r.id)).not.toContain(png.id);
    expect(existsSync(file)).toBe(false);
    expect(await lastAudit('exam_notice.attachment_removed')).toMatchObject({
      after: { attachment: { fileName: '示意图.png' } },
    });
    const again = await shanghaiAdmin.request(
      'DELETE',
      `/api/admin/notices/${notice.id}/attachments/${png.id}`,
    );
    expect(again.statusCode).toBe(404);
  });

  it('when unpublished, then candidates see nothing and the download is 404', async () => {
    const form = (await attachmentRows()).find((r) => r.fileName.startsWith('附件4'))!;
    const response = await shanghaiAdmin.post(`/api/admin/notices/${notice.id}/unpublish`);
    expect(response.statusCode).toBe(200);
    expect(response.json<ExamNoticeView>()).toMatchObject({ status: 'draft', publishedAt: null });
    expect((await visitor.get(publicList())).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await visitor.get(`/api/notices/${notice.id}/attachments/${form.id}`)).statusCode).toBe(
      404,
    );
    const twice = await shanghaiAdmin.post(`/api/admin/notices/${notice.id}/unpublish`);
    expect(twice.statusCode).toBe(409);
    expect(await auditEvents('exam_notice.unpublished')).toHaveLength(1);
  });

  it('when the public list names an unknown cycle or area, then 404', async () => {
    expect(
      (await visitor.get(`/api/cycles/999999/exam-areas/${shanghai}/notices`)).statusCode,
    ).toBe(404);
    expect((await visitor.get(`/api/cycles/${cycleId}/exam-areas/999999/notices`)).statusCode).toBe(
      404,
    );
    expect((await platform.get('/api/admin/notices/999999')).statusCode).toBe(404);
  });
});

// --- migration and reference data -----------------------------------------------------------

describe('migration 0002 and the reference data', () => {
  it('when 0002 runs on a database with specialties, then they get the four subjects and 203 becomes paper', async () => {
    const handle = await openDatabase({ engine: 'pglite', dataDir: null });
    try {
      const db = handle.db;
      await m0001.up(db as unknown as Kysely<unknown>);
      const exam = await db
        .insertInto('exams')
        .values({ code: 'HPTQ', name: '考试' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = (code: string) => ({
        examId: exam.id,
        code,
        name: code,
        level: 'junior' as const,
        category: 'nursing' as const,
        certainty: 'sourced' as const,
      });
      // Inserted as 0001 knew them: without subjects or exam mode.
      await db
        .insertInto('specialties')
        .values([row('203'), row('204')])
        .execute();
      await m0002.up(db as unknown as Kysely<unknown>);
      const rows = await db
        .selectFrom('specialties')
        .select(['code', 'subjects', 'examMode'])
        .orderBy('code')
        .execute();
      expect(rows).toEqual([
        { code: '203', subjects: [...DEFAULT_SUBJECTS], examMode: 'paper' },
        { code: '204', subjects: [...DEFAULT_SUBJECTS], examMode: 'computer' },
      ]);
      await expect(
        db.updateTable('specialties').set({ subjects: [] }).where('code', '=', '204').execute(),
      ).rejects.toThrow();
    } finally {
      await handle.close();
    }
  });

  it('when the seed runs again, then test sites, offerings and notices are neither duplicated nor reverted', async () => {
    const site = await ctx.db
      .selectFrom('testSites')
      .selectAll()
      .where('examAreaId', '=', shanghai)
      .where('code', '=', '3103')
      .executeTakeFirstOrThrow();
    expect(
      (await shanghaiAdmin.post(`/api/admin/test-sites/${site.id}/deactivate`)).statusCode,
    ).toBe(200);
    const notice = await ctx.db
      .selectFrom('examNotices')
      .select('id')
      .where('cycleId', '=', demoCycleId)
      .executeTakeFirstOrThrow();
    expect((await shanghaiAdmin.post(`/api/admin/notices/${notice.id}/unpublish`)).statusCode).toBe(
      200,
    );
    const specialty = await ctx.db
      .selectFrom('specialties')
      .select('id')
      .where('code', '=', '101')
      .executeTakeFirstOrThrow();
    const demoOfferings = `/api/admin/cycles/${demoCycleId}/exam-areas/${shanghai}/offerings`;
    expect(
      (
        await put(shanghaiAdmin, demoOfferings, {
          offerings: [{ specialtyId: specialty.id, feePerSubjectFen: 6000 }],
        })
      ).statusCode,
    ).toBe(200);
    const counts = async () => ({
      sites: (await ctx.db.selectFrom('testSites').select('id').execute()).length,
      offerings: (await ctx.db.selectFrom('areaOfferings').select('id').execute()).length,
      notices: (await ctx.db.selectFrom('examNotices').select('id').execute()).length,
      specialties: (await ctx.db.selectFrom('specialties').select('id').execute()).length,
    });
    const before = await counts();

    await seedReferenceData(ctx.db, { now: ctx.clock.now(), demoCycle: true });

    expect(await counts()).toEqual(before);
    expect(
      (
        await ctx.db
          .selectFrom('testSites')
          .select('active')
          .where('id', '=', site.id)
          .executeTakeFirstOrThrow()
      ).active,
    ).toBe(false);
    expect(
      (
        await ctx.db
          .selectFrom('examNotices')
          .select('publishedAt')
          .where('id', '=', notice.id)
          .executeTakeFirstOrThrow()
      ).publishedAt,
    ).toBeNull();
    const offered = (await shanghaiAdmin.get(demoOfferings))
      .json<OfferingList>()
      .items.filter((o) => o.active);
    expect(offered.map((o) => [o.code, o.feePerSubjectFen])).toEqual([['101', 6000]]);
    // The specialty table edits of the tests above survive too.
    expect(
      (
        await ctx.db
          .selectFrom('specialties')
          .select('name')
          .where('code', '=', '104')
          .executeTakeFirstOrThrow()
      ).name,
    ).toBe('放射医学技术(士)（修订）');
  });
});
