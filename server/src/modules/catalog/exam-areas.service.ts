import {
  REGISTRATION_CITIES_MAX,
  type AdminRegistrationCity,
  type AdminRegistrationCityList,
  type CreateExamAreaRequest,
  type CreateRegistrationCityRequest,
  type ExamView,
  type RenameRegistrationCityRequest,
  type ReorderRegistrationCitiesRequest,
  type UpdateExamAreaRequest,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, conflict, notFound, validationFailed } from '../../lib/errors';
import { recordAuditEvent } from '../audit';
import { assertManagesArea, assertPlatformAdmin } from './area-access';
import * as repo from './exam-areas.repository';

type AreaRow = NonNullable<Awaited<ReturnType<typeof repo.findExamArea>>>;
type CityRow = NonNullable<Awaited<ReturnType<typeof repo.findCity>>>;

const AREA_NOT_FOUND = '未找到该考区，请刷新页面后重试。';
const CITY_NOT_FOUND = '未找到该报名地市，请刷新页面后重试。';

const areaSnapshot = (a: AreaRow) => ({ code: a.code, name: a.name });
const citySnapshot = (c: CityRow) => ({
  code: c.code,
  name: c.name,
  sortOrder: c.sortOrder,
  active: c.active,
});

/**
 * Creates the administration of exam areas (platform administrators) and of each area's
 * registration cities (报名地市: its own area administrators, and platform administrators).
 * Cities are never deleted — registrations refer to them — only taken out of use.
 */
export function createExamAreaService({ db, clock }: { db: Db; clock: Clock }) {
  async function requireArea(trx: Db, id: number, lock = false): Promise<AreaRow> {
    const area = await repo.findExamArea(trx, id, lock);
    if (!area) throw notFound(AREA_NOT_FOUND);
    return area;
  }

  /** Loads a city for a change: 404 when unknown, 403 when it belongs to another area. */
  async function loadCity(trx: Db, actor: Actor, id: number): Promise<CityRow> {
    const city = await repo.findCity(trx, id, true);
    if (!city) throw notFound(CITY_NOT_FOUND);
    assertManagesArea(actor, city.examAreaId);
    return city;
  }

  /** Refuses a name another city of the area already has (active or not). */
  function assertCityNameFree(cities: CityRow[], name: string, self?: number): void {
    const clash = cities.find((c) => c.name === name && c.id !== self);
    if (!clash) return;
    const hint = clash.active ? '' : '（已停用，如需使用请重新启用该地市）';
    throw conflict(`本考区已有名为“${name}”的报名地市${hint}，请换一个名称。`, {
      issues: [{ path: 'name', message: '名称已存在' }],
    });
  }

  async function setCityActive(actor: Actor, id: number, active: boolean) {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const before = await loadCity(trx, actor, id);
      if (before.active === active) {
        throw new AppError(
          'invalid_transition',
          active ? `“${before.name}”已是启用状态。` : `“${before.name}”已停用。`,
        );
      }
      const after = await repo.updateCity(trx, id, { active });
      await recordAuditEvent(trx, {
        occurredAt: now,
        actorAccountId: actor.accountId,
        examAreaId: after.examAreaId,
        action: active ? 'registration_city.activated' : 'registration_city.deactivated',
        entityType: 'registration_city',
        entityId: id,
        before: citySnapshot(before),
        after: citySnapshot(after),
        requestId: actor.requestId,
      });
      return after;
    });
  }

  return {
    /** Every exam (考试项目), for picking the exam of a new cycle. */
    listExams: async (): Promise<{ items: ExamView[] }> => ({ items: await repo.listExams(db) }),

    // --- exam areas -----------------------------------------------------------------------

    /** Adds an exam area (platform administrators); its calendar and rules are set up later. */
    async createExamArea(actor: Actor, input: CreateExamAreaRequest) {
      assertPlatformAdmin(actor);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const sameCode = await repo.findExamAreaByCode(trx, input.code);
        if (sameCode) {
          throw conflict(`考区代码 ${input.code} 已被“${sameCode.name}”使用，请核对代码。`, {
            issues: [{ path: 'code', message: '考区代码已存在' }],
          });
        }
        if (await repo.findExamAreaByName(trx, input.name)) {
          throw conflict(`已有名为“${input.name}”的考区，请核对名称。`, {
            issues: [{ path: 'name', message: '考区名称已存在' }],
          });
        }
        const area = await repo.insertExamArea(trx, { ...input, createdAt: now });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: area.id,
          action: 'exam_area.created',
          entityType: 'exam_area',
          entityId: area.id,
          after: areaSnapshot(area),
          requestId: actor.requestId,
        });
        return area;
      });
    },

    /** Renames an exam area (platform administrators); the code stays. */
    async updateExamArea(actor: Actor, id: number, input: UpdateExamAreaRequest) {
      assertPlatformAdmin(actor);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const before = await requireArea(trx, id, true);
        const clash = await repo.findExamAreaByName(trx, input.name);
        if (clash && clash.id !== id) {
          throw conflict(`已有名为“${input.name}”的考区，请换一个名称。`, {
            issues: [{ path: 'name', message: '考区名称已存在' }],
          });
        }
        const after = await repo.renameExamArea(trx, id, input.name);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: id,
          action: 'exam_area.updated',
          entityType: 'exam_area',
          entityId: id,
          before: areaSnapshot(before),
          after: areaSnapshot(after),
          requestId: actor.requestId,
        });
        return after;
      });
    },

    // --- registration cities --------------------------------------------------------------

    /** An area's registration cities in order, inactive ones included. */
    async listCities(actor: Actor, examAreaId: number): Promise<AdminRegistrationCityList> {
      assertManagesArea(actor, examAreaId);
      await requireArea(db, examAreaId);
      return { examAreaId, items: await repo.listCities(db, examAreaId) };
    },

    /** Adds a registration city at the end of the area's list. */
    async createCity(
      actor: Actor,
      examAreaId: number,
      input: CreateRegistrationCityRequest,
    ): Promise<AdminRegistrationCity> {
      assertManagesArea(actor, examAreaId);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        await requireArea(trx, examAreaId, true);
        const cities = await repo.listCities(trx, examAreaId);
        const sameCode = cities.find((c) => c.code === input.code);
        if (sameCode) {
          const hint = sameCode.active ? '' : '（已停用，如需使用请重新启用）';
          throw conflict(`代码 ${input.code} 已是本考区的报名地市“${sameCode.name}”${hint}。`, {
            issues: [{ path: 'code', message: '代码已存在' }],
          });
        }
        assertCityNameFree(cities, input.name);
        if (cities.length >= REGISTRATION_CITIES_MAX) {
          throw validationFailed(
            `每个考区最多设置 ${REGISTRATION_CITIES_MAX} 个报名地市，请停用或改名已有的地市。`,
            [{ path: 'code', message: '报名地市数量已达上限' }],
          );
        }
        const sortOrder = Math.max(0, ...cities.map((c) => c.sortOrder)) + 1;
        const city = await repo.insertCity(trx, { examAreaId, ...input, sortOrder, active: true });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId,
          action: 'registration_city.created',
          entityType: 'registration_city',
          entityId: city.id,
          after: citySnapshot(city),
          requestId: actor.requestId,
        });
        return city;
      });
    },

    /** Renames a registration city; the code stays. */
    async renameCity(
      actor: Actor,
      id: number,
      input: RenameRegistrationCityRequest,
    ): Promise<AdminRegistrationCity> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const before = await loadCity(trx, actor, id);
        await requireArea(trx, before.examAreaId, true);
        assertCityNameFree(await repo.listCities(trx, before.examAreaId), input.name, id);
        const after = await repo.updateCity(trx, id, { name: input.name });
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: after.examAreaId,
          action: 'registration_city.renamed',
          entityType: 'registration_city',
          entityId: id,
          before: citySnapshot(before),
          after: citySnapshot(after),
          requestId: actor.requestId,
        });
        return after;
      });
    },

    /** Takes a registration city out of use: candidates no longer see it; the row stays. */
    deactivateCity: (actor: Actor, id: number) => setCityActive(actor, id, false),

    /** Puts a registration city back into use. */
    activateCity: (actor: Actor, id: number) => setCityActive(actor, id, true),

    /** Puts an area's registration cities in a new order: every city of the area, once. */
    async reorderCities(
      actor: Actor,
      examAreaId: number,
      input: ReorderRegistrationCitiesRequest,
    ): Promise<AdminRegistrationCityList> {
      assertManagesArea(actor, examAreaId);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        await requireArea(trx, examAreaId, true);
        const before = await repo.listCities(trx, examAreaId);
        const known = new Set(before.map((c) => c.id));
        const issues = input.cityIds.flatMap((cityId, i) =>
          known.has(cityId) ? [] : [{ path: `cityIds.${i}`, message: '该报名地市不属于本考区' }],
        );
        if (issues.length === 0 && input.cityIds.length !== before.length) {
          issues.push({ path: 'cityIds', message: '须包含本考区的全部报名地市（含已停用的）' });
        }
        if (issues.length > 0) {
          throw validationFailed(
            '提交的顺序与本考区现有的报名地市不一致（可能已被他人修改），请刷新页面后重新排序。',
            issues,
          );
        }
        await repo.setCityOrder(trx, examAreaId, input.cityIds);
        const after = await repo.listCities(trx, examAreaId);
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId,
          action: 'registration_cities.reordered',
          entityType: 'exam_area',
          entityId: examAreaId,
          before: { order: before.map((c) => c.code) },
          after: { order: after.map((c) => c.code) },
          requestId: actor.requestId,
        });
        return { examAreaId, items: after };
      });
    },
  };
}
export type ExamAreaService = ReturnType<typeof createExamAreaService>;
