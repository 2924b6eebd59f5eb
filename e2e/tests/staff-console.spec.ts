import { expect, test } from '@playwright/test';
import {
  ADMIN,
  choose,
  consoleLogin,
  expectAccessible,
  expectNoHorizontalOverflow,
  screenshot,
} from '../support/fixtures';
import { uniqueUsername } from '../support/unique';

test('a platform admin logs in and sees the console with navigation for the role', async ({
  page,
}) => {
  await page.goto('/console');
  await expect(page).toHaveURL(/\/console\/login/);
  await expect(page.getByRole('heading', { level: 1, name: '工作人员登录' })).toBeVisible();
  await expectAccessible(page, 'staff login');
  await screenshot(page, 'console-login-desktop');

  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await expect(nav.getByText('工作台')).toBeVisible();
  await expect(nav.getByText('人员管理')).toBeVisible();
  await expect(nav.getByText('审计日志')).toBeVisible();
  await expect(nav.getByText('修改密码')).toBeVisible();
  await expect(page.getByText('平台管理员').first()).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page, 'console dashboard');
  await screenshot(page, 'console-dashboard-desktop');

  await nav.getByText('人员管理').click();
  await expect(page.getByRole('heading', { level: 1, name: '人员管理' })).toBeVisible();
  await expect(page.getByRole('cell', { name: ADMIN.username }).first()).toBeVisible();
  await expectAccessible(page, 'staff management');
  await screenshot(page, 'console-staff-desktop');

  await nav.getByText('审计日志').click();
  await expect(page.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();
  await expect(page.getByText('auth.login').first()).toBeVisible();
  await expectAccessible(page, 'audit log');
  await screenshot(page, 'console-audit-desktop');
});

test('an admin creates a reviewer, who must change the initial password and then sees only the reviewer menu', async ({
  page,
}) => {
  const username = uniqueUsername('reviewer');
  const initialPassword = 'First-Login-Passw0rd';
  const newPassword = 'My-Own-Passw0rd-2027';

  await consoleLogin(page);
  await page.getByRole('navigation', { name: '主菜单' }).getByText('人员管理').click();
  await page.getByRole('button', { name: '新增人员' }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('姓名').fill('张审核');
  await dialog.getByLabel('角色').click();
  await page.locator('.ant-select-item-option', { hasText: '报名确认审核员' }).click();
  await dialog.getByLabel('姓名').click(); // close the role list
  await choose(page, dialog.getByLabel('所属考区'), '上海');
  await dialog.getByLabel('初始密码').fill(initialPassword);
  await expectAccessible(page, 'create staff dialog');
  await screenshot(page, 'console-create-staff-desktop');
  await dialog.getByRole('button', { name: '创建账号' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: new RegExp(username) }).first()).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.goto('/console/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(initialPassword);
  await page.getByRole('button', { name: '登录', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: '修改密码' })).toBeVisible();
  await expect(page.getByText('请先修改初始密码')).toBeVisible();
  await expectAccessible(page, 'forced password change');
  await page.getByLabel('当前密码').fill(initialPassword);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '确认修改' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await expect(nav.getByText('修改密码')).toBeVisible();
  await expect(nav.getByText('人员管理')).toHaveCount(0);
  await expect(nav.getByText('审计日志')).toHaveCount(0);
  await expect(page.getByText('报名确认审核员').first()).toBeVisible();
  await expectAccessible(page, 'reviewer dashboard');
});

test.describe('the console on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('opens the menu from the header and fits the screen', async ({ page }) => {
    await page.goto('/console/login');
    await expectNoHorizontalOverflow(page);
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page, 'console dashboard (phone)');
    await screenshot(page, 'console-dashboard-phone');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('dialog').getByText('审计日志').click();
    await expect(page.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page, 'audit log (phone)');
    await screenshot(page, 'console-audit-phone');
  });
});
