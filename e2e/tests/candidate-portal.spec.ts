import { expect, test } from '@playwright/test';
import { expectAccessible, expectNoHorizontalOverflow, screenshot } from '../support/fixtures';

const STEP_TITLES = [
  '注册登录',
  '维护基本信息',
  '选择考试项目',
  '选择考区',
  '填写报名信息',
  '确认报名照片',
  '下载申报表',
  '上传材料',
  '提交',
];

test.describe('a visitor on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('opens the candidate portal and sees the registration steps and the calendar', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/网上报名/);
    await expect(page.getByRole('heading', { level: 1, name: '考生网上报名' })).toBeVisible();
    const main = page.getByRole('main');
    for (const title of STEP_TITLES) {
      await expect(main.getByText(new RegExp(`^${title}`)).first()).toBeVisible();
    }
    await expect(main.getByText('您当前所处步骤：注册登录')).toBeVisible();
    await expect(main.getByText('网上报名', { exact: true }).first()).toBeVisible();
    await expect(main.getByText('进行中').first()).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page, 'portal home (phone)');
    await screenshot(page, 'portal-home-phone');

    await page.getByRole('link', { name: '登录' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: '考生登录' })).toBeVisible();
    await expect(page.getByLabel('账号')).toBeVisible();
    await expect(page.getByLabel('密码', { exact: true })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page, 'candidate login (phone)');
    await screenshot(page, 'portal-login-phone');

    await page.goto('/signup');
    await expect(page.getByRole('heading', { level: 1, name: '注册账号' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page, 'sign-up entry (phone)');
  });

  test('sees a clear message when the password is wrong', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('账号').fill('310101199001011234');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByText('账号或密码不正确')).toBeVisible();
    await expectAccessible(page, 'candidate login with an error (phone)');
  });
});

test('the portal home on a desktop fits and passes the accessibility check', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '考生网上报名' })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page, 'portal home (desktop)');
  await screenshot(page, 'portal-home-desktop');
});
