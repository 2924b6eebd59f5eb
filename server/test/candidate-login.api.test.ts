import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstIssue, outboxCode, outboxCount } from './candidate-helpers';
import {
  RESET_CODE_INVALID,
  RESET_CODE_RESPONSE_MS,
} from '../src/modules/candidates/candidates.service';
import {
  createAccount,
  createCandidate,
  STRONG_PASSWORD,
  uniqueMobile,
  uniqueResidentId,
} from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    env: {
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCK_MINUTES: '15',
      VERIFICATION_IP_HOURLY_LIMIT: '10000',
    },
  });
});
afterAll(() => ctx.close());

const client = () => new TestClient(ctx.app);
const login = async (identifier: string, password: string, portal?: 'candidate' | 'console') => {
  const c = await client().start();
  const response = await c.post('/api/auth/login', {
    username: identifier,
    password,
    ...(portal ? { portal } : {}),
  });
  return { c, response };
};
const sessionCount = async (accountId: number) =>
  (await ctx.db.selectFrom('sessions').select('id').where('accountId', '=', accountId).execute())
    .length;

describe('candidate login', () => {
  it('when a candidate logs in with the document number, then the candidate session opens', async () => {
    const candidate = await createCandidate(ctx.db, {
      documentNumber: '11010519491231002X',
      name: '孙八',
    });
    const { response } = await login('11010519491231002x', candidate.password, 'candidate');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      account: {
        id: candidate.accountId,
        kind: 'candidate',
        roles: ['candidate'],
        displayName: '孙八',
      },
    });
  });

  it('when a candidate logs in with the mobile number, in any usual spelling, then it works', async () => {
    const candidate = await createCandidate(ctx.db);
    for (const spelling of [
      candidate.mobile,
      `+86 ${candidate.mobile}`,
      `${candidate.mobile.slice(0, 3)} ${candidate.mobile.slice(3, 7)} ${candidate.mobile.slice(7)}`,
    ]) {
      const { response } = await login(spelling, candidate.password, 'candidate');
      expect(response.statusCode, spelling).toBe(200);
    }
  });

  it('when the password is wrong, then the answer is the same as for an unknown number', async () => {
    const candidate = await createCandidate(ctx.db);
    const wrong = await login(candidate.documentNumber, 'Wrong-Passw0rd', 'candidate');
    const unknown = await login('310101199001011237', 'Wrong-Passw0rd', 'candidate');
    expect(wrong.response.statusCode).toBe(401);
    expect(unknown.response.statusCode).toBe(401);
    expect(wrong.response.json()).toEqual(unknown.response.json());
  });

  it('when the password is wrong three times, then the account locks, also for the mobile number', async () => {
    const candidate = await createCandidate(ctx.db);
    for (let i = 0; i < 2; i++) {
      expect(
        (await login(candidate.mobile, 'Wrong-Passw0rd', 'candidate')).response.statusCode,
      ).toBe(401);
    }
    const locked = await login(candidate.documentNumber, 'Wrong-Passw0rd', 'candidate');
    expect(locked.response.statusCode).toBe(423);
    const right = await login(candidate.mobile, candidate.password, 'candidate');
    expect(right.response.statusCode).toBe(423);
    expect(right.response.json<{ error: { message: string } }>().error.message).toMatch(/暂时锁定/);
  });

  it('when a candidate tries the staff console with the document number, then it is refused', async () => {
    const candidate = await createCandidate(ctx.db);
    const { response } = await login(candidate.documentNumber, candidate.password, 'console');
    expect(response.statusCode).toBe(401);
  });

  it('when staff log in at the console, then their usernames still work', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'] });
    const { response } = await login(staff.username, staff.password, 'console');
    expect(response.statusCode).toBe(200);
  });
});

describe('password reset', () => {
  const askCode = async (identifier: string, channel?: 'sms' | 'email') => {
    const c = await client().start();
    return c.post('/api/candidate/password-reset/code', {
      identifier,
      ...(channel ? { channel } : {}),
    });
  };
  const reset = async (body: Record<string, unknown>) =>
    (await client().start()).post('/api/candidate/password-reset', body);

  it('when a code is sent to the mobile and used, then the new password works, the old one does not, sessions end and the lock lifts', async () => {
    const candidate = await createCandidate(ctx.db);
    const { c: other } = await login(candidate.mobile, candidate.password);
    expect(await sessionCount(candidate.accountId)).toBe(1);
    for (let i = 0; i < 3; i++) await login(candidate.mobile, 'Wrong-Passw0rd');

    const sent = await askCode(candidate.documentNumber);
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ sentTo: null, expiresInSeconds: 600, resendAfterSeconds: 60 });
    const code = await outboxCode(ctx, candidate.mobile);
    const response = await reset({
      identifier: candidate.documentNumber,
      code,
      newPassword: 'New-Passw0rd-2026',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await sessionCount(candidate.accountId)).toBe(0);
    expect((await other.get('/api/candidate/account')).statusCode).toBe(401);
    expect((await login(candidate.mobile, candidate.password)).response.statusCode).toBe(401);
    const fresh = await login(candidate.documentNumber, 'New-Passw0rd-2026');
    expect(fresh.response.statusCode).toBe(200);
    const inbox = await fresh.c.get('/api/candidate/notifications');
    expect(inbox.json<{ items: { title: string }[] }>().items[0]?.title).toBe('密码已重置');
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['after'])
      .where('action', '=', 'candidate.password_reset')
      .where('entityId', '=', String(candidate.accountId))
      .executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ channel: 'sms' });
  });

  it('when the identifier names no account, then the answer is the same and nothing is sent', async () => {
    const known = await createCandidate(ctx.db);
    const a = await askCode(known.mobile);
    const unknownMobile = uniqueMobile();
    const b = await askCode(unknownMobile);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(await outboxCount(ctx, unknownMobile)).toBe(0);
    const tried = await reset({
      identifier: unknownMobile,
      code: '123456',
      newPassword: 'New-Passw0rd-2026',
    });
    expect(tried.statusCode).toBe(400);
    expect(firstIssue(tried).issue).toEqual({
      path: 'code',
      message: '验证码不正确或已失效，请核对或重新获取验证码。',
    });
  });

  it('when a wrong code is given, then a registered and an unknown identifier get the same answer and both count attempts', async () => {
    const known = await createCandidate(ctx.db);
    const unknown = uniqueResidentId();
    const answers: unknown[] = [];
    for (const identifier of [known.documentNumber, unknown]) {
      expect((await askCode(identifier)).statusCode).toBe(200);
      const code = identifier === unknown ? '000000' : await outboxCode(ctx, known.mobile);
      const wrong = code === '000000' ? '000001' : '000000';
      const body = { identifier, code: wrong, newPassword: 'New-Passw0rd-2026' };
      const first = await reset(body);
      expect(first.statusCode).toBe(400);
      answers.push(first.json());
      for (let i = 0; i < 4; i++) await reset(body);
      // Used up after 5 wrong guesses: even the right code is refused, with the same answer.
      const after = await reset({ ...body, code });
      expect(after.statusCode).toBe(400);
      expect(after.json()).toEqual(first.json());
    }
    expect(answers[1]).toEqual(answers[0]);
    const attempts = await ctx.db
      .selectFrom('verificationCodes')
      .select(['attempts', 'accountId'])
      .where('purpose', '=', 'password_reset')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(attempts.map((a) => a.attempts)).toEqual([5, 5]);
    expect(attempts.map((a) => a.accountId)).toEqual([null, known.accountId]);
  });

  it('when a reset code is asked, then the answer takes the same minimum time with or without an account', async () => {
    const known = await createCandidate(ctx.db);
    for (const identifier of [known.documentNumber, uniqueResidentId()]) {
      const started = Date.now();
      expect((await askCode(identifier)).statusCode).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(RESET_CODE_RESPONSE_MS - 5);
    }
  });

  it('when an unknown identifier is asked twice quickly, then it is limited like a known one', async () => {
    const unknown = uniqueMobile();
    expect((await askCode(unknown)).statusCode).toBe(200);
    expect((await askCode(unknown)).statusCode).toBe(429);
  });

  it('when the code is wrong, then the password stays and the attempts count', async () => {
    const candidate = await createCandidate(ctx.db);
    await askCode(candidate.mobile);
    const code = await outboxCode(ctx, candidate.mobile);
    const response = await reset({
      identifier: candidate.mobile,
      code: code === '000000' ? '000001' : '000000',
      newPassword: 'New-Passw0rd-2026',
    });
    expect(response.statusCode).toBe(400);
    expect(firstIssue(response).issue?.message).toBe(RESET_CODE_INVALID);
    expect((await login(candidate.mobile, candidate.password)).response.statusCode).toBe(200);
  });

  it('when the new password breaks the rule, then it is refused and the code can still be used', async () => {
    const candidate = await createCandidate(ctx.db);
    await askCode(candidate.mobile);
    const code = await outboxCode(ctx, candidate.mobile);
    const weak = await reset({
      identifier: candidate.mobile,
      code,
      newPassword: `Ab!${candidate.documentNumber}`,
    });
    expect(weak.statusCode).toBe(400);
    expect(firstIssue(weak).issue).toMatchObject({
      path: 'newPassword',
      message: '密码不能包含证件号码或手机号码，请换一个密码。',
    });
    const ok = await reset({
      identifier: candidate.mobile,
      code,
      newPassword: 'New-Passw0rd-2026',
    });
    expect(ok.statusCode).toBe(200);
    const again = await reset({
      identifier: candidate.mobile,
      code,
      newPassword: 'Other-Passw0rd-2026',
    });
    expect(again.statusCode).toBe(400);
  });

  it('when the candidate has a verified e-mail, then the code can go there instead', async () => {
    const email = `reset${Date.now()}@example.com`;
    const candidate = await createCandidate(ctx.db, { email });
    expect((await askCode(candidate.documentNumber, 'email')).statusCode).toBe(200);
    const code = await outboxCode(ctx, email);
    expect(await outboxCount(ctx, candidate.mobile)).toBe(0);
    const wrongChannel = await reset({
      identifier: candidate.documentNumber,
      code,
      newPassword: 'New-Passw0rd-2026',
    });
    expect(wrongChannel.statusCode).toBe(400);
    const response = await reset({
      identifier: candidate.documentNumber,
      channel: 'email',
      code,
      newPassword: 'New-Passw0rd-2026',
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('when the candidate has no e-mail and asks by e-mail, then nothing is sent and the answer is the same', async () => {
    const candidate = await createCandidate(ctx.db);
    const response = await askCode(candidate.mobile, 'email');
    expect(response.statusCode).toBe(200);
    expect(response.json<{ sentTo: null }>().sentTo).toBeNull();
    expect(await outboxCount(ctx, candidate.mobile)).toBe(0);
  });
});

describe('changing the own password', () => {
  it('when a candidate picks a password containing the own mobile number, then it is refused', async () => {
    const candidate = await createCandidate(ctx.db);
    const { c } = await login(candidate.mobile, candidate.password);
    c.csrfToken = (await c.get('/api/auth/session')).json<{ csrfToken: string }>().csrfToken;
    const response = await c.post('/api/auth/password', {
      currentPassword: candidate.password,
      newPassword: `Ab!${candidate.mobile}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toBe(
      '密码不能包含证件号码或手机号码，请换一个密码。',
    );
    const ok = await c.post('/api/auth/password', {
      currentPassword: candidate.password,
      newPassword: 'Changed-Passw0rd',
    });
    expect(ok.statusCode).toBe(200);
  });

  it('when a candidate changes the password, then the factory default password no longer works', async () => {
    const candidate = await createCandidate(ctx.db, { password: STRONG_PASSWORD });
    const { c } = await login(candidate.documentNumber, STRONG_PASSWORD);
    c.csrfToken = (await c.get('/api/auth/session')).json<{ csrfToken: string }>().csrfToken;
    await c.post('/api/auth/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'Changed-Passw0rd',
    });
    expect((await login(candidate.documentNumber, STRONG_PASSWORD)).response.statusCode).toBe(401);
  });
});
