import { createHash } from 'node:crypto';
import {
  ELIGIBILITY_LABELS,
  formatRegistrationNumber,
  REGISTRATION_TRANSITIONS,
  type ChooseAreaRequest,
  type ChooseSpecialtyRequest,
  type CreateRegistrationRequest,
  type RegistrationChoices,
  type RegistrationInfoRequest,
  type RegistrationLookup,
  type RegistrationView,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import { AppError, conflict, notFound, validationFailed } from '../../lib/errors';
import { FileNotFoundError, newStorageKey } from '../../lib/storage';
import { recordAuditEvent } from '../audit';
import { loadCandidateProfile } from '../candidate-profile';
import * as catalog from './catalog-lookup.repository';
import { assertOneOpen } from './registration-calendar';
import { loadContext } from './registration-context';
import type { RegistrationDeps } from './registration-deps';
import {
  educationSnapshotSchema,
  toRegistrationView,
  type EducationSnapshot,
} from './registration-view';
import * as repo from './registrations.repository';
import { assertEditable, ENTITY, loadOwned, versionConflict } from './transitions';

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** The registration as the candidate reads it, from the given connection or transaction. */
export async function viewOf(db: Db, row: repo.RegistrationRow, now: Date) {
  return toRegistrationView(await loadContext(db, row), now);
}

/**
 * What a change of something the application form prints does once the form has been downloaded:
 * the form is to be downloaded again, and the stamped forms uploaded so far no longer count
 * (`formValidFrom` moves to the next download, see markFormDownloaded). Nothing before the first
 * download: nothing was printed yet.
 */
export function formReprint(
  row: Pick<repo.RegistrationRow, 'formDownloadedAt' | 'formValidFrom'>,
  now: Date,
): Pick<repo.RegistrationPatch, 'formDownloadedAt' | 'formValidFrom'> {
  if (row.formDownloadedAt === null && row.formValidFrom === null) return {};
  return { formDownloadedAt: null, formValidFrom: now };
}

/** The registration's info as the application form prints it (not the post, nor the index). */
function printedInfo(row: {
  employer: string | null;
  department: string | null;
  yearsInSpecialty: number | null;
  earlyApplicationClaim: string | null;
  returningFileNumber: string | null;
  education: EducationSnapshot | null;
}): string {
  const e = row.education;
  return JSON.stringify([
    row.employer,
    row.department,
    row.yearsInSpecialty,
    row.earlyApplicationClaim,
    row.returningFileNumber,
    e ? [e.level, e.mode, e.school, e.major, e.graduationDate] : null,
  ]);
}

/** A change of the registration's data (not its status), audited without personal values. */
interface EditResult {
  patch: repo.RegistrationPatch;
  before?: object;
  after?: object;
  /** Something the application form prints changed: it must be printed again (formReprint). */
  printedChanged?: boolean;
}

/**
 * The candidate's registration for an exam cycle (网上报名, R3): enter it, choose the area's city
 * and test site, the specialty, fill in the info, confirm the photo. Each use case acts on the
 * caller's own registration only, under its row lock, in one transaction with its audit event.
 */
export function createRegistrationService(deps: RegistrationDeps) {
  const { db, clock, storage } = deps;

  /**
   * Runs one change of a registration's data: the row locked, the edit gate (status and
   * calendar), the version the candidate read (when given), the change, the audit event.
   */
  async function edit(
    actor: Actor,
    id: number,
    options: { version?: number; action: string },
    apply: (trx: Db, row: repo.RegistrationRow, now: Date) => Promise<EditResult>,
  ): Promise<RegistrationView> {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const row = await loadOwned(trx, actor.accountId, id, { lock: true });
      const phases = await catalog.listPhases(trx, row);
      assertEditable(row, phases, now);
      if (options.version !== undefined && row.version !== options.version) {
        throw versionConflict();
      }
      const { patch, before, after, printedChanged } = await apply(trx, row, now);
      const reprint = printedChanged ? formReprint(row, now) : {};
      const reprinted = 'formValidFrom' in reprint;
      const updated = await repo.update(trx, row.id, row.version, {
        ...patch,
        ...reprint,
        updatedAt: now,
      });
      if (!updated) throw versionConflict();
      await recordAuditEvent(trx, {
        occurredAt: now,
        actorAccountId: actor.accountId,
        examAreaId: row.examAreaId,
        action: options.action,
        entityType: ENTITY,
        entityId: row.id,
        before: { version: row.version, ...before },
        after: { version: updated.version, ...after, ...(reprinted ? { formReprint: true } : {}) },
        requestId: actor.requestId,
      });
      return viewOf(trx, updated, now);
    });
  }

  return {
    /** The candidate's registration for a cycle, or null. */
    async findForCycle(actor: Actor, cycleId: number): Promise<RegistrationLookup> {
      const row = await repo.findByAccountAndCycle(db, actor.accountId, cycleId);
      return { registration: row ? await viewOf(db, row, clock.now()) : null };
    },

    async get(actor: Actor, id: number): Promise<RegistrationView> {
      return viewOf(db, await loadOwned(db, actor.accountId, id), clock.now());
    },

    /**
     * 进入网上报名: a draft for the cycle in the chosen area, with its registration number, while
     * the area's registration phase is open. One registration per candidate and cycle.
     */
    async create(actor: Actor, request: CreateRegistrationRequest): Promise<RegistrationView> {
      const now = clock.now();
      const cycle = await catalog.findCycle(db, request.cycleId);
      if (!cycle) throw notFound('未找到该考试年度，请返回首页重新选择。');
      const area = await catalog.findAreaByCode(db, request.examAreaCode);
      if (!area) {
        throw notFound(`未找到代码为 ${request.examAreaCode} 的考区，请重新选择考区。`);
      }
      const existingConflict = async () => {
        const existing = await repo.findByAccountAndCycle(db, actor.accountId, cycle.id);
        return existing
          ? conflict(
              `您已报名${cycle.name}（网报号 ${existing.registrationNumber}），每个考试年度只能报名一次。请继续完成该报名。`,
              { registrationId: existing.id, registrationNumber: existing.registrationNumber },
            )
          : null;
      };
      const existing = await existingConflict();
      if (existing) throw existing;
      const phases = await catalog.listPhases(db, { cycleId: cycle.id, examAreaId: area.id });
      assertOneOpen(REGISTRATION_TRANSITIONS.submit.phases, phases, now);
      try {
        return await db.transaction().execute(async (trx) => {
          const sequence = await repo.nextSequence(trx, area.id, cycle.id);
          const row = await repo.insert(trx, {
            accountId: actor.accountId,
            cycleId: cycle.id,
            examAreaId: area.id,
            registrationNumber: formatRegistrationNumber(area.code, cycle.year, sequence),
            createdAt: now,
            updatedAt: now,
          });
          await repo.insertEvent(trx, {
            registrationId: row.id,
            examAreaId: row.examAreaId,
            cycleId: row.cycleId,
            event: 'create',
            fromStatus: null,
            toStatus: row.status,
            actorAccountId: actor.accountId,
            actorKind: 'candidate',
            note: `报考${area.name}考区，网报号 ${row.registrationNumber}`,
            occurredAt: now,
          });
          await recordAuditEvent(trx, {
            occurredAt: now,
            actorAccountId: actor.accountId,
            examAreaId: area.id,
            action: 'registration.created',
            entityType: ENTITY,
            entityId: row.id,
            after: {
              cycleId: cycle.id,
              registrationNumber: row.registrationNumber,
              status: row.status,
              version: row.version,
            },
            requestId: actor.requestId,
          });
          return viewOf(trx, row, now);
        });
      } catch (error) {
        // Two entries at once: the unique (account, cycle) refused the second.
        if (isUniqueViolation(error)) throw (await existingConflict()) ?? error;
        throw error;
      }
    },

    /** The cities, test sites and specialties the registration's area offers, to choose from. */
    async choices(actor: Actor, id: number): Promise<RegistrationChoices> {
      const row = await loadOwned(db, actor.accountId, id);
      const ref = { cycleId: row.cycleId, examAreaId: row.examAreaId };
      const [area, cities, testSites, offerings, areas] = await Promise.all([
        catalog.findArea(db, row.examAreaId),
        catalog.listActiveCities(db, row.examAreaId),
        catalog.listActiveTestSites(db, row.examAreaId),
        catalog.listActiveOfferings(db, ref),
        catalog.listAreas(db),
      ]);
      return {
        examArea: area,
        cities,
        testSites,
        specialties: offerings.map((o) => ({
          code: o.code,
          name: o.name,
          level: o.level,
          levelLabel: ELIGIBILITY_LABELS.level[o.level],
          category: o.category,
          subjects: o.subjects,
          examMode: o.examMode,
          feePerSubjectFen: o.feePerSubjectFen,
        })),
        otherExamAreas: areas.filter((a) => a.id !== row.examAreaId),
      };
    },

    /** 报名地市 and 考点: both of the registration's area and in use. */
    chooseArea: (actor: Actor, id: number, request: ChooseAreaRequest) =>
      edit(
        actor,
        id,
        { version: request.version, action: 'registration.area_chosen' },
        async (trx, row) => {
          const [city, site] = await Promise.all([
            catalog.findCity(trx, request.cityId),
            catalog.findTestSite(trx, request.testSiteId),
          ]);
          if (!city || city.examAreaId !== row.examAreaId || !city.active) {
            throw validationFailed('所选报名地市不属于本考区或已停用，请在列表中重新选择。', [
              { path: 'cityId', message: '请在本考区的报名地市中选择' },
            ]);
          }
          if (!site || site.examAreaId !== row.examAreaId || !site.active) {
            throw validationFailed('所选考点不属于本考区或已停用，请在列表中重新选择。', [
              { path: 'testSiteId', message: '请在本考区的考点中选择' },
            ]);
          }
          return {
            patch: { cityId: city.id, testSiteId: site.id },
            before: { cityId: row.cityId, testSiteId: row.testSiteId },
            after: { cityId: city.id, testSiteId: site.id },
            printedChanged: row.cityId !== city.id || row.testSiteId !== site.id,
          };
        },
      ),

    /** 专业 and 级别: offered by the registration's area in its cycle. */
    chooseSpecialty: (actor: Actor, id: number, request: ChooseSpecialtyRequest) =>
      edit(
        actor,
        id,
        { version: request.version, action: 'registration.specialty_chosen' },
        async (trx, row) => {
          const offering = await catalog.findOfferingByCode(trx, {
            cycleId: row.cycleId,
            examAreaId: row.examAreaId,
            specialtyCode: request.specialtyCode,
          });
          if (!offering || !offering.active) {
            const area = await catalog.findArea(trx, row.examAreaId);
            throw validationFailed(
              `${area.name}考区本年度未开考专业代码为 ${request.specialtyCode} 的专业，请在专业列表中重新选择。`,
              [{ path: 'specialtyCode', message: '本考区本年度未开考该专业' }],
            );
          }
          const previous =
            row.areaOfferingId === null
              ? null
              : await catalog.findOffering(trx, row.areaOfferingId);
          return {
            patch: { areaOfferingId: offering.id },
            before: { specialtyCode: previous?.code ?? null },
            after: { specialtyCode: offering.code },
            printedChanged: row.areaOfferingId !== offering.id,
          };
        },
      ),

    /** 填写报名信息: employer, department, post, years, the education used, claims. */
    saveInfo: (actor: Actor, id: number, request: RegistrationInfoRequest) =>
      edit(
        actor,
        id,
        { version: request.version, action: 'registration.info_saved' },
        async (trx, row, now) => {
          const { data } = await loadCandidateProfile(trx, row.accountId);
          const record = data.education?.[request.educationIndex];
          if (!record) {
            throw validationFailed(
              '所选学历不存在。请先在“个人中心 → 基本信息 → 学历学位”中填写学历，再选择报考所用学历。',
              [{ path: 'educationIndex', message: '请在已填写的学历中选择' }],
            );
          }
          const education: EducationSnapshot = {
            index: request.educationIndex,
            level: record.level,
            mode: record.mode,
            school: record.school,
            major: record.major,
            graduationDate: record.graduationDate,
            withDegree: record.withDegree,
            foreign: record.foreign,
          };
          const patch: repo.RegistrationPatch = {
            employer: request.employer,
            department: request.department,
            post: request.post,
            yearsInSpecialty: request.yearsInSpecialty,
            educationIndex: request.educationIndex,
            educationSnapshot: JSON.stringify(education),
            earlyApplicationClaim: request.earlyApplicationClaim,
            returningFileNumber: request.returningFileNumber ?? null,
            infoSavedAt: now,
          };
          const fields = (
            [
              'employer',
              'department',
              'post',
              'yearsInSpecialty',
              'educationIndex',
              'earlyApplicationClaim',
              'returningFileNumber',
            ] as const
          ).filter((key) => row[key] !== patch[key]);
          const saved = row.educationSnapshot
            ? educationSnapshotSchema.parse(row.educationSnapshot)
            : null;
          return {
            patch,
            before: { infoSaved: row.infoSavedAt !== null },
            after: { infoSaved: true, changedFields: fields },
            printedChanged:
              printedInfo({ ...row, education: saved }) !==
              printedInfo({
                ...request,
                returningFileNumber: patch.returningFileNumber ?? null,
                education,
              }),
          };
        },
      ),

    /**
     * 确认报名照片: copies the current base photo as the registration's photo. The copy is stored
     * first; the previous registration photo is removed once the change is committed.
     */
    async confirmPhoto(actor: Actor, id: number): Promise<RegistrationView> {
      const now = clock.now();
      const row = await loadOwned(db, actor.accountId, id);
      assertEditable(row, await catalog.listPhases(db, row), now);
      const { data } = await loadCandidateProfile(db, actor.accountId);
      const noPhoto = () =>
        validationFailed(
          '您尚未上传基本照片。请先到“个人中心 → 照片”上传符合要求的基本照片，再确认报名照片。',
          [{ path: 'photo', message: '请先上传基本照片' }],
        );
      if (!data.hasPhoto) throw noPhoto();
      let jpeg: Buffer;
      try {
        jpeg = await deps.candidateProfile.getPhoto(actor);
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found') throw noPhoto();
        throw error;
      }
      const sha256 = createHash('sha256').update(jpeg).digest('hex');
      const storageKey = newStorageKey('registration-photos', now);
      await storage.put(storageKey, jpeg);
      const replaced: { key: string | null } = { key: null };
      try {
        const view = await edit(
          actor,
          id,
          { action: 'registration.photo_confirmed' },
          async (_trx, locked, at) => {
            replaced.key = locked.photoStorageKey;
            return {
              patch: { photoStorageKey: storageKey, photoSha256: sha256, photoConfirmedAt: at },
              before: { photoConfirmed: locked.photoConfirmedAt !== null },
              after: { photoConfirmed: true, sizeBytes: jpeg.length },
              printedChanged: locked.photoSha256 !== sha256,
            };
          },
        );
        if (replaced.key !== null) await storage.delete(replaced.key).catch(() => undefined);
        return view;
      } catch (error) {
        await storage.delete(storageKey);
        throw error;
      }
    },

    /** The registration photo (JPEG). */
    async photo(actor: Actor, id: number): Promise<Buffer> {
      const row = await loadOwned(db, actor.accountId, id);
      if (!row.photoStorageKey) throw notFound('尚未确认报名照片，请先确认报名照片。');
      try {
        return await storage.get(row.photoStorageKey);
      } catch (error) {
        if (error instanceof FileNotFoundError) {
          throw notFound('报名照片文件不存在，请重新确认报名照片。');
        }
        throw error;
      }
    },
  };
}
export type RegistrationService = ReturnType<typeof createRegistrationService>;
