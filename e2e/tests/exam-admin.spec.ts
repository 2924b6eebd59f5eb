import { expect, test, type Page } from '@playwright/test';
import {
  ADMIN,
  expectAccessible,
  expectNoHorizontalOverflow,
  screenshot,
} from '../support/fixtures';

/** A minimal valid one-page PDF, built in the test. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** `YYYY-MM-DD` plus some days (calendar arithmetic on the date alone). */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function login(page: Page) {
  await page.goto('/console/login');
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
}

test('a platform admin sets the registration deadline and publishes a notice with a PDF', async ({
  page,
  browser,
  baseURL,
}) => {
  await login(page);
  const nav = page.getByRole('navigation', { name: '主菜单' });
  for (const item of ['考试日程', '考试通知', '考点管理', '开考专业与收费', '专业目录']) {
    await expect(nav.getByText(item, { exact: true })).toBeVisible();
  }

  // 考试日程: move the last day of 网上报名 three days later, save, reload, see it kept.
  await nav.getByText('考试日程').click();
  await expect(page.getByRole('heading', { level: 1, name: '考试日程' })).toBeVisible();
  const registration = page.getByRole('group', { name: '网上报名' });
  const endDate = registration.getByLabel('截止日期（最后一天）');
  await expect(endDate).not.toHaveValue('');
  const before = await endDate.inputValue();
  const after = addDays(before, 3);
  await expect(registration.getByLabel('截止时刻')).toHaveValue('24:00');
  await expectAccessible(page, 'calendar admin');
  await screenshot(page, 'exam-admin-calendar-desktop');

  // Inline validation with the core rules: registration may not end after the exam starts.
  const examRule = page.getByText('考试须在网上报名截止之后开始。');
  await endDate.click();
  await endDate.fill('2099-12-31');
  await endDate.press('Enter');
  await expect(examRule).toBeVisible();

  await endDate.click();
  await endDate.fill(after);
  await endDate.press('Enter');
  await expect(endDate).toHaveValue(after);
  await expect(examRule).toBeHidden();
  await expect(registration.getByText(`该阶段截至 ${after} 24:00（北京时间）`)).toBeVisible();
  await page.getByRole('button', { name: '保存日程' }).click();
  await expect(page.getByText('考试日程已保存')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '考试日程' })).toBeVisible();
  await expect(
    page.getByRole('group', { name: '网上报名' }).getByLabel('截止日期（最后一天）'),
  ).toHaveValue(after);

  // 考试通知: create a draft, attach a PDF, publish it.
  const title = `考试通知测试 ${Date.now().toString(36)}`;
  await nav.getByText('考试通知').click();
  await expect(page.getByRole('heading', { level: 1, name: '考试通知' })).toBeVisible();
  await page.getByRole('button', { name: '新建通知' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('通知标题').fill(title);
  await dialog.getByLabel('通知正文').fill('报名时间和要求见附件。\n请考生按时完成网上报名。');
  await expectAccessible(page, 'create notice dialog');
  await dialog.getByRole('button', { name: '保存为草稿' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole('article', { name: title });
  await expect(card.getByText('草稿', { exact: true })).toBeVisible();
  await card.locator('input[type="file"]').setInputFiles({
    name: '报名须知.pdf',
    mimeType: 'application/pdf',
    buffer: minimalPdf(),
  });
  await expect(card.getByRole('link', { name: '下载 报名须知.pdf' })).toBeVisible();
  await expect(card.getByRole('link', { name: '下载 报名须知.pdf' })).toHaveAttribute(
    'href',
    /\/api\/admin\/notices\/\d+\/attachments\/\d+$/,
  );

  await card.getByRole('button', { name: '发布', exact: true }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '发布', exact: true }).click();
  await expect(card.getByText('已发布', { exact: true })).toBeVisible();
  await expect(page.locator('.ant-popconfirm')).toBeHidden();
  await expect(page.getByText(`已发布“${title}”`)).toBeVisible();
  await expectAccessible(page, 'notices admin');
  await screenshot(page, 'exam-admin-notices-desktop');

  // Candidates read the published notice and download its attachment before logging in (R1).
  const visitorContext = await browser.newContext({ baseURL });
  const visitor = await visitorContext.newPage();
  await visitor.goto('/');
  const notice = visitor.locator('details', { hasText: title });
  await notice.locator('summary').click();
  await expect(notice.getByText('请考生按时完成网上报名。')).toBeVisible();
  const link = notice.getByRole('link', { name: '下载 报名须知.pdf' });
  await expect(link).toHaveAttribute('href', /^\/api\/notices\/\d+\/attachments\/\d+$/);
  const download = await visitor.request.get((await link.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toContain('application/pdf');
  expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await expectAccessible(visitor, 'portal home with a published notice');
  await screenshot(visitor, 'portal-home-with-notice-desktop');
  await visitorContext.close();

  // The other pages open and are accessible.
  await nav.getByText('考点管理').click();
  await expect(page.getByRole('heading', { level: 1, name: '考点管理' })).toBeVisible();
  await expect(page.locator('.data-table tbody tr').first()).toBeVisible();
  await expectAccessible(page, 'test sites admin');
  await screenshot(page, 'exam-admin-test-sites-desktop');

  await nav.getByText('开考专业与收费').click();
  await expect(page.getByRole('heading', { level: 1, name: '开考专业与收费' })).toBeVisible();
  await expect(page.getByRole('button', { name: '保存开考专业' })).toBeVisible();
  await expectAccessible(page, 'offerings admin');
  await screenshot(page, 'exam-admin-offerings-desktop');

  await nav.getByText('专业目录').click();
  await expect(page.getByRole('heading', { level: 1, name: '专业目录' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '导入专业目录' })).toBeVisible();
  await expect(page.getByText('已核实').first()).toBeVisible();
  await expectAccessible(page, 'specialties admin');
  await screenshot(page, 'exam-admin-specialties-desktop');
});

test.describe('exam administration on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the calendar page fits the screen', async ({ page }) => {
    await login(page);
    await page.goto('/console/calendar');
    await expect(page.getByRole('heading', { level: 1, name: '考试日程' })).toBeVisible();
    await expect(
      page.getByRole('group', { name: '网上报名' }).getByLabel('截止日期（最后一天）'),
    ).not.toHaveValue('');
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page, 'calendar admin (phone)');
    await screenshot(page, 'exam-admin-calendar-phone');
  });
});
