import { gb11643CheckCharacter } from '@hqe/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstIssue, outboxCode, signUp } from './candidate-helpers';
import { createCandidate, uniqueMobile, uniqueResidentId } from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { VERIFICATION_IP_HOURLY_LIMIT: '10000' } });
});
afterAll(() => ctx.close());

const candidateCount = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('candidates')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const withCheck = (first17: string) => `${first17}${gb11643CheckCharacter(first17)}`;
let serial = 101;
/** A fresh number of the given shape, so each case signs up a new account. */
const next = () => {
  serial += 2; // odd sequences: the holders are men
  return serial;
};
const fresh = {
  resident_id: () => withCheck(`44030119851201${String(next()).padStart(3, '0')}`),
  hmt_residence_permit: () => withCheck(`81000019900101${String(next()).padStart(3, '0')}`),
  hk_macao_pass: () => `H${String(10_000_000 + next())}`,
  taiwan_pass: () => String(10_000_000 + next()),
  foreign_permanent_residence_id: () =>
    withCheck(`93115619850615${String(next()).padStart(3, '0')}`),
  passport: () => `E${String(10_000_000 + next())}`,
};

describe('POST /api/candidate/signup: a valid document of each type', () => {
  it.each([
    ['resident_id', fresh.resident_id(), { gender: 'male', birthDate: '1985-12-01' }],
    [
      'hmt_residence_permit',
      fresh.hmt_residence_permit(),
      { gender: 'male', birthDate: '1990-01-01' },
    ],
    ['hk_macao_pass', fresh.hk_macao_pass(), { gender: null, birthDate: null }],
    ['hk_macao_pass', `M${String(1_000_000_000 + next())}`, { gender: null, birthDate: null }],
    ['taiwan_pass', fresh.taiwan_pass(), { gender: null, birthDate: null }],
    ['taiwan_pass', `${String(10_000_000 + next())}(B)`, { gender: null, birthDate: null }],
    [
      'foreign_permanent_residence_id',
      `USA3101900610${String(next()).slice(-2)}`,
      { gender: null, birthDate: null },
    ],
    [
      'foreign_permanent_residence_id',
      fresh.foreign_permanent_residence_id(),
      { gender: 'male', birthDate: '1985-06-15' },
    ],
    ['passport', fresh.passport(), { gender: null, birthDate: null }],
  ] as const)(
    'when a %s "%s" signs up, then the account exists with what the document tells',
    async (documentType, documentNumber, derived) => {
      const client = new TestClient(ctx.app);
      const { response, input } = await signUp(
        ctx,
        {
          documentType,
          documentNumber,
          name: documentType === 'passport' ? 'JOHN SMITH' : '王小明',
        },
        client,
      );
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toEqual({
        accountId: expect.any(Number) as unknown,
        loginHint: '注册成功。今后可使用证件号码或手机号码登录。',
      });
      const login = await client.login(
        documentNumber.replace(/[()]/g, '').toLowerCase(),
        input.password,
      );
      expect(login.statusCode, login.body).toBe(200);
      const account = await client.get('/api/candidate/account');
      expect(account.json()).toMatchObject({ documentType, ...derived, mobile: input.mobile });
    },
  );
});

describe('POST /api/candidate/signup: invalid documents', () => {
  it.each([
    ['resident_id', '44030119851201001', /应为 18 位，您输入了 17 位/],
    ['resident_id', '440301198512010011', /校验位/],
    ['resident_id', withCheck('44030119851301001'), /出生日期（第 7 至 14 位）无效/],
    ['resident_id', withCheck('44030120301201001'), /出生日期晚于今天/],
    ['resident_id', withCheck('99030119851201001'), /省级行政区划代码/],
    ['resident_id', withCheck('81000019900101001'), /请将证件类型选为“港澳台居民居住证”/],
    [
      'hmt_residence_permit',
      withCheck('44030119851201001'),
      /内地居民请将证件类型选为“居民身份证”/,
    ],
    ['hmt_residence_permit', '810000199001010010', /校验位/],
    ['hk_macao_pass', 'K12345678', /以字母 H（香港居民）或 M（澳门居民）开头/],
    ['hk_macao_pass', 'H1234567', /8 位数字/],
    ['taiwan_pass', '1234567', /8 位数字/],
    ['taiwan_pass', 'T1234567', /8 位数字/],
    ['foreign_permanent_residence_id', 'US3310190061001', /3 位字母加 12 位数字/],
    ['foreign_permanent_residence_id', '931156198506150011', /校验位/],
    ['foreign_permanent_residence_id', '12345', /18 位（2023 年版）或 15 位（2004 年版）/],
    ['passport', 'E123', /5 至 20 位/],
    ['passport', 'E1234567/', /字母和数字/],
  ] as const)(
    'when a %s is "%s", then sign-up is refused at documentNumber: %s',
    async (documentType, documentNumber, message) => {
      const before = await candidateCount();
      // A real code, so the document is the only thing wrong.
      const { response } = await signUp(ctx, { documentType, documentNumber });
      expect(response.statusCode).toBe(400);
      const { code, issue } = firstIssue(response);
      expect(code).toBe('validation_failed');
      expect(issue?.path).toBe('documentNumber');
      expect(issue?.message).toMatch(message);
      expect(await candidateCount()).toBe(before);
    },
  );

  it('when the document type is unknown, then it is refused', async () => {
    const { response } = await signUp(ctx, { documentType: 'military_id', code: '123456' });
    expect(response.statusCode).toBe(400);
    expect(firstIssue(response).issue?.path).toBe('documentType');
  });
});

describe('POST /api/candidate/signup: other fields', () => {
  it.each([
    ['name', { name: '' }, /请输入姓名/],
    ['name', { name: '张三3' }, /姓名只能包含汉字、字母/],
    ['name', { name: '·张三' }, /不能在开头、结尾或连续出现/],
    ['name', { name: '张'.repeat(51) }, /不能超过 50 个字/],
    ['mobile', { mobile: '12345678901' }, /以 1 开头的 11 位数字/],
    ['code', { code: '12345' }, /6 位数字/],
    ['consent', { consent: false }, /个人信息保护告知/],
  ] as const)(
    'when %s is %o, then it is refused with a message saying what to do',
    async (path, override, message) => {
      const { response } = await signUp(ctx, { code: '123456', ...override });
      expect(response.statusCode).toBe(400);
      const { issue } = firstIssue(response);
      expect(issue?.path).toBe(path);
      expect(issue?.message).toMatch(message);
    },
  );

  it('when an unknown field is sent, then the request is refused', async () => {
    const client = await new TestClient(ctx.app).start();
    const response = await client.post('/api/candidate/signup', {
      documentType: 'resident_id',
      documentNumber: uniqueResidentId(),
      name: '李四',
      mobile: uniqueMobile(),
      code: '123456',
      password: 'Abcdef12!',
      consent: true,
      role: 'platform_admin',
    });
    expect(response.statusCode).toBe(400);
  });

  it('when a rare-character name is used, then it is kept as written', async () => {
    const { response, input } = await signUp(ctx, { name: '𠀾𪚥·阿依古丽' });
    expect(response.statusCode, response.body).toBe(201);
    const row = await ctx.db
      .selectFrom('accounts')
      .innerJoin('candidates', 'candidates.accountId', 'accounts.id')
      .select(['candidates.name', 'accounts.displayName'])
      .where('accounts.id', '=', response.json<{ accountId: number }>().accountId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: input.name, displayName: input.name });
  });
});

describe('POST /api/candidate/signup: password rule', () => {
  it.each([
    ['Abc12!', /至少需要 8 位/],
    ['abcdefg1', /至少 3 类；长度达到 10 位时，至少 2 类即可/],
    ['abcdefghij', /至少 3 类/],
  ])('when the password is "%s", then it is refused: %s', async (password, message) => {
    const { response } = await signUp(ctx, { password });
    expect(response.statusCode).toBe(400);
    expect(firstIssue(response).issue).toMatchObject({
      path: 'password',
      message: expect.stringMatching(message) as unknown,
    });
  });

  it('when the password is 10 letters and digits, then it is accepted', async () => {
    const { response } = await signUp(ctx, { password: 'abcdefgh12' });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('when the password contains the document number, then it is refused and the code stays usable', async () => {
    const documentNumber = uniqueResidentId();
    const mobile = uniqueMobile();
    const client = new TestClient(ctx.app);
    const first = await signUp(
      ctx,
      { documentNumber, mobile, password: `Pw-${documentNumber}` },
      client,
    );
    expect(first.response.statusCode).toBe(400);
    expect(firstIssue(first.response).issue?.message).toBe(
      '密码不能包含证件号码或手机号码，请换一个密码。',
    );
    const second = await signUp(ctx, { documentNumber, mobile, code: first.input.code }, client);
    expect(second.response.statusCode, second.response.body).toBe(201);
  });

  it('when the password contains the mobile number, then it is refused', async () => {
    const mobile = uniqueMobile();
    const { response } = await signUp(ctx, { mobile, password: `Ab!${mobile}` });
    expect(firstIssue(response).issue?.path).toBe('password');
  });
});

describe('one account per document and per mobile number', () => {
  it('when the document is already registered, then sign-up is refused without saying whose it is', async () => {
    const existing = await createCandidate(ctx.db, { name: '赵六' });
    const { response } = await signUp(ctx, {
      documentNumber: existing.documentNumber.toLowerCase(),
    });
    expect(response.statusCode).toBe(409);
    const body = response.json<{ error: { code: string; message: string; details: unknown } }>();
    expect(body.error.code).toBe('conflict');
    expect(body.error.message).toMatch(/该证件号码已注册考生账号/);
    expect(JSON.stringify(body)).not.toContain('赵六');
    expect(JSON.stringify(body)).not.toContain(existing.mobile.slice(-4));
  });

  it('when the document is already registered, then the code is used up and cannot probe another document', async () => {
    const existing = await createCandidate(ctx.db);
    const mobile = uniqueMobile();
    const client = await new TestClient(ctx.app).start();
    expect((await client.post('/api/candidate/signup/code', { mobile })).statusCode).toBe(200);
    const code = await outboxCode(ctx, mobile);
    const taken = await signUp(ctx, { mobile, code, documentNumber: existing.documentNumber });
    expect(taken.response.statusCode).toBe(409);
    expect(taken.response.json<{ error: { message: string } }>().error.message).toMatch(
      /本次验证码已失效/,
    );
    const probe = await signUp(ctx, { mobile, code, documentNumber: uniqueResidentId() });
    expect(probe.response.statusCode).toBe(400);
    expect(firstIssue(probe.response).issue?.path).toBe('code');
    const used = await ctx.db
      .selectFrom('verificationCodes')
      .select(['consumedAt'])
      .where('purpose', '=', 'signup')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(used.consumedAt).not.toBeNull();
  });

  it('when the same number is registered under another document type, then both accounts can exist', async () => {
    const number = `E${String(20_000_000 + next())}`;
    expect(
      (await signUp(ctx, { documentType: 'passport', documentNumber: number })).response.statusCode,
    ).toBe(201);
    const again = await signUp(ctx, { documentType: 'passport', documentNumber: number });
    expect(again.response.statusCode).toBe(409);
  });

  it('when the mobile number is already registered, then no code is sent for sign-up', async () => {
    const existing = await createCandidate(ctx.db);
    const client = await new TestClient(ctx.app).start();
    const response = await client.post('/api/candidate/signup/code', { mobile: existing.mobile });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(
      /该手机号码已注册考生账号/,
    );
  });

  it('when two sign-ups race for one document, then exactly one account is created', async () => {
    const documentNumber = uniqueResidentId();
    const mobiles = [uniqueMobile(), uniqueMobile()];
    const clients = await Promise.all(mobiles.map(() => new TestClient(ctx.app).start()));
    for (const [i, mobile] of mobiles.entries()) {
      await clients[i]!.post('/api/candidate/signup/code', { mobile });
    }
    const codes = await Promise.all(mobiles.map((m) => outboxCode(ctx, m)));
    const responses = await Promise.all(
      mobiles.map((mobile, i) =>
        clients[i]!.post('/api/candidate/signup', {
          documentType: 'resident_id',
          documentNumber,
          name: '钱七',
          mobile,
          code: codes[i],
          password: 'Abcdef12!',
          consent: true,
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});

describe('what sign-up records', () => {
  it('when a candidate signs up, then the audit event carries masked numbers only and a welcome message waits in-app', async () => {
    const client = new TestClient(ctx.app);
    const { response, input } = await signUp(ctx, {}, client);
    const accountId = response.json<{ accountId: number }>().accountId;
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'candidate.signed_up')
      .where('entityId', '=', String(accountId))
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(audit);
    expect(text).not.toContain(input.documentNumber);
    expect(text).not.toContain(input.mobile);
    expect(audit.after).toEqual({
      documentType: 'resident_id',
      documentNumber: `${input.documentNumber.slice(0, 4)}**********${input.documentNumber.slice(-4)}`,
      mobile: `${input.mobile.slice(0, 3)}****${input.mobile.slice(-4)}`,
    });
    await client.login(input.mobile, input.password);
    const inbox = await client.get('/api/candidate/notifications');
    expect(inbox.json()).toMatchObject({ unread: 1, items: [{ title: '注册成功', readAt: null }] });
    const logs = ctx.logs.join('\n');
    expect(logs).not.toContain(input.documentNumber);
    expect(logs).not.toContain(input.mobile);
  });
});
