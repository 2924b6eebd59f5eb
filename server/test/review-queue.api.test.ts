import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REGISTRATION_STATUS_LABELS,
  type RegistrationView,
  type ReviewQueueItem,
  type ReviewQueuePage,
} from '@hqe/core';
import { createFieldCrypto, maskDocumentNumber } from '../src/lib/field-crypto';
import { listQueueQuery, resolveQueueFilters, resolveQueueSearch } from '../src/modules/review';
import { createAccount, createCandidate, STRONG_PASSWORD, uniqueResidentId } from './factories';
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
import { areaReferences, insertQueuedRegistration, loggedInOne } from './support-review-queue';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * GET /api/review/queue (issue #6): the registrations of the reviewer's area waiting in a stage,
 * oldest first, filtered and searched, keyset-paginated, document numbers masked; scoped to the
 * area and the roles.
 */

let ctx: TestContext;
let cycleId: number;
let refs: Awaited<ReturnType<typeof areaReferences>>;
let reviewer: TestClient;
let qualificationReviewer: TestClient;
let areaAdmin: TestClient;

type Seeded = Awaited<ReturnType<typeof insertQueuedRegistration>>;
const seeded: Record<string, Seeded> = {};
/** Every submitted registration of area 31, in queue order (queuedAt, id). */
const submittedInOrder: number[] = [];
let otherArea: Seeded;
const T0 = new Date('2026-11-10T01:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

async function queue(client: TestClient, query: string) {
  const response = await client.get(`/api/review/queue?${query}`);
  return expectStatus(response, 200).json<ReviewQueuePage>();
}
const ids = (page: ReviewQueuePage) => page.items.map((i) => i.registrationId);

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  refs = await areaReferences(ctx, cycleId);
  const [city1, city2] = refs.cities;
  const [site1, site2] = refs.testSites;
  if (!city1 || !city2 || !site1 || !site2) throw new Error('area 31 lacks cities or test sites');
  const internal = refs.offering('303');
  const nursing = refs.offering('203');
  expect(internal.level).not.toBe(nursing.level);

  const add = async (key: string, options: Parameters<typeof insertQueuedRegistration>[1]) => {
    seeded[key] = await insertQueuedRegistration(ctx, options);
    return seeded[key];
  };
  // The named ones, each with its own queue time.
  await add('wang', {
    cycleId,
    name: '王小明',
    cityId: city1.id,
    testSiteId: site1.id,
    areaOfferingId: internal.id,
    queuedAt: minutes(1),
    submittedAt: minutes(1),
  });
  await add('wangFailed', {
    cycleId,
    name: '王大力',
    cityId: city2.id,
    testSiteId: site2.id,
    areaOfferingId: internal.id,
    auto: 'failed',
    queuedAt: minutes(2),
    submittedAt: minutes(2),
  });
  await add('li', {
    cycleId,
    name: '李娜',
    cityId: city1.id,
    testSiteId: site2.id,
    areaOfferingId: nursing.id,
    queuedAt: minutes(3),
    submittedAt: minutes(3),
  });
  await add('zhangResubmitted', {
    cycleId,
    name: '张伟',
    cityId: city2.id,
    testSiteId: site1.id,
    areaOfferingId: nursing.id,
    resubmitted: true,
    queuedAt: minutes(4),
    submittedAt: minutes(-60 * 24),
  });
  // Five with the very same queue time: the id breaks the tie, pages never skip or repeat one.
  for (let i = 0; i < 5; i++) {
    await add(`tie${i}`, {
      cycleId,
      name: `赵${'一二三四五'[i]}`,
      cityId: city1.id,
      testSiteId: site1.id,
      areaOfferingId: internal.id,
      queuedAt: minutes(10),
      submittedAt: minutes(10),
    });
  }
  for (let i = 0; i < 14; i++) {
    await add(`more${i}`, {
      cycleId,
      name: `孙${i}`,
      cityId: (i % 2 === 0 ? city1 : city2).id,
      testSiteId: site1.id,
      areaOfferingId: (i % 3 === 0 ? nursing : internal).id,
      queuedAt: minutes(20 + (i % 4)),
      submittedAt: minutes(20 + (i % 4)),
    });
  }
  // Not in the confirmation queue: confirmed (qualification queue), returned.
  await add('confirmed', {
    cycleId,
    name: '周杰',
    status: 'confirmed',
    cityId: city1.id,
    testSiteId: site1.id,
    areaOfferingId: internal.id,
    auto: 'passed',
    queuedAt: minutes(30),
  });
  await add('returned', { cycleId, name: '吴敏', status: 'returned', queuedAt: minutes(5) });

  const rows = await ctx.db
    .selectFrom('registrations')
    .select('id')
    .where('status', '=', 'submitted')
    .where('examAreaId', '=', refs.areaId)
    .orderBy('queuedAt')
    .orderBy('id')
    .execute();
  submittedInOrder.push(...rows.map((r) => r.id));

  // Another area with a registration of its own.
  await createOtherArea(ctx, cycleId);
  otherArea = await insertQueuedRegistration(ctx, {
    cycleId,
    areaCode: '32',
    name: '王外区',
    queuedAt: minutes(0),
  });

  reviewer = (await loggedInOne(ctx, { roles: ['confirmation_reviewer'] })).client;
  qualificationReviewer = (await loggedInOne(ctx, { roles: ['qualification_reviewer'] })).client;
  areaAdmin = (await loggedInOne(ctx, { roles: ['area_admin'] })).client;
});
afterAll(() => ctx.close());

describe('the confirmation queue', () => {
  it('when a reviewer opens it, then the submitted registrations of the area come oldest first with their details, and the total', async () => {
    const page = await queue(reviewer, `stage=confirmation&cycleId=${cycleId}&limit=3`);
    expect(page.total).toBe(submittedInOrder.length);
    expect(ids(page)).toEqual(submittedInOrder.slice(0, 3));
    const wang = seeded.wang!;
    expect(page.items[0]).toEqual<ReviewQueueItem>({
      registrationId: wang.id,
      registrationNumber: wang.registrationNumber,
      version: 1,
      status: 'submitted',
      statusLabel: '待确认',
      candidateName: '王小明',
      documentNumberMasked: maskDocumentNumber(wang.documentNumber),
      specialtyCode: '303',
      specialtyName: refs.offering('303').name,
      levelLabel: '中级',
      cityName: refs.cities[0]!.name,
      testSiteName: refs.testSites[0]!.name,
      returning: false,
      autoFailed: false,
      resubmitted: false,
      submittedAt: minutes(1).toISOString(),
      queuedAt: minutes(1).toISOString(),
      claim: null,
    });
    expect(page.items[1]).toMatchObject({
      candidateName: '王大力',
      returning: true,
      autoFailed: true,
    });
    expect(page.items[2]).toMatchObject({ candidateName: '李娜', specialtyCode: '203' });
    expect(page.items[2]?.levelLabel).not.toBe('中级');
    expect(typeof page.nextCursor).toBe('string');
  });

  it('when listing, then document numbers are masked and never sent in full', async () => {
    const response = await reviewer.get(
      `/api/review/queue?stage=confirmation&cycleId=${cycleId}&limit=200`,
    );
    expectStatus(response, 200);
    const page = response.json<ReviewQueuePage>();
    for (const item of page.items) {
      expect(item.documentNumberMasked).toMatch(/^[0-9]{4}\*{10}[0-9X]{4}$/);
    }
    for (const s of Object.values(seeded)) expect(response.body).not.toContain(s.documentNumber);
  });

  it('when paging through with the cursor, then every registration comes exactly once, in order, ties broken by id', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ReviewQueuePage = await queue(
        reviewer,
        `stage=confirmation&cycleId=${cycleId}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.total).toBe(submittedInOrder.length);
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(seen).toEqual(submittedInOrder);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(submittedInOrder.length / 4));
  });

  it('when the last page is exactly full, then its nextCursor is null', async () => {
    const page = await queue(
      reviewer,
      `stage=confirmation&cycleId=${cycleId}&limit=${submittedInOrder.length}`,
    );
    expect(page.items).toHaveLength(submittedInOrder.length);
    expect(page.nextCursor).toBeNull();
  });

  it('when the cursor is not one the server gave, then 400 validation_failed says to start again', async () => {
    const forged = Buffer.from(JSON.stringify({ t: 'yesterday', i: 1 })).toString('base64url');
    const extra = Buffer.from(JSON.stringify({ t: null, i: 1, x: 1 })).toString('base64url');
    for (const cursor of ['not a cursor!', 'Zm9v', forged, extra, 'e30']) {
      const response = await reviewer.get(
        `/api/review/queue?stage=confirmation&cycleId=${cycleId}&cursor=${encodeURIComponent(cursor)}`,
      );
      expectStatus(response, 400);
      expect(errorOf(response).code).toBe('validation_failed');
      expect(errorOf(response).message).toContain('第一页');
    }
  });
});

describe('filters', () => {
  const base = () => `stage=confirmation&cycleId=${cycleId}&limit=200`;
  const expectSame = (page: ReviewQueuePage, expected: number[]) => {
    expect(ids(page)).toEqual(submittedInOrder.filter((id) => expected.includes(id)));
    expect(page.total).toBe(expected.length);
  };
  const where = async (
    sqlFilter: (r: {
      cityId: number | null;
      testSiteId: number | null;
      areaOfferingId: number | null;
      autoConfirmation: unknown;
      submittedAt: Date | null;
    }) => boolean,
  ) => {
    const rows = await ctx.db
      .selectFrom('registrations')
      .select(['id', 'cityId', 'testSiteId', 'areaOfferingId', 'autoConfirmation', 'submittedAt'])
      .where('status', '=', 'submitted')
      .where('examAreaId', '=', refs.areaId)
      .execute();
    return rows.filter(sqlFilter).map((r) => r.id);
  };

  it('when filtering by city and specialty together, then only those match', async () => {
    const city = refs.cities[0]!;
    const page = await queue(reviewer, `${base()}&cityId=${city.id}&specialtyCode=303`);
    const expected = await where(
      (r) => r.cityId === city.id && r.areaOfferingId === refs.offering('303').id,
    );
    expect(expected.length).toBeGreaterThan(2);
    expectSame(page, expected);
  });

  it('when filtering by test site, level, returning and auto-failed, then each narrows the list', async () => {
    const site = refs.testSites[1]!;
    expectSame(
      await queue(reviewer, `${base()}&testSiteId=${site.id}`),
      await where((r) => r.testSiteId === site.id),
    );
    const nursing = refs.offering('203');
    expectSame(
      await queue(reviewer, `${base()}&level=${nursing.level}`),
      await where((r) => r.areaOfferingId === nursing.id),
    );
    expectSame(await queue(reviewer, `${base()}&returning=true`), [seeded.wangFailed!.id]);
    expectSame(await queue(reviewer, `${base()}&autoFailed=true`), [seeded.wangFailed!.id]);
    expectSame(
      await queue(reviewer, `${base()}&autoFailed=false`),
      submittedInOrder.filter((id) => id !== seeded.wangFailed!.id),
    );
    expectSame(
      await queue(reviewer, `${base()}&returning=false`),
      submittedInOrder.filter((id) => id !== seeded.wangFailed!.id),
    );
  });

  it('when filtering by submission time, then from is inclusive and to exclusive; an empty range is refused', async () => {
    const from = encodeURIComponent(minutes(2).toISOString());
    const to = encodeURIComponent(minutes(10).toISOString());
    expectSame(await queue(reviewer, `${base()}&submittedFrom=${from}&submittedTo=${to}`), [
      seeded.wangFailed!.id,
      seeded.li!.id,
    ]);
    // A resubmission keeps its first submission time.
    const dayBefore = encodeURIComponent(minutes(-60 * 24).toISOString());
    expectSame(
      await queue(
        reviewer,
        `${base()}&submittedTo=${encodeURIComponent(minutes(0).toISOString())}`,
      ),
      [seeded.zhangResubmitted!.id],
    );
    const refused = await reviewer.get(
      `/api/review/queue?${base()}&submittedFrom=${to}&submittedTo=${dayBefore}`,
    );
    expectStatus(refused, 400);
    expect(errorOf(refused).message).toContain('开始时间须早于结束时间');
  });

  it('when a specialty is not offered in the area, then nothing matches', async () => {
    expectSame(await queue(reviewer, `${base()}&specialtyCode=999`), []);
  });

  it('when asking for another status, then that status is listed (returned); the qualification queue defaults to confirmed', async () => {
    const returned = await queue(reviewer, `stage=confirmation&cycleId=${cycleId}&status=returned`);
    expect(ids(returned)).toEqual([seeded.returned!.id]);
    const qualification = await queue(
      qualificationReviewer,
      `stage=qualification&cycleId=${cycleId}`,
    );
    expect(ids(qualification)).toEqual([seeded.confirmed!.id]);
    expect(qualification.items[0]).toMatchObject({
      status: 'confirmed',
      statusLabel: REGISTRATION_STATUS_LABELS.confirmed,
      returning: true,
      autoFailed: false,
    });
  });

  it('when asking for a status outside the stage, then 400 validation_failed naming the stage’s statuses; the stage’s own statuses are listed', async () => {
    const refusals: [TestClient, string][] = [
      // A confirmation reviewer does not page through qualification results …
      [reviewer, 'stage=confirmation&status=qualified'],
      [reviewer, 'stage=confirmation&status=disqualified'],
      [reviewer, 'stage=confirmation&status=supplement_requested'],
      // … nobody lists drafts, in either queue …
      [reviewer, 'stage=confirmation&status=draft'],
      [qualificationReviewer, 'stage=qualification&status=draft'],
      // … and the qualification queue holds no confirmation-stage statuses.
      [qualificationReviewer, 'stage=qualification&status=returned'],
      [areaAdmin, 'stage=qualification&status=submitted'],
    ];
    for (const [client, query] of refusals) {
      const response = await client.get(`/api/review/queue?cycleId=${cycleId}&${query}`);
      expectStatus(response, 400);
      expect(errorOf(response)).toMatchObject({
        code: 'validation_failed',
        details: { issues: [expect.objectContaining({ path: 'status' })] },
      });
    }
    const refused = await reviewer.get(
      `/api/review/queue?cycleId=${cycleId}&stage=confirmation&status=qualified`,
    );
    expect(errorOf(refused).message).toContain('报名确认队列只能按');
    expect(errorOf(refused).message).toContain('“确认不通过”');

    // Within the stage: confirmed (passed confirmation) for the confirmation reviewer;
    // 资格审核通过 / 不通过 for the qualification reviewer and the area administrator.
    const confirmed = await queue(
      reviewer,
      `stage=confirmation&cycleId=${cycleId}&status=confirmed`,
    );
    expect(ids(confirmed)).toEqual([seeded.confirmed!.id]);
    for (const client of [qualificationReviewer, areaAdmin]) {
      for (const status of ['qualified', 'disqualified', 'supplement_requested', 'paid']) {
        await queue(client, `stage=qualification&cycleId=${cycleId}&status=${status}`);
      }
    }
  });

  it('when a registration was returned and resubmitted, then it is marked resubmitted', async () => {
    const page = await queue(reviewer, base());
    const flagged = page.items.filter((i) => i.resubmitted).map((i) => i.registrationId);
    expect(flagged).toEqual([seeded.zhangResubmitted!.id]);
  });

  it('when a filter is malformed or unknown, then 400 validation_failed', async () => {
    for (const query of [
      `cycleId=${cycleId}`,
      `stage=payment&cycleId=${cycleId}`,
      `stage=confirmation&cycleId=${cycleId}&level=senior`,
      `stage=confirmation&cycleId=${cycleId}&returning=yes`,
      `stage=confirmation&cycleId=${cycleId}&limit=500`,
      `stage=confirmation&cycleId=${cycleId}&sort=name`,
      `stage=confirmation&cycleId=${cycleId}&q=${'x'.repeat(41)}`,
    ]) {
      const response = await reviewer.get(`/api/review/queue?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(errorOf(response).code).toBe('validation_failed');
    }
  });
});

describe('search', () => {
  const base = () => `stage=confirmation&cycleId=${cycleId}&limit=200`;
  const search = (q: string) => queue(reviewer, `${base()}&q=${encodeURIComponent(q)}`);

  it('when searching a full 网报号, then exactly that registration', async () => {
    const li = seeded.li!;
    const page = await search(li.registrationNumber);
    expect(ids(page)).toEqual([li.id]);
    expect(page.total).toBe(1);
  });

  it('when searching the beginning of a 网报号, then every registration whose number starts so', async () => {
    const prefix = seeded.wang!.registrationNumber.slice(0, 12);
    const page = await search(prefix);
    const expected = (
      await ctx.db
        .selectFrom('registrations')
        .select(['id', 'registrationNumber'])
        .where('status', '=', 'submitted')
        .where('examAreaId', '=', refs.areaId)
        .execute()
    )
      .filter((r) => r.registrationNumber.startsWith(prefix))
      .map((r) => r.id);
    expect(expected.length).toBeGreaterThan(1);
    expect([...ids(page)].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  });

  it('when searching a document number, then its holder is found through the hash, however it is typed', async () => {
    const wang = seeded.wangFailed!;
    expect(ids(await search(wang.documentNumber))).toEqual([wang.id]);
    const spaced =
      `${wang.documentNumber.slice(0, 6)} ${wang.documentNumber.slice(6)}`.toLowerCase();
    expect(ids(await search(spaced))).toEqual([wang.id]);
    // Not a prefix search: a document number must be complete.
    expect(ids(await search(wang.documentNumber.slice(0, 17)))).toEqual([]);
    // Another area's candidate is not found.
    expect(ids(await search(otherArea.documentNumber))).toEqual([]);
    // An unknown one: nothing.
    expect(ids(await search(uniqueResidentId('19850101')))).toEqual([]);
  });

  it('when searching a document number, then it never reaches the logs', async () => {
    const wang = seeded.wangFailed!;
    await search(wang.documentNumber);
    expect(ctx.logs.join('\n')).not.toContain(wang.documentNumber);
  });

  it('when searching a name, then by its beginning; wildcards are plain characters', async () => {
    expect(ids(await search('王'))).toEqual([seeded.wang!.id, seeded.wangFailed!.id]);
    expect(ids(await search('王小'))).toEqual([seeded.wang!.id]);
    expect(ids(await search('小明'))).toEqual([]);
    expect(ids(await search('%'))).toEqual([]);
    expect(ids(await search('_'))).toEqual([]);
    const zhao = await search('赵');
    expect(zhao.total).toBe(5);
  });

  it('when a name beginning is too common to look up first (over 1000 candidates), then its subquery finds the same as the looked-up accounts', async () => {
    const filters = await resolveQueueFilters(ctx.db, refs.areaId, {
      stage: 'confirmation',
      cycleId,
    });
    const options = { cursor: null, limit: 200, nullsPossible: false };
    const key = ctx.config.dataEncryptionKey;
    if (!key) throw new Error('no test data-encryption key');
    const looked = await resolveQueueSearch(ctx.db, createFieldCrypto(key), refs.areaId, '王');
    expect(looked.accountIds?.length).toBeGreaterThan(1);
    expect(looked.namePrefix).toBeUndefined();
    const viaAccounts = await listQueueQuery(
      ctx.db,
      { ...filters, search: looked },
      options,
    ).execute();
    const viaSubquery = await listQueueQuery(
      ctx.db,
      { ...filters, search: { namePrefix: '王' } },
      options,
    ).execute();
    expect(viaSubquery.map((r) => r.id)).toEqual([seeded.wang!.id, seeded.wangFailed!.id]);
    expect(viaAccounts.map((r) => r.id)).toEqual(viaSubquery.map((r) => r.id));
    const wildcard = await listQueueQuery(
      ctx.db,
      { ...filters, search: { namePrefix: '%' } },
      options,
    ).execute();
    expect(wildcard).toEqual([]);
  });

  it('when a 网报号 beginning is too short to look up first, then its LIKE finds the same as the looked-up ids', async () => {
    const filters = await resolveQueueFilters(ctx.db, refs.areaId, {
      stage: 'confirmation',
      cycleId,
    });
    const options = { cursor: null, limit: 200, nullsPossible: false };
    const prefix = seeded.wang!.registrationNumber.slice(0, 12);
    const key = ctx.config.dataEncryptionKey;
    if (!key) throw new Error('no test data-encryption key');
    const looked = await resolveQueueSearch(ctx.db, createFieldCrypto(key), refs.areaId, prefix);
    expect(looked.registrationIds?.length).toBeGreaterThan(1);
    const viaIds = await listQueueQuery(ctx.db, { ...filters, search: looked }, options).execute();
    const viaLike = await listQueueQuery(
      ctx.db,
      { ...filters, search: { registrationNumber: { value: prefix, exact: false } } },
      options,
    ).execute();
    expect(viaIds.map((r) => r.id)).toEqual(viaLike.map((r) => r.id));
    expect(viaLike.length).toBeGreaterThan(1);
  });

  it('when searching and filtering, then both apply', async () => {
    const page = await queue(reviewer, `${base()}&q=${encodeURIComponent('王')}&autoFailed=true`);
    expect(ids(page)).toEqual([seeded.wangFailed!.id]);
  });
});

describe('a registration submitted through the API', () => {
  it('when submitted, then it enters the queue at its submission time; withdrawn, it leaves; resubmitted later, it goes to the end', async () => {
    const ready = await createRegistrationReady(ctx);
    const draft = await startRegistration(ready);
    await fillRegistration(ready, draft);
    ctx.clock.advance(60_000);
    const submittedAt = ctx.clock.now().toISOString();
    expectStatus(await submit(ready.client, draft.id), 200);
    const row = await ctx.db
      .selectFrom('registrations')
      .select(['queuedAt', 'claimedBy'])
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(row.queuedAt?.toISOString()).toBe(submittedAt);

    const found = await queue(reviewer, `stage=confirmation&cycleId=${cycleId}&limit=200`);
    expect(ids(found).at(-1)).toBe(draft.id);
    expect(found.items.at(-1)).toMatchObject({ queuedAt: submittedAt, submittedAt });

    expectStatus(await ready.client.post(`/api/registrations/${draft.id}/withdraw`), 200);
    const after = await queue(reviewer, `stage=confirmation&cycleId=${cycleId}&limit=200`);
    expect(ids(after)).not.toContain(draft.id);

    ctx.clock.advance(60_000);
    const again = ctx.clock.now().toISOString();
    const view = expectStatus(await submit(ready.client, draft.id), 200).json<RegistrationView>();
    expect(view.status).toBe('submitted');
    const back = await queue(reviewer, `stage=confirmation&cycleId=${cycleId}&limit=200`);
    expect(back.items.at(-1)).toMatchObject({ registrationId: draft.id, queuedAt: again });
  });
});

describe('scope', () => {
  it('when a reviewer of another area lists the queue, then only that area’s registrations', async () => {
    const { client: other } = await loggedInOne(ctx, {
      roles: ['confirmation_reviewer'],
      areaCode: '32',
    });
    const page = await queue(other, `stage=confirmation&cycleId=${cycleId}&limit=200`);
    expect(ids(page)).toEqual([otherArea.id]);
    expect(page.total).toBe(1);
    const searched = await queue(
      other,
      `stage=confirmation&cycleId=${cycleId}&q=${seeded.wang!.registrationNumber}`,
    );
    expect(searched.items).toEqual([]);
  });

  it('when the area administrator lists, then both queues are readable', async () => {
    const confirmation = await queue(areaAdmin, `stage=confirmation&cycleId=${cycleId}&limit=1`);
    expect(confirmation.total).toBeGreaterThanOrEqual(submittedInOrder.length);
    const qualification = await queue(areaAdmin, `stage=qualification&cycleId=${cycleId}`);
    expect(ids(qualification)).toEqual([seeded.confirmed!.id]);
  });

  it('when a reviewer asks for the other stage’s queue, then 403 names the stage', async () => {
    const response = await reviewer.get(`/api/review/queue?stage=qualification&cycleId=${cycleId}`);
    expectStatus(response, 403);
    expect(errorOf(response)).toMatchObject({ code: 'forbidden' });
    expect(errorOf(response).message).toContain('资格审核');
  });

  it('when a platform administrator (no exam area) asks, then 403 says the console is for area staff', async () => {
    const admin = await createAccount(ctx.db, { roles: ['platform_admin'] });
    const client = new TestClient(ctx.app);
    expectStatus(await client.login(admin.username, admin.password), 200);
    const response = await client.get(`/api/review/queue?stage=confirmation&cycleId=${cycleId}`);
    expectStatus(response, 403);
    expect(errorOf(response).message).toContain('不属于任何考区');
  });

  it('when a candidate or a visitor asks, then 403 or 401', async () => {
    const candidate = await createCandidate(ctx.db);
    const client = new TestClient(ctx.app);
    expectStatus(await client.login(candidate.username, STRONG_PASSWORD), 200);
    const asCandidate = await client.get(`/api/review/queue?stage=confirmation&cycleId=${cycleId}`);
    expectStatus(asCandidate, 403);
    const visitor = await new TestClient(ctx.app).get(
      `/api/review/queue?stage=confirmation&cycleId=${cycleId}`,
    );
    expectStatus(visitor, 401);
  });
});
