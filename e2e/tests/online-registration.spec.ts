import { expect, test, type Page } from '@playwright/test';
import { apiOf, fillBasicInformation, signUpThroughApi } from '../support/api';
import { newCandidate, scanJpeg } from '../support/candidate-data';
import { check } from '../support/fixtures';
import { fillRequiredSlots, registerUpToMaterials, stepCard } from '../support/returning';

// Issue #5: a candidate with complete basic information (made through the API, as the sign-up and
// 个人中心 pages would) goes through every step of 网上报名 in the browser to a submitted
// registration (待确认), then withdraws it — on a 375 px phone and on a desktop.

async function journey(page: Page, tag: string) {
  const api = await apiOf(page.request);
  await signUpThroughApi(api, newCandidate('王晓明'));
  await fillBasicInformation(api, 'non_local');

  await page.goto('/');
  await page.getByRole('link', { name: '网上报名', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '网上报名' })).toBeVisible();
  // Any city and test site: from the start card to the materials, each step checked.
  await registerUpToMaterials(page, { city: /区/, testSite: /./ }, `or-${tag}`);

  // 上传材料: a scan into every required slot
  await fillRequiredSlots(page, await scanJpeg());
  const materials = stepCard(page, '上传材料');
  await check(page, `or-materials-${tag}`);
  await materials.getByRole('link', { name: '下一步' }).click();

  // 提交
  const submit = stepCard(page, '提交');
  await expect(submit.getByText('各项内容已完成，可以提交。')).toBeVisible();
  await submit.getByRole('button', { name: '提交报名信息' }).click();
  await expect(page.getByRole('heading', { name: '报名状态：待确认' })).toBeVisible();
  await expect(page.locator('.or-timeline')).toContainText('提交报名信息');
  await check(page, `or-submitted-${tag}`);

  // 撤回信息提交
  await page.getByRole('button', { name: '撤回信息提交' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('确定撤回信息提交吗？');
  await check(page, `or-withdraw-dialog-${tag}`);
  await dialog.getByRole('button', { name: '撤回信息提交' }).click();
  await expect(page.getByRole('heading', { name: '报名状态：未提交' })).toBeVisible();
  await expect(page.locator('.or-timeline')).toContainText('撤回信息提交');
  await check(page, `or-withdrawn-${tag}`);
}

test.describe('online registration on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  test('a candidate registers, submits and withdraws', async ({ page }) => {
    test.setTimeout(180_000);
    await journey(page, 'phone');
  });
});

test.describe('online registration on a desktop', () => {
  test('a candidate registers, submits and withdraws', async ({ page }) => {
    test.setTimeout(180_000);
    await journey(page, 'desktop');
  });
});
