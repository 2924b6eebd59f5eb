import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin', password: 'E2e-Console-Passw0rd!' } as const;

/** Logs in to the staff console (as the platform administrator unless told otherwise). */
export async function consoleLogin(
  page: Page,
  username: string = ADMIN.username,
  password: string = ADMIN.password,
): Promise<void> {
  await page.goto('/console/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
}

/** WCAG 2.1 A and AA rules, checked by axe-core on the page as it stands. */
export async function expectAccessible(page: Page, context: string): Promise<void> {
  // A popup still fading in or out has half-transparent text that fails the contrast rule for a
  // moment; check the page once its finite animations (antd's motion) have finished.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `accessibility violations on ${context}`).toEqual([]);
}

/** The page fits its viewport: nothing scrolls sideways. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

/** Saves a full-page screenshot under e2e/test-results/screens/ for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** The page fits its width, passes axe, and is saved for a person to look at. */
export async function check(page: Page, name: string): Promise<void> {
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page, name);
  await screenshot(page, name);
}

/**
 * Picks `option` in a single antd Select (typing `search` first into a searchable one) and checks
 * that it took: an option clicked while the list is still opening can miss, so open and click
 * again until the select shows the choice.
 */
export async function choose(
  page: Page,
  field: Locator,
  option: string | RegExp,
  search?: string,
): Promise<void> {
  const select = field.locator(
    'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  await expect(async () => {
    await field.click();
    if (search !== undefined) await field.fill(search);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click({ timeout: 2_000 });
    await expect(select).toContainText(option, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** Types a date into an antd DatePicker and confirms it. */
export async function fillDate(field: Locator, value: string): Promise<void> {
  await field.click();
  await field.fill(value);
  await field.press('Enter');
  await expect(field).toHaveValue(value);
}
