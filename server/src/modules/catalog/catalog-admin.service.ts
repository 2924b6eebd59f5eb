import { createHash } from 'node:crypto';
import {
  PHASE_KIND_LIST,
  PHASE_LABELS,
  phaseStatus,
  SPECIALTY_IMPORT_MAX_BYTES,
  type AdminSpecialty,
  type AreaCalendar,
  type CreateCycleRequest,
  type CycleView,
  type OfferingList,
  type PhaseKind,
  type PutCalendarRequest,
  type PutOfferingsRequest,
  type SpecialtyImportReport,
  type SpecialtyImportRequest,
  type TestSiteInput,
  type TestSiteView,
  type UpdateCycleRequest,
  type UpdateSpecialtyRequest,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, conflict, notFound, validationFailed } from '../../lib/errors';
import { recordAuditEvent } from '../audit';
import { assertManagesArea, assertPlatformAdmin } from './area-access';
import * as repo from './catalog-admin.repository';
import { parseSpecialtyRows, readTable, type ImportedSpecialty } from './specialty-import';

type CycleRow = NonNullable<Awaited<ReturnType<typeof repo.findCycle>>>;
type TestSiteRow = NonNullable<Awaited<ReturnType<typeof repo.findTestSite>>>;
type SpecialtyRow = NonNullable<Awaited<ReturnType<typeof repo.findSpecialty>>>;

const toCycleView = (c: CycleRow): CycleView => ({ ...c, createdAt: c.createdAt.toISOString() });
const toTestSiteView = (t: TestSiteRow): TestSiteView => ({
  ...t,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});
const cycleSnapshot = (c: CycleRow) => ({
  examId: c.examId,
  year: c.year,
  name: c.name,
  workYearsCutoff: c.workYearsCutoff,
});
const testSiteSnapshot = (t: TestSiteRow) => ({
  code: t.code,
  name: t.name,
  address: t.address,
  active: t.active,
});
const specialtySnapshot = (s: Omit<SpecialtyRow, 'id' | 'examId'>) => ({
  code: s.code,
  name: s.name,
  level: s.level,
  category: s.category,
  subjects: s.subjects,
  examMode: s.examMode,
  certainty: s.certainty,
});
/** Phases in calendar order (registration first, exam last). */
const inPhaseOrder = <T extends { kind: PhaseKind }>(phases: T[]): T[] =>
  [...phases].sort((a, b) => PHASE_KIND_LIST.indexOf(a.kind) - PHASE_KIND_LIST.indexOf(b.kind));
const phaseSnapshot = (phases: { kind: PhaseKind; startsAt: Date; endsAt: Date }[]) =>
  inPhaseOrder(phases).map((p) => ({
    kind: p.kind,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
  }));

/** Creates the administration of the catalog: cycles, area calendars, test sites, specialties. */
export function createCatalogAdminService({ db, clock }: { db: Db; clock: Clock }) {
  async function requireCycle(trx: Db, cycleId: number, lock = false) {
    const cycle = await repo.findCycle(trx, cycleId, lock);
    if (!cycle) throw notFound('未找到该考试年度。');
    return cycle;
  }

  /** Checks the actor may manage the area, then that the cycle and the area exist. */
  async function requireCycleArea(actor: Actor, cycleId: number, examAreaId: number) {
    assertManagesArea(actor, examAreaId);
    const cycle = await requireCycle(db, cycleId);
    if (!(await repo.findExamArea(db, examAreaId))) throw notFound('未找到该考区。');
    return cycle;
  }

  async function calendarOf(trx: Db, cycleId: number, examAreaId: number): Promise<AreaCalendar> {
    const now = clock.now();
    const rows = await repo.listAreaPhases(trx, cycleId, examAreaId);
    return {
      cycleId,
      examAreaId,
      phases: inPhaseOrder(rows).map((p) => ({
        kind: p.kind,
        label: PHASE_LABELS[p.kind],
        startsAt: p.startsAt.toISOString(),
        endsAt: p.endsAt.toISOString(),
        status: phaseStatus(p, now),
      })),
    };
  }

  async function offeringsOf(trx: Db, cycleId: number, examAreaId: number): Promise<OfferingList> {
    return { cycleId, examAreaId, items: await repo.listOfferings(trx, cycleId, examAreaId) };
  }

  async function loadTestSite(trx: Db, actor: Actor, id: number, lock: boolean) {
    const site = await repo.findTestSite(trx, id, lock);
    if (!site) throw notFound('未找到该考点。');
    assertManagesArea(actor, site.examAreaId);
    return site;
  }

  async function assertTestSiteCodeFree(trx: Db, examAreaId: number, code: string, self?: number) {
    const existing = await repo.findTestSiteByCode(trx, examAreaId, code);
    if (existing && existing.id !== self) {
      throw conflict(`考点代码 ${code} 已被本考区的其他考点使用。`, {
        issues: [{ path: 'code', message: '考点代码已存在' }],
      });
    }
  }

  async function setTestSiteActive(actor: Actor, id: number, active: boolean) {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const before = await loadTestSite(trx, actor, id, true);
      if (before.active === active) {
        throw new AppError(
          'invalid_transition',
          active ? '该考点已是启用状态。' : '该考点已停用。',
        );
      }
      const after = await repo.updateTestSite(trx, id, { active, updatedAt: now });
      await recordAuditEvent(trx, {
        occurredAt: now,
        actorAccountId: actor.accountId,
        examAreaId: after.examAreaId,
        action: active ? 'test_site.activated' : 'test_site.deactivated',
        entityType: 'test_site',
        entityId: id,
        before: testSiteSnapshot(before),
        after: testSiteSnapshot(after),
        requestId: actor.requestId,
      });
      return toTestSiteView(after);
    });
  }

  return {
    // --- cycles ---------------------------------------------------------------------------

    /** Every cycle, newest first (any administrator: area admins set their calendars in them). */
    listCycles: async () => ({ items: (await repo.listCycles(db)).map(toCycleView) }),

    /** Creates a cycle (platform administrators). */
    async createCycle(actor: Actor, input: CreateCycleRequest): Promise<CycleView> {
      assertPlatformAdmin(actor);
      if (!(await repo.examExists(db, input.examId))) {
        throw validationFailed('所选考试项目不存在。', [
          { path: 'examId', message: '考试项目不存在' },
        ]);
      }
      if (await repo.findCycleByYear(db, input.examId, input.year)) {
        throw conflict(`${input.year} 年度已存在，请勿重复创建。`, {
          issues: [{ path: 'year', message: '该年度已存在' }],
        });
      }
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const cycle = await repo.insertCycle(trx, { ...input, createdAt: now });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: null,
          action: 'cycle.created',
          entityType: 'cycle',
          entityId: cycle.id,
          after: cycleSnapshot(cycle),
          requestId: actor.requestId,
        });
        return toCycleView(cycle);
      });
    },

    /** Changes a cycle's year, name or work-years cut-off (platform administrators). */
    async updateCycle(actor: Actor, id: number, input: UpdateCycleRequest): Promise<CycleView> {
      assertPlatformAdmin(actor);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const before = await requireCycle(trx, id, true);
        const clash = await repo.findCycleByYear(trx, before.examId, input.year);
        if (clash && clash.id !== id) {
          throw conflict(`${input.year} 年度已存在。`, {
            issues: [{ path: 'year', message: '该年度已存在' }],
          });
        }
        const after = await repo.updateCycle(trx, id, input);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: null,
          action: 'cycle.updated',
          entityType: 'cycle',
          entityId: id,
          before: cycleSnapshot(before),
          after: cycleSnapshot(after),
          requestId: actor.requestId,
        });
        return toCycleView(after);
      });
    },

    // --- calendar -------------------------------------------------------------------------

    /** The calendar of an area in a cycle, with each phase's status now. */
    async getCalendar(actor: Actor, cycleId: number, examAreaId: number): Promise<AreaCalendar> {
      await requireCycleArea(actor, cycleId, examAreaId);
      return calendarOf(db, cycleId, examAreaId);
    },

    /**
     * Replaces the whole calendar of an area in a cycle (the request schema has checked each
     * phase and their order); phases left out are removed.
     */
    async putCalendar(
      actor: Actor,
      cycleId: number,
      examAreaId: number,
      input: PutCalendarRequest,
    ): Promise<AreaCalendar> {
      await requireCycleArea(actor, cycleId, examAreaId);
      const now = clock.now();
      const phases = input.phases.map((p) => ({
        kind: p.kind,
        startsAt: new Date(p.startsAt),
        endsAt: new Date(p.endsAt),
      }));
      return db.transaction().execute(async (trx) => {
        await repo.lockExamArea(trx, examAreaId);
        const before = await repo.listAreaPhases(trx, cycleId, examAreaId);
        await repo.replaceAreaPhases(trx, cycleId, examAreaId, phases);
        const after = await calendarOf(trx, cycleId, examAreaId);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId,
          action: 'calendar.updated',
          entityType: 'calendar',
          entityId: `${cycleId}:${examAreaId}`,
          before: { cycleId, phases: phaseSnapshot(before) },
          after: {
            cycleId,
            phases: after.phases.map(({ kind, startsAt, endsAt }) => ({ kind, startsAt, endsAt })),
          },
          requestId: actor.requestId,
        });
        return after;
      });
    },

    // --- test sites -----------------------------------------------------------------------

    /** The test sites of an area, inactive ones included. */
    async listTestSites(actor: Actor, examAreaId: number) {
      assertManagesArea(actor, examAreaId);
      if (!(await repo.findExamArea(db, examAreaId))) throw notFound('未找到该考区。');
      return { items: (await repo.listTestSites(db, examAreaId)).map(toTestSiteView) };
    },

    /** Adds a test site to an area. */
    async createTestSite(actor: Actor, examAreaId: number, input: TestSiteInput) {
      assertManagesArea(actor, examAreaId);
      if (!(await repo.findExamArea(db, examAreaId))) throw notFound('未找到该考区。');
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        await assertTestSiteCodeFree(trx, examAreaId, input.code);
        const site = await repo.insertTestSite(trx, {
          examAreaId,
          ...input,
          createdAt: now,
          updatedAt: now,
        });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId,
          action: 'test_site.created',
          entityType: 'test_site',
          entityId: site.id,
          after: testSiteSnapshot(site),
          requestId: actor.requestId,
        });
        return toTestSiteView(site);
      });
    },

    /** Changes a test site's code, name or address. */
    async updateTestSite(actor: Actor, id: number, input: TestSiteInput) {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const before = await loadTestSite(trx, actor, id, true);
        await assertTestSiteCodeFree(trx, before.examAreaId, input.code, id);
        const after = await repo.updateTestSite(trx, id, { ...input, updatedAt: now });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: before.examAreaId,
          action: 'test_site.updated',
          entityType: 'test_site',
          entityId: id,
          before: testSiteSnapshot(before),
          after: testSiteSnapshot(after),
          requestId: actor.requestId,
        });
        return toTestSiteView(after);
      });
    },

    /** Takes a test site out of use (kept: registrations may refer to it). */
    deactivateTestSite: (actor: Actor, id: number) => setTestSiteActive(actor, id, false),

    /** Puts a deactivated test site back into use. */
    activateTestSite: (actor: Actor, id: number) => setTestSiteActive(actor, id, true),

    // --- offerings and fees ---------------------------------------------------------------

    /** The specialties an area offers (or offered) in a cycle, with the fee per subject. */
    async listOfferings(actor: Actor, cycleId: number, examAreaId: number) {
      await requireCycleArea(actor, cycleId, examAreaId);
      return offeringsOf(db, cycleId, examAreaId);
    },

    /** Sets the specialties an area offers in a cycle and their fees; the rest become inactive. */
    async putOfferings(
      actor: Actor,
      cycleId: number,
      examAreaId: number,
      input: PutOfferingsRequest,
    ): Promise<OfferingList> {
      const cycle = await requireCycleArea(actor, cycleId, examAreaId);
      const found = new Map(
        (
          await repo.findSpecialtiesByIds(
            db,
            input.offerings.map((o) => o.specialtyId),
          )
        ).map((s) => [s.id, s]),
      );
      const issues = input.offerings.flatMap((o, i) => {
        const specialty = found.get(o.specialtyId);
        if (!specialty) return [{ path: `offerings.${i}.specialtyId`, message: '专业不存在' }];
        if (specialty.examId !== cycle.examId) {
          return [
            { path: `offerings.${i}.specialtyId`, message: '该专业不属于本考试年度的考试项目' },
          ];
        }
        return [];
      });
      const first = issues[0];
      if (first) throw validationFailed(`所选专业有误：${first.message}。`, issues);
      const now = clock.now();
      const offered = (rows: OfferingList['items']) =>
        rows
          .filter((r) => r.active)
          .map((r) => ({ code: r.code, feePerSubjectFen: r.feePerSubjectFen }));
      return db.transaction().execute(async (trx) => {
        await repo.lockExamArea(trx, examAreaId);
        const before = await repo.listOfferings(trx, cycleId, examAreaId);
        await repo.replaceOfferings(trx, cycleId, examAreaId, input.offerings, now);
        const after = await offeringsOf(trx, cycleId, examAreaId);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId,
          action: 'offerings.updated',
          entityType: 'offerings',
          entityId: `${cycleId}:${examAreaId}`,
          before: { cycleId, offered: offered(before) },
          after: { cycleId, offered: offered(after.items) },
          requestId: actor.requestId,
        });
        return after;
      });
    },

    // --- specialties ----------------------------------------------------------------------

    /** The national specialty table with subjects, exam mode and certainty. */
    listSpecialties: async (examId?: number): Promise<{ items: AdminSpecialty[] }> => ({
      items: await repo.listSpecialties(db, examId),
    }),

    /** Changes a specialty's name, subjects, exam mode or certainty (platform administrators). */
    async updateSpecialty(
      actor: Actor,
      id: number,
      input: UpdateSpecialtyRequest,
    ): Promise<AdminSpecialty> {
      assertPlatformAdmin(actor);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const before = await repo.findSpecialty(trx, id, true);
        if (!before) throw notFound('未找到该专业。');
        const after = await repo.updateSpecialty(trx, id, input);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: null,
          action: 'specialty.updated',
          entityType: 'specialty',
          entityId: id,
          before: specialtySnapshot(before),
          after: specialtySnapshot(after),
          requestId: actor.requestId,
        });
        return after;
      });
    },

    /**
     * Imports the specialty table from a CSV or .xlsx file: new codes are added, known codes
     * updated, codes not in the file left alone. A file with any bad row changes nothing and
     * the report lists every fault; a dry run only checks.
     */
    async importSpecialties(
      actor: Actor,
      input: SpecialtyImportRequest,
    ): Promise<SpecialtyImportReport> {
      assertPlatformAdmin(actor);
      if (!(await repo.examExists(db, input.examId))) {
        throw validationFailed('所选考试项目不存在。', [
          { path: 'examId', message: '考试项目不存在' },
        ]);
      }
      const bytes = Buffer.from(input.contentBase64, 'base64');
      if (bytes.length > SPECIALTY_IMPORT_MAX_BYTES) {
        throw new AppError('payload_too_large', '导入文件不能超过 2 MB。');
      }
      const table = await readTable(input.fileName, bytes);
      const { specialties, errors } = parseSpecialtyRows(table.rows);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const existing = new Map(
          (await repo.lockSpecialtiesOfExam(trx, input.examId)).map((s) => [s.code, s]),
        );
        const created: ImportedSpecialty[] = [];
        const updated: { id: number; before: SpecialtyRow; row: ImportedSpecialty }[] = [];
        for (const row of specialties) {
          const current = existing.get(row.code);
          if (!current) created.push(row);
          else if (
            JSON.stringify(specialtySnapshot(current)) !== JSON.stringify(specialtySnapshot(row))
          ) {
            updated.push({ id: current.id, before: current, row });
          }
        }
        const report: SpecialtyImportReport = {
          dryRun: input.dryRun,
          applied: false,
          format: table.format,
          rows: Math.max(0, table.rows.length - 1),
          created: created.length,
          updated: updated.length,
          unchanged: specialties.length - created.length - updated.length,
          errors,
        };
        if (errors.length > 0 || input.dryRun) return report;
        await repo.insertSpecialties(
          trx,
          created.map(({ row: _row, ...s }) => ({ ...s, examId: input.examId })),
        );
        for (const { id, row } of updated) {
          const { row: _row, code: _code, ...patch } = row;
          await repo.updateSpecialty(trx, id, patch);
        }
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: null,
          action: 'specialties.imported',
          entityType: 'exam',
          entityId: input.examId,
          after: {
            fileName: input.fileName,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            created: created.map((r) => specialtySnapshot(r)),
            updated: updated.map(({ before, row }) => ({
              code: row.code,
              before: specialtySnapshot(before),
              after: specialtySnapshot(row),
            })),
          },
          requestId: actor.requestId,
        });
        return { ...report, applied: true };
      });
    },
  };
}
export type CatalogAdminService = ReturnType<typeof createCatalogAdminService>;
