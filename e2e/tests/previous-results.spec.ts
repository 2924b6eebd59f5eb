import { expect, test } from '@playwright/test';
import {
  consoleLogin,
  expectAccessible,
  expectNoHorizontalOverflow,
  screenshot,
} from '../support/fixtures';

// 历史考生成绩导入 (R6): check a file, see each faulty row, fix it, import, see the counts.
test.describe.configure({ timeout: 120_000 });

const HEADER = '证件号码,姓名,报名地市,考点,专业代码,级别,科目1,科目2,科目3,科目4,缺考,违纪';
const ID = '110101199003074514';

const csv = (city: string) => ({
  name: '成绩.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`${HEADER}\r\n${ID},张三,${city},3101,303,中级,72,55,61,40,否,否\r\n`),
});

test('an administrator checks a results file, sees the faulty row, then imports the fixed file', async ({
  page,
}) => {
  await consoleLogin(page);
  await page.getByRole('navigation', { name: '主菜单' }).getByText('历史考生成绩导入').click();
  await expect(page.getByRole('heading', { level: 1, name: '历史考生成绩导入' })).toBeVisible();
  await page.getByLabel('成绩所属考试年度').fill('2023');

  const input = page.locator('.specialty-import input[type="file"]');
  await input.setInputFiles(csv('火星区'));
  await expect(
    page.getByText('文件中有 1 处错误，未导入任何数据。', { exact: false }),
  ).toBeVisible();
  await expect(page.getByText('本考区没有报名地市“火星区”')).toBeVisible();
  await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);
  await expectAccessible(page, 'previous results: errors');
  await screenshot(page, 'previous-results-errors-desktop');

  await input.setInputFiles(csv('黄浦区'));
  await expect(page.getByText('检查通过，可以导入。')).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('历史考生成绩已导入。')).toBeVisible();
  await expect(page.getByRole('cell', { name: '2023', exact: true })).toBeVisible();
  await expect(page.getByText(/最近一次导入：.*2023 年度，文件“成绩.csv”，1 条/)).toBeVisible();
  await expect(page.getByText(ID)).toHaveCount(0);
  await expectAccessible(page, 'previous results: imported');
  await screenshot(page, 'previous-results-imported-desktop');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the page fits the screen', async ({ page }) => {
    await consoleLogin(page);
    await page.goto('/console/previous-results');
    await expect(page.getByRole('heading', { level: 1, name: '历史考生成绩导入' })).toBeVisible();
    await expect(page.getByLabel('成绩所属考试年度')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page, 'previous results (phone)');
    await screenshot(page, 'previous-results-phone');
  });
});
