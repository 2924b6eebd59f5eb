import { expect, test, type Page } from '@playwright/test';
import { apiOf, fillBasicInformation, registrationCycleId, staffMember } from '../support/api';
import { newCandidate, scanJpeg } from '../support/candidate-data';
import {
  check,
  expectAccessible,
  expectNoHorizontalOverflow,
  screenshot,
} from '../support/fixtures';
import { fillRequiredSlots, registerUpToMaterials, signUp, stepCard } from '../support/returning';

// Issue #7 (R11, R12): a candidate submits; a confirmation reviewer returns the registration
// through the review API with a reason of the area's catalogue; the candidate sees the to-do item
// (the bell's badge and 待办事项) with its deadline in Beijing time — and the urgent return also
// went out by SMS — follows its link, fixes the stamped form, resubmits, and the item is gone.

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const STAFF_PASSWORD = 'Todo-Desk-Passw0rd-27';
const TO_DO_TITLE = '报名被退回，请按退回原因修改后重新提交';

test.use({ actionTimeout: 15_000 });

/** An exclusive end as the portal writes it, in Beijing time: 2026-12-25 24:00 for midnight. */
function beijingEnd(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const midnight = shifted.getUTCHours() === 0 && shifted.getUTCMinutes() === 0;
  const day = new Date(shifted.getTime() - (midnight ? 60_000 : 0));
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  return midnight
    ? `${date} 24:00`
    : `${date} ${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}

/** The bell in the portal header, by the number of open items it announces. */
const bell = (page: Page, open: number) =>
  page.getByRole('link', {
    name: open > 0 ? `待办事项，${open} 项未办理` : '待办事项，暂无未办理事项',
  });

test('a returned candidate sees the to-do item with its deadline, and it is gone after resubmitting', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const reviewer = await staffMember(
    () => playwright.request.newContext({ baseURL: baseURL ?? '' }),
    'confirmation_reviewer',
    '钱审核',
    STAFF_PASSWORD,
  );

  // The candidate signs up, registers and submits.
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const candidate = newCandidate('钱待办');
  await signUp(page, candidate);
  await fillBasicInformation(await apiOf(page.request));
  await registerUpToMaterials(page, { city: '长宁区', testSite: /演示考点二/ });
  await fillRequiredSlots(page, await scanJpeg());
  await stepCard(page, '上传材料').getByRole('link', { name: '下一步' }).click();
  const submitStep = stepCard(page, '提交');
  await expect(submitStep.getByText('各项内容已完成，可以提交。')).toBeVisible();
  await submitStep.getByRole('button', { name: '提交报名信息' }).click();
  await expect(page.getByRole('heading', { name: '报名状态：待确认' })).toBeVisible();
  await expect(bell(page, 0)).toBeVisible();

  const cycleId = await registrationCycleId(page.request);
  const { registration } = (await (
    await page.request.get(`/api/registrations?cycleId=${cycleId}`)
  ).json()) as {
    registration: {
      id: number;
      registrationNumber: string;
      calendar: { kind: string; endsAt: string }[];
    };
  };
  const resubmission = registration.calendar.find((p) => p.kind === 'resubmission');
  expect(resubmission, 'the area has a resubmission phase').toBeDefined();
  const deadline = beijingEnd(resubmission?.endsAt ?? '');

  // The reviewer returns it through the review API, with a reason of the area's catalogue.
  const reasons = await reviewer.api.send<{ items: { code: string; label: string }[] }>(
    'get',
    '/api/review/reasons?stage=confirmation',
  );
  const reason = reasons.items.find((r) => r.code === 'form_not_signed');
  expect(reason, 'the catalogue has 申报表未签字盖章').toBeDefined();
  const { version } = await reviewer.api.send<{ version: number }>(
    'get',
    `/api/review/registrations/${registration.id}`,
  );
  await reviewer.api.send('post', `/api/review/registrations/${registration.id}/confirmation`, {
    version,
    decision: 'return',
    reasonCodes: ['form_not_signed'],
    note: '请上传单位盖章清晰的申报表。',
  });

  // The return is urgent: it also went out by SMS (the development outbox), with the deadline.
  await expect
    .poll(
      async () => {
        const outbox = (await (
          await page.request.get(`/api/dev/outbox?to=${candidate.mobile}`)
        ).json()) as { messages: { body: string; code: string | null }[] };
        return outbox.messages.find((m) => m.code === null)?.body ?? '';
      },
      { timeout: 20_000 },
    )
    .toContain(`${deadline}（北京时间）前修改后重新提交`);

  // The bell announces one item; 待办事项 shows it with its deadline in Beijing time.
  await page.goto('/registration');
  await expect(page.getByRole('heading', { name: '报名状态：确认不通过' })).toBeVisible();
  await expect(bell(page, 1)).toBeVisible();
  await expect(bell(page, 1).locator('.ant-badge')).toContainText('1');
  await bell(page, 1).click();
  await expect(page).toHaveURL(/\/todos$/);
  await expect(page.getByRole('heading', { level: 1, name: '待办事项' })).toBeVisible();
  const list = page.getByRole('list', { name: '未办理的待办事项' });
  const item = list.getByRole('listitem').filter({ hasText: TO_DO_TITLE });
  await expect(item).toHaveCount(1);
  await expect(item.getByRole('heading', { level: 2, name: TO_DO_TITLE })).toBeVisible();
  await expect(item).toContainText('修改后重新提交');
  await expect(item).toContainText(registration.registrationNumber);
  await expect(item).toContainText(`截止时间：${deadline}（北京时间）`);
  await expect(item).toContainText(/还剩 \d+ (天|小时)/);
  await check(page, 'todo-open-desktop');

  // The same list on a phone.
  const phone = await browser.newContext({ ...PHONE, storageState: await context.storageState() });
  const small = await phone.newPage();
  await small.goto('/todos');
  await expect(small.getByRole('heading', { level: 1, name: '待办事项' })).toBeVisible();
  await expect(
    small.getByRole('listitem').filter({ hasText: TO_DO_TITLE }).getByText(deadline),
  ).toBeVisible();
  await expectNoHorizontalOverflow(small);
  await expectAccessible(small, 'to-do list on a phone');
  await screenshot(small, 'todo-open-phone');
  await phone.close();

  // 去办理 leads to the registration: the candidate uploads the stamped form again and resubmits.
  await item.getByRole('link', { name: `去办理：${TO_DO_TITLE}` }).click();
  await expect(page).toHaveURL(/\/registration/);
  await expect(page.getByRole('heading', { name: '报名状态：确认不通过' })).toBeVisible();
  await expect(page.locator('.or-status')).toContainText('申报表未签字盖章');
  await expect(page.locator('.or-status')).toContainText('请上传单位盖章清晰的申报表。');
  await check(page, 'todo-returned-registration-desktop');
  await page.goto('/registration/materials');
  const formSlot = page.locator('li.or-slot').filter({ hasText: '报名申报表' });
  await formSlot.locator('input[type=file]').setInputFiles({
    name: '申报表-盖章.jpg',
    mimeType: 'image/jpeg',
    buffer: await scanJpeg({ mark: 12 }),
  });
  await expect(formSlot.getByText('申报表-盖章.jpg')).toBeVisible({ timeout: 20_000 });
  await page.goto('/registration/submit');
  const again = stepCard(page, '提交');
  await expect(again.getByText('各项内容已完成，可以提交。')).toBeVisible();
  await again.getByRole('button', { name: '重新提交' }).click();
  await expect(page.getByRole('heading', { name: '报名状态：待确认' })).toBeVisible();

  // The item is done: the bell has nothing to announce and 待办事项 is empty.
  await expect(bell(page, 0)).toBeVisible();
  await bell(page, 0).click();
  await expect(page.getByRole('heading', { level: 1, name: '待办事项' })).toBeVisible();
  await expect(page.getByText('暂无待办事项')).toBeVisible();
  await expect(page.getByText(TO_DO_TITLE)).toHaveCount(0);
  await check(page, 'todo-done-desktop');

  await context.close();
  await reviewer.api.request.dispose();
});
