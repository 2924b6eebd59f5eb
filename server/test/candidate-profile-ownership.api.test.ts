import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CandidateEligibilityProfile,
  CandidateProfileView,
  ProfileSectionKey,
  UploadPhotoResponse,
} from '@hqe/core';
import { SECTION_PATHS, VALID_SECTIONS } from './candidate-profile-fixtures';
import { createAccount, createCandidate } from './factories';
import { portrait } from './photo-images';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
let alice: TestClient;
let aliceId: number;
let alicePhoto: UploadPhotoResponse;
let aliceVersion: number;
let bob: TestClient;

async function loggedIn() {
  const created = await createCandidate(ctx.db);
  const client = new TestClient(ctx.app);
  expect((await client.login(created.username, created.password)).statusCode).toBe(200);
  return { client, id: created.accountId };
}

const save = (client: TestClient, key: ProfileSectionKey, data: unknown, version: number) =>
  client.request('PUT', SECTION_PATHS[key], { body: { version, data } });

beforeAll(async () => {
  ctx = await createTestContext();
  ({ client: alice, id: aliceId } = await loggedIn());
  ({ client: bob } = await loggedIn());
  let version = 0;
  for (const key of Object.keys(VALID_SECTIONS) as ProfileSectionKey[]) {
    version = (await save(alice, key, VALID_SECTIONS[key], version)).json<CandidateProfileView>()
      .version;
  }
  aliceVersion = version;
  alicePhoto = (
    await alice.post('/api/candidate/profile/photo', {
      contentBase64: (await portrait(600, 840)).toString('base64'),
    })
  ).json<UploadPhotoResponse>();
});
afterAll(() => ctx.close());

/** Alice's profile as she reads it. */
const aliceProfile = async () =>
  (await alice.get('/api/candidate/profile')).json<CandidateProfileView>();

describe("candidate B and candidate A's basic information", () => {
  it("when B reads the profile, even naming A's account, then B sees only B's own (empty) profile", async () => {
    for (const url of [
      '/api/candidate/profile',
      `/api/candidate/profile?accountId=${aliceId}`,
      `/api/candidate/profile?id=${aliceId}`,
    ]) {
      const response = await bob.get(url);
      expect(response.statusCode, url).toBe(200);
      const profile = response.json<CandidateProfileView>();
      expect(profile.version).toBe(0);
      expect(profile.personal).toBeNull();
      expect(profile.photo).toBeNull();
      expect(response.body).not.toContain('上海市第一人民医院');
    }
    expect((await bob.get(`/api/candidate/profile/${aliceId}`)).statusCode).toBe(404);
  });

  it("when B asks for the photo with A's photo URL, then B gets no photo", async () => {
    const response = await bob.get(alicePhoto.photo.url);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    expect((await bob.get(`/api/candidate/profile/photo/${aliceId}`)).statusCode).toBe(404);
    expect((await alice.get(alicePhoto.photo.url)).statusCode).toBe(200);
  });

  it("when B reads the eligibility profile, then it is built from B's data, not A's", async () => {
    const response = await bob.get('/api/candidate/profile/eligibility-profile');
    const body = response.json<CandidateEligibilityProfile>();
    expect(body.complete).toBe(false);
    expect(body.profile.education).toEqual([]);
    expect(body.profile.currentEmployer).toBeUndefined();
  });

  it("when B saves sections with A's version, or uploads a photo, then only B's profile changes", async () => {
    const before = await aliceProfile();
    const bobSaves = await save(
      bob,
      'currentEmployer',
      { ...VALID_SECTIONS.currentEmployer, name: '乙的医院' },
      aliceVersion,
    );
    expect(bobSaves.statusCode).toBe(409);
    const bobCreates = await save(
      bob,
      'currentEmployer',
      { ...VALID_SECTIONS.currentEmployer, name: '乙的医院' },
      0,
    );
    expect(bobCreates.statusCode).toBe(200);
    const bobPhoto = await bob.post('/api/candidate/profile/photo', {
      contentBase64: (await portrait(500, 700)).toString('base64'),
    });
    expect(bobPhoto.statusCode).toBe(201);

    const after = await aliceProfile();
    expect(after).toEqual(before);
    expect(after.currentEmployer?.name).toBe('上海市第一人民医院');
    expect(after.photo).toEqual(alicePhoto.photo);
    const aliceJpeg = (await alice.get('/api/candidate/profile/photo')).rawPayload;
    const bobJpeg = (await bob.get('/api/candidate/profile/photo')).rawPayload;
    expect(Buffer.compare(aliceJpeg, bobJpeg)).not.toBe(0);
  });

  it('when a section is saved with an account id in the body, then it is refused as an unknown field', async () => {
    const response = await bob.request('PUT', SECTION_PATHS.declarations, {
      body: { version: 1, accountId: aliceId, data: VALID_SECTIONS.declarations },
    });
    expect(response.statusCode).toBe(400);
    expect((await aliceProfile()).version).toBe(aliceVersion);
  });
});

describe('everyone else', () => {
  it('when a visitor calls any profile route, then it is 401 and nothing is read or written', async () => {
    const visitor = await new TestClient(ctx.app).start();
    expect((await visitor.get('/api/candidate/profile')).statusCode).toBe(401);
    expect((await visitor.get('/api/candidate/profile/eligibility-profile')).statusCode).toBe(401);
    expect((await visitor.get('/api/candidate/profile/photo')).statusCode).toBe(401);
    const put = await save(visitor, 'personal', VALID_SECTIONS.personal, 0);
    expect(put.statusCode).toBe(401);
  });

  it('when staff of any role call the profile routes, then they are refused (403)', async () => {
    for (const roles of [['platform_admin'], ['area_admin'], ['qualification_reviewer']] as const) {
      const staff = await createAccount(ctx.db, { roles: [...roles] });
      const client = new TestClient(ctx.app);
      await client.login(staff.username, staff.password);
      expect((await client.get('/api/candidate/profile')).statusCode).toBe(403);
      expect((await client.get('/api/candidate/profile/eligibility-profile')).statusCode).toBe(403);
      expect((await client.get('/api/candidate/profile/photo')).statusCode).toBe(403);
      expect((await save(client, 'personal', VALID_SECTIONS.personal, 0)).statusCode).toBe(403);
    }
  });

  it('when A saves without the CSRF token, then it is refused and nothing changes', async () => {
    const response = await alice.request('PUT', SECTION_PATHS.declarations, {
      body: { version: aliceVersion, data: { ...VALID_SECTIONS.declarations, retired: true } },
      withoutCsrf: true,
    });
    expect(response.statusCode).toBe(403);
    expect((await aliceProfile()).declarations?.retired).toBe(false);
  });

  it('when A has logged out, then the old cookie reads nothing', async () => {
    const { client } = await loggedIn();
    const cookies = new Map(client.cookies);
    expect((await client.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    const stale = new TestClient(ctx.app);
    for (const [name, value] of cookies) stale.cookies.set(name, value);
    expect((await stale.get('/api/candidate/profile')).statusCode).toBe(401);
  });
});
