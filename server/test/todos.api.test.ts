import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TodoCount, TodoList } from '@hqe/core';
import { createTodoService, resubmitTodo } from '../src/modules/notifications';
import { createAccount, createCandidate } from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * The to-do centre (待办事项, R11): other modules open and close items in the transactions of
 * their own changes; the candidate lists the open ones with their deadline and link.
 */
let ctx: TestContext;
let todos: ReturnType<typeof createTodoService>;
let owner: { accountId: number; client: TestClient };
let stranger: { accountId: number; client: TestClient };

async function loggedInCandidate() {
  const candidate = await createCandidate(ctx.db);
  const client = new TestClient(ctx.app);
  expect((await client.login(candidate.mobile, candidate.password)).statusCode).toBe(200);
  return { accountId: candidate.accountId, client };
}

const listOf = async (client: TestClient) => {
  const response = await client.get('/api/candidate/todos');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<TodoList>();
};

beforeAll(async () => {
  ctx = await createTestContext();
  todos = createTodoService({ db: ctx.db, clock: ctx.clock });
  owner = await loggedInCandidate();
  stranger = await loggedInCandidate();
});
afterAll(() => ctx.close());

describe('the to-do centre', () => {
  it('when nothing is open, then the list is empty and the count zero', async () => {
    expect(await listOf(owner.client)).toEqual({ items: [], count: 0 });
    const count = await owner.client.get('/api/candidate/todos/count');
    expect(count.json<TodoCount>()).toEqual({ count: 0 });
  });

  it('when a module opens items in its transaction, then the candidate sees them, nearest deadline first, and nobody else does', async () => {
    const deadline = new Date('2026-12-14T16:00:00.000Z');
    await ctx.db.transaction().execute(async (trx) => {
      await todos.openTodo(trx, {
        accountId: owner.accountId,
        kind: 'profile',
        key: 'profile:photo',
        title: '请上传基本照片',
        linkPath: '/me/photo',
      });
      await todos.openTodo(
        trx,
        resubmitTodo({
          accountId: owner.accountId,
          id: 41,
          registrationNumber: '31202600000041',
          deadlineAt: deadline,
        }),
      );
      await todos.openTodo(trx, {
        accountId: owner.accountId,
        kind: 'payment',
        key: 'pay:41',
        title: '请在缴费截止前完成网上缴费',
        linkPath: '/registration',
        deadlineAt: new Date('2027-02-08T16:00:00.000Z'),
      });
    });
    const list = await listOf(owner.client);
    expect(list.count).toBe(3);
    expect(list.items.map((i) => [i.kind, i.kindLabel, i.deadlineAt])).toEqual([
      ['resubmit', '修改后重新提交', '2026-12-14T16:00:00.000Z'],
      ['payment', '网上缴费', '2027-02-08T16:00:00.000Z'],
      ['profile', '完善基本信息', null],
    ]);
    expect(list.items[0]).toMatchObject({
      title: '报名被退回，请按退回原因修改后重新提交',
      detail: '网报号 31202600000041。逾期未重新提交的，视为放弃本次考试。',
      linkPath: '/registration',
    });
    expect((await owner.client.get('/api/candidate/todos/count')).json()).toEqual({ count: 3 });
    expect(await listOf(stranger.client)).toEqual({ items: [], count: 0 });
  });

  it('when the action is taken, then closing the item in that transaction drops it off the list', async () => {
    const closed = await ctx.db
      .transaction()
      .execute((trx) => todos.closeTodo(trx, owner.accountId, 'resubmit:41'));
    expect(closed).toBe(true);
    const list = await listOf(owner.client);
    expect(list.items.map((i) => i.kind)).toEqual(['payment', 'profile']);
    // Closing it again, or another candidate's key, changes nothing.
    expect(
      await ctx.db
        .transaction()
        .execute((trx) => todos.closeTodo(trx, owner.accountId, 'resubmit:41')),
    ).toBe(false);
    expect(
      await ctx.db
        .transaction()
        .execute((trx) => todos.closeTodo(trx, stranger.accountId, 'pay:41')),
    ).toBe(false);
    expect((await listOf(owner.client)).count).toBe(2);
  });

  it('when a task comes back (returned again), then the same item reopens with the new deadline instead of a second one', async () => {
    const later = new Date('2026-12-20T16:00:00.000Z');
    await ctx.db.transaction().execute((trx) =>
      todos.openTodo(
        trx,
        resubmitTodo({
          accountId: owner.accountId,
          id: 41,
          registrationNumber: '31202600000041',
          deadlineAt: later,
        }),
      ),
    );
    const rows = await ctx.db
      .selectFrom('todoItems')
      .select(['status', 'deadlineAt', 'doneAt'])
      .where('accountId', '=', owner.accountId)
      .where('dedupeKey', '=', 'resubmit:41')
      .execute();
    expect(rows).toEqual([{ status: 'open', deadlineAt: later, doneAt: null }]);
    expect((await listOf(owner.client)).items[0]?.deadlineAt).toBe(later.toISOString());
  });

  it('when the change that opens an item rolls back, then no item is left', async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await todos.openTodo(trx, {
          accountId: stranger.accountId,
          kind: 'supplement',
          key: 'supplement:7',
          title: '请补充材料',
          linkPath: '/registration',
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await listOf(stranger.client)).toEqual({ items: [], count: 0 });
  });

  it('when a link leaves the portal, then the item is refused', async () => {
    for (const linkPath of ['https://evil.example.com/', '//evil.example.com', 'registration']) {
      await expect(
        ctx.db.transaction().execute((trx) =>
          todos.openTodo(trx, {
            accountId: owner.accountId,
            kind: 'registration',
            key: `bad:${linkPath}`,
            title: '坏链接',
            linkPath,
          }),
        ),
      ).rejects.toThrow(/not a portal path/);
    }
  });

  it('when staff or visitors ask, then they are refused', async () => {
    const staff = await createAccount(ctx.db, { roles: ['area_admin'], areaCode: '31' });
    const client = new TestClient(ctx.app);
    await client.login(staff.username, staff.password);
    expect((await client.get('/api/candidate/todos')).statusCode).toBe(403);
    expect((await new TestClient(ctx.app).get('/api/candidate/todos')).statusCode).toBe(401);
    expect((await new TestClient(ctx.app).get('/api/candidate/todos/count')).statusCode).toBe(401);
  });
});
