import { randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { expect } from 'vitest';
import type {
  CandidateProfileView,
  PhaseKind,
  ProfileSectionKey,
  RegistrationChoices,
  RegistrationLookup,
  RegistrationStatus,
  RegistrationView,
} from '@hqe/core';
import type { LightMyRequestResponse } from 'fastify';
import type { Actor } from '../src/lib/actor';
import {
  createInAppChannel,
  createNotificationService,
  createTodoService,
} from '../src/modules/notifications';
import {
  createRegistrationDecisions,
  type ConfirmationDecisionInput,
} from '../src/modules/registrations';
import { SECTION_PATHS, VALID_SECTIONS } from './candidate-profile-fixtures';
import { createAccount, createCandidate, examAreaId } from './factories';
import { portrait } from './photo-images';
import { TestClient, type TestContext } from './test-app';

/*
 * Test support for online registration (issue #5), for this module's tests and the next engineers'
 * (review console, payment): a candidate ready to register, a registration filled in step by step,
 * a second exam area, and the calendar set per test.
 */

/** The specialty the ready candidate (a doctor, 医师 since 2017) is eligible for: 中级 内科学. */
export const ELIGIBLE_SPECIALTY = '303';

export interface ReadyCandidate {
  client: TestClient;
  accountId: number;
  username: string;
  password: string;
  documentNumber: string;
  /** The demonstration cycle: every phase of Shanghai (31) open at TEST_NOW. */
  cycleId: number;
  examAreaCode: string;
}

/** The demonstration cycle the reference data seeds (its phases are open at TEST_NOW). */
export async function demoCycleId(ctx: TestContext): Promise<number> {
  const cycle = await ctx.db
    .selectFrom('cycles')
    .select('id')
    .where('name', 'like', '%（演示）')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return cycle.id;
}

/**
 * A signed-up candidate, logged in, with complete basic information (a non-local doctor working in
 * Shanghai, VALID_SECTIONS) and a base photo, in an area that offers every specialty in the
 * demonstration cycle. Everything goes through the API, as a candidate would do it.
 */
export async function createRegistrationReady(ctx: TestContext): Promise<ReadyCandidate> {
  const candidate = await createCandidate(ctx.db);
  const client = new TestClient(ctx.app);
  const login = await client.login(candidate.username, candidate.password);
  expect(login.statusCode, login.body).toBe(200);
  let version = (await client.get('/api/candidate/profile')).json<CandidateProfileView>().version;
  for (const key of Object.keys(VALID_SECTIONS) as ProfileSectionKey[]) {
    const saved = await client.request('PUT', SECTION_PATHS[key], {
      body: { version, data: VALID_SECTIONS[key] },
    });
    expect(saved.statusCode, `${key}: ${saved.body}`).toBe(200);
    version = saved.json<CandidateProfileView>().version;
  }
  const photo = await client.post('/api/candidate/profile/photo', {
    contentBase64: (await portrait(330, 462)).toString('base64'),
  });
  expect(photo.statusCode, photo.body).toBe(201);
  return {
    client,
    accountId: candidate.accountId,
    username: candidate.username,
    password: candidate.password,
    documentNumber: candidate.documentNumber,
    cycleId: await demoCycleId(ctx),
    examAreaCode: '31',
  };
}

/** Asserts the status code, showing the body when it differs. */
export function expectStatus(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  return response;
}

/** The error of an API response. */
export function errorOf(response: LightMyRequestResponse) {
  return response.json<{
    error: { code: string; message: string; details?: Record<string, unknown> };
  }>().error;
}

/** POST /api/registrations for the ready candidate's cycle and area: the new draft. */
export async function startRegistration(
  ready: ReadyCandidate,
  examAreaCode = ready.examAreaCode,
): Promise<RegistrationView> {
  const response = await ready.client.post('/api/registrations', {
    cycleId: ready.cycleId,
    examAreaCode,
  });
  return expectStatus(response, 201).json<RegistrationView>();
}

export const getRegistration = async (client: TestClient, id: number) =>
  expectStatus(await client.get(`/api/registrations/${id}`), 200).json<RegistrationView>();

export const findRegistration = async (client: TestClient, cycleId: number) =>
  expectStatus(
    await client.get(`/api/registrations?cycleId=${cycleId}`),
    200,
  ).json<RegistrationLookup>().registration;

export const choicesOf = async (client: TestClient, id: number) =>
  expectStatus(
    await client.get(`/api/registrations/${id}/choices`),
    200,
  ).json<RegistrationChoices>();

/** The info the ready candidate fills in (VALID_SECTIONS' employer and education). */
export const VALID_INFO = {
  employer: '上海市第一人民医院',
  department: '内科',
  post: '住院医师',
  yearsInSpecialty: 9,
  educationIndex: 0,
  earlyApplicationClaim: 'none',
} as const;

/** A JPEG scan of a page (a few lines on white), big enough to be read. */
export async function scanJpeg(label = '材料'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1100">
    <rect width="800" height="1100" fill="#ffffff"/>
    <text x="60" y="120" font-size="48" fill="#000">${label.replace(/[<&>]/g, '')}</text>
    <rect x="60" y="200" width="680" height="8" fill="#333"/>
    <rect x="60" y="260" width="520" height="8" fill="#333"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** A small real PDF of `pages` pages. */
export function smallPdf(pages = 1): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (let i = 0; i < pages; i++) {
      if (i > 0) doc.addPage();
      doc.text(`page ${i + 1}`);
    }
    doc.end();
  });
}

/** Uploads a file into a slot. */
export function uploadMaterial(
  client: TestClient,
  id: number,
  slotKey: string,
  bytes: Buffer,
  fileName = 'scan.jpg',
) {
  return client.post(`/api/registrations/${id}/materials/${slotKey}`, {
    fileName,
    contentBase64: bytes.toString('base64'),
  });
}

/**
 * Walks a draft through every step up to 提交: city and test site, specialty, info, photo, the
 * form, and one file in every required slot. Returns the registration, ready to submit.
 */
export async function fillRegistration(
  ready: ReadyCandidate,
  registration: RegistrationView,
  options: { specialtyCode?: string } = {},
): Promise<RegistrationView> {
  const { client } = ready;
  const id = registration.id;
  const choices = await choicesOf(client, id);
  const [city] = choices.cities;
  const [site] = choices.testSites;
  if (!city || !site) throw new Error('the area has no city or test site');
  let view = expectStatus(
    await client.request('PUT', `/api/registrations/${id}/area`, {
      body: { version: registration.version, cityId: city.id, testSiteId: site.id },
    }),
    200,
  ).json<RegistrationView>();
  view = expectStatus(
    await client.request('PUT', `/api/registrations/${id}/specialty`, {
      body: { version: view.version, specialtyCode: options.specialtyCode ?? ELIGIBLE_SPECIALTY },
    }),
    200,
  ).json<RegistrationView>();
  expectStatus(
    await client.request('PUT', `/api/registrations/${id}/info`, {
      body: { version: view.version, ...VALID_INFO },
    }),
    200,
  );
  expectStatus(await client.post(`/api/registrations/${id}/photo-confirmation`), 200);
  expectStatus(await client.get(`/api/registrations/${id}/application-form.pdf`), 200);
  view = await getRegistration(client, id);
  for (const slot of view.materialSlots.filter((s) => s.required && s.files.length === 0)) {
    expectStatus(await uploadMaterial(client, id, slot.key, await scanJpeg(slot.key)), 201);
  }
  return getRegistration(client, id);
}

/** Submits with a fresh (or the given) idempotency key. */
export function submit(client: TestClient, id: number, key: string = randomUUID()) {
  return client.post(
    `/api/registrations/${id}/submit`,
    {},
    { headers: { 'idempotency-key': key } },
  );
}

/**
 * Sets one phase of an area's calendar for a cycle (replacing it), e.g. to close registration:
 * `setPhase(ctx, cycleId, '31', 'registration', past, past)`.
 */
export async function setPhase(
  ctx: TestContext,
  cycleId: number,
  areaCode: string,
  kind: PhaseKind,
  startsAt: Date | string,
  endsAt: Date | string,
): Promise<void> {
  const areaId = await examAreaId(ctx.db, areaCode);
  await ctx.db
    .deleteFrom('cyclePhases')
    .where('cycleId', '=', cycleId)
    .where('examAreaId', '=', areaId)
    .where('kind', '=', kind)
    .execute();
  await ctx.db
    .insertInto('cyclePhases')
    .values({
      cycleId,
      examAreaId: areaId,
      kind,
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
    })
    .execute();
}

/**
 * A second exam area (default 32) for a cycle: its own calendar copied from Shanghai's (open at
 * TEST_NOW), two cities, one test site, and the given specialties offered (default: all).
 */
export async function createOtherArea(
  ctx: TestContext,
  cycleId: number,
  options: { code?: string; name?: string; specialtyCodes?: string[] } = {},
): Promise<{ id: number; code: string }> {
  const code = options.code ?? '32';
  const now = ctx.clock.now();
  const id = await examAreaId(ctx.db, code);
  await ctx.db
    .updateTable('examAreas')
    .set({ name: options.name ?? '江苏' })
    .where('id', '=', id)
    .execute();
  const shanghai = await examAreaId(ctx.db, '31');
  const phases = await ctx.db
    .selectFrom('cyclePhases')
    .select(['kind', 'startsAt', 'endsAt'])
    .where('cycleId', '=', cycleId)
    .where('examAreaId', '=', shanghai)
    .execute();
  await ctx.db
    .insertInto('cyclePhases')
    .values(phases.map((p) => ({ ...p, cycleId, examAreaId: id })))
    .execute();
  await ctx.db
    .insertInto('examAreaCities')
    .values([
      { examAreaId: id, code: `${code}01`, name: '南京市', sortOrder: 1 },
      { examAreaId: id, code: `${code}02`, name: '苏州市', sortOrder: 2 },
    ])
    .execute();
  await ctx.db
    .insertInto('testSites')
    .values({
      examAreaId: id,
      code: `${code}01`,
      name: '演示考点（南京）',
      address: '演示数据',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const cycle = await ctx.db
    .selectFrom('cycles')
    .select('examId')
    .where('id', '=', cycleId)
    .executeTakeFirstOrThrow();
  let specialties = ctx.db
    .selectFrom('specialties')
    .select('id')
    .where('examId', '=', cycle.examId);
  if (options.specialtyCodes) specialties = specialties.where('code', 'in', options.specialtyCodes);
  const rows = await specialties.execute();
  if (rows.length > 0) {
    await ctx.db
      .insertInto('areaOfferings')
      .values(
        rows.map((s) => ({
          cycleId,
          examAreaId: id,
          specialtyId: s.id,
          feePerSubjectFen: 5000,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
  }
  return { id, code };
}

/** The timeline events of a registration, straight from the table. */
export async function eventsOf(ctx: TestContext, registrationId: number) {
  return ctx.db
    .selectFrom('registrationEvents')
    .select(['event', 'fromStatus', 'toStatus', 'actorKind'])
    .where('registrationId', '=', registrationId)
    .orderBy('id')
    .execute();
}

/** A confirmation reviewer of an area, as the actor the review console passes to decisions. */
export async function reviewerOf(ctx: TestContext, areaCode = '31'): Promise<Actor> {
  const account = await createAccount(ctx.db, { roles: ['confirmation_reviewer'], areaCode });
  return {
    accountId: account.id,
    username: account.username,
    roles: account.roles,
    examAreaId: account.examAreaId,
    requestId: `test-${randomUUID()}`,
  };
}

/** The review console's decisions, wired as buildApp() wires them (in-app notifications). */
export function decisionsFor(ctx: TestContext) {
  return createRegistrationDecisions({
    clock: ctx.clock,
    notifications: createNotificationService({
      db: ctx.db,
      clock: ctx.clock,
      channels: [createInAppChannel(ctx.clock)],
    }),
    todos: createTodoService({ db: ctx.db, clock: ctx.clock }),
  });
}

/**
 * Runs one confirmation decision in its own transaction, as the review console does; without a
 * `version`, on the registration's current one, read under the row lock (a reviewer who has just
 * read it: a racing change then meets the lifecycle's refusal, not a stale version).
 */
export function decide(
  ctx: TestContext,
  input: Omit<ConfirmationDecisionInput, 'reasons' | 'version'> & {
    reasons?: ConfirmationDecisionInput['reasons'];
    version?: number;
  },
) {
  const decisions = decisionsFor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const version =
      input.version ??
      (
        await trx
          .selectFrom('registrations')
          .select('version')
          .where('id', '=', input.registrationId)
          .forUpdate()
          .executeTakeFirst()
      )?.version ??
      1;
    return decisions.decideConfirmation(trx, { reasons: [], ...input, version });
  });
}

/** A return reason as the review console sends it. */
export const EDUCATION_MISMATCH = {
  code: 'education_mismatch',
  label: '学历不符',
  explanation: '所学专业与报考专业不一致，请上传相关专业的学历证书。',
} as const;

let inserted = 0;
/**
 * A registration put straight into the database in a given status (no steps, no files): for tests
 * of races and deadlines, where only the status matters. Prefer the API helpers otherwise.
 */
export async function insertRegistration(
  ctx: TestContext,
  options: { accountId: number; cycleId: number; areaCode?: string; status: RegistrationStatus },
): Promise<number> {
  inserted += 1;
  const areaId = await examAreaId(ctx.db, options.areaCode ?? '31');
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('registrations')
    .values({
      accountId: options.accountId,
      cycleId: options.cycleId,
      examAreaId: areaId,
      registrationNumber: `${options.areaCode ?? '31'}2027${String(90_000_000 + inserted)}`,
      status: options.status,
      submittedAt: options.status === 'draft' ? null : now,
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
