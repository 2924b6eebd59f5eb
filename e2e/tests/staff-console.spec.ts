import { expect, test } from '@playwright/test';
import {
  ADMIN,
  expectAccessible,
  expectNoHorizontalOverflow,
  screenshot,
} from '../support/fixtures';

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
