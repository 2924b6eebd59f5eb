import { expect } from 'vitest';
import { createAccount, examAreaId } from './factories';
import { TestClient, type TestContext } from './test-app';

/*
 * Who the exam-area API tests (catalog, registration cities, area rules) act as: the platform
 * administrator, the administrators of Shanghai (31) and of another area (32), a reviewer of
 * Shanghai, a candidate and a visitor, each on a client of its own — to check who may change what.
 */

/** A new account (see `createAccount`), logged in on a client of its own. */
export async function loggedIn(ctx: TestContext, options: Parameters<typeof createAccount>[1]) {
  const account = await createAccount(ctx.db, options);
  const client = new TestClient(ctx.app);
  expect((await client.login(account.username, account.password)).statusCode).toBe(200);
  return { client, id: account.id };
}

/** The two areas' ids and everyone who acts on them, logged in. */
export async function areaStaff(ctx: TestContext) {
  const shanghai = await examAreaId(ctx.db, '31');
  const otherArea = await examAreaId(ctx.db, '32');
  const platform = await loggedIn(ctx, { roles: ['platform_admin'] });
  const shanghaiAdmin = await loggedIn(ctx, { roles: ['area_admin'], areaCode: '31' });
  const otherAdmin = await loggedIn(ctx, { roles: ['area_admin'], areaCode: '32' });
  const reviewer = await loggedIn(ctx, {
    roles: ['confirmation_reviewer', 'qualification_reviewer'],
    areaCode: '31',
  });
  const candidate = await loggedIn(ctx, { roles: ['candidate'] });
  const visitor = await new TestClient(ctx.app).start();
  return {
    shanghai,
    otherArea,
    platform: platform.client,
    platformId: platform.id,
    shanghaiAdmin: shanghaiAdmin.client,
    shanghaiAdminId: shanghaiAdmin.id,
    otherAdmin: otherAdmin.client,
    otherAdminId: otherAdmin.id,
    reviewer: reviewer.client,
    candidate: candidate.client,
    visitor,
  };
}
