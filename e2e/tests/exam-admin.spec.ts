import { expect, test } from '@playwright/test';
import { onePagePdf } from '../support/candidate-data';
import {
  consoleLogin,
  choose,
  expectAccessible,
  expectNoHorizontalOverflow,
  screenshot,
} from '../support/fixtures';
import { attemptOf, forAttempt } from '../support/unique';

// The journeys below walk through many pages with an axe check on each: give them room when the
// machine is busy.
test.describe.configure({ timeout: 180_000 });

/** `YYYY-MM-DD` plus some days (calendar arithmetic on the date alone). */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Exam areas the journey below may add, one per attempt (code, name); support/returning.ts opens
 * others.
 */
const NEW_AREAS = [
  ['33', '浙江'],
  ['32', '江苏'],
  ['34', '安徽'],
  ['35', '福建'],
] as const;

test('a platform admin sets the registration deadline and publishes a notice with a PDF', async ({
  page,
  browser,
  baseURL,
}) => {
  await consoleLogin(page);
  const nav = page.getByRole('navigation', { name: '主菜单' });
  for (const item of ['考试日程', '考试通知', '考点管理', '开考专业与收费', '专业目录']) {
    await expect(nav.getByText(item, { exact: true })).toBeVisible();
  }

  // 考试日程: move the last day of 网上报名 three days, save, reload, see it kept. Later, unless an
  // earlier attempt (the database outlives a retry) did so already and 报名确认 would then end
  // before 网上报名: then three days earlier, back to where it was.
  await nav.getByText('考试日程').click();
  await expect(page.getByRole('heading', { level: 1, name: '考试日程' })).toBeVisible();
  const registration = page.getByRole('group', { name: '网上报名', exact: true });
  const endDate = registration.getByLabel('截止日期（最后一天）');
  await expect(endDate).not.toHaveValue('');
  const before = await endDate.inputValue();
  const confirmationEnd = await page
    .getByRole('group', { name: '报名确认', exact: true })
    .getByLabel('截止日期（最后一天）')
    .inputValue();
  const after = addDays(before, addDays(before, 3) <= confirmationEnd ? 3 : -3);
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
    buffer: onePagePdf(),
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

test('a platform admin keeps exam areas, registration cities, cycles, area rules and a specialty', async ({
  page,
}, testInfo) => {
  // The run's database outlives a retry: each attempt adds its own area and past cycle.
  const [areaCode, areaName] = forAttempt(NEW_AREAS, testInfo);
  const pastYear = String(2019 - attemptOf(testInfo));
  await consoleLogin(page);
  const nav = page.getByRole('navigation', { name: '主菜单' });
  const toast = (text: string) => page.locator('.ant-message').getByText(text);
  const rows = (region: string) =>
    page.getByRole('region', { name: region }).locator('tbody tr.ant-table-row');

  // 考区与报名地市: the areas, then Shanghai's 16 districts in order.
  await nav.getByText('考区与报名地市').click();
  await expect(page.getByRole('heading', { level: 1, name: '考区与报名地市' })).toBeVisible();
  await expect(rows('考区列表').filter({ hasText: '上海' })).toHaveCount(1);
  await expect(page.getByRole('heading', { name: '上海的报名地市' })).toBeVisible();
  const cities = rows('报名地市列表');
  await expect(cities).toHaveCount(16);
  await expect(cities.first()).toContainText('黄浦区');
  await expectAccessible(page, 'exam areas admin');
  await screenshot(page, 'exam-admin-areas-desktop');

  // Move 黄浦区 down and back up with the keyboard-reachable buttons.
  await page.getByRole('button', { name: '下移：黄浦区' }).click();
  await expect(toast('已将“黄浦区”移到第 2 位。')).toBeVisible();
  await expect(cities.nth(0)).toContainText('徐汇区');
  await expect(cities.nth(1)).toContainText('黄浦区');
  await page.getByRole('button', { name: '上移：黄浦区' }).click();
  await expect(toast('已将“黄浦区”移到第 1 位。')).toBeVisible();
  await expect(cities.nth(0)).toContainText('黄浦区');

  // A new exam area, with a bad code first.
  await page.getByRole('button', { name: '新增考区' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('考区代码').fill('3');
  await dialog.getByLabel('考区名称').fill(areaName);
  await dialog.getByRole('button', { name: '新增', exact: true }).click();
  await expect(dialog.getByText('考区代码须为 2 位数字')).toBeVisible();
  await dialog.getByLabel('考区代码').fill(areaCode);
  await expectAccessible(page, 'create exam area dialog');
  await dialog.getByRole('button', { name: '新增', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(`已新增考区“${areaName}”`)).toBeVisible();
  await expect(rows('考区列表').filter({ hasText: areaName })).toHaveCount(1);

  // Its registration cities: pick the area, add two, take one out of use.
  await choose(page, page.locator('#scope-area'), areaName);
  await expect(page.getByRole('heading', { name: `${areaName}的报名地市` })).toBeVisible();
  await expect(page.getByText('本考区还没有报名地市')).toBeVisible();
  for (const [code, name] of [
    ['330102', '上城区'],
    ['330105', '拱墅区'],
  ] as const) {
    await page.getByRole('button', { name: '新增报名地市' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('地市代码').fill(code);
    await dialog.getByLabel('地市名称').fill(name);
    await dialog.getByRole('button', { name: '新增', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(toast(`已新增报名地市“${name}”`)).toBeVisible();
  }
  await expect(cities).toHaveCount(2);
  await page.getByRole('button', { name: '停用：拱墅区' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '停用', exact: true }).click();
  await expect(page.locator('.ant-popconfirm')).toBeHidden();
  await expect(toast('已停用报名地市“拱墅区”。')).toBeVisible();
  await expect(cities.nth(1)).toContainText('已停用');
  await expect(page.getByText('共 2 个报名地市，其中在用 1 个')).toBeVisible();
  await expectAccessible(page, 'registration cities of a new area');

  // 考试年度: add a past cycle (the demonstration cycle stays the newest), then rename it.
  await nav.getByText('考试年度').click();
  await expect(page.getByRole('heading', { level: 1, name: '考试年度' })).toBeVisible();
  const cyclesBefore = await rows('考试年度列表').count();
  await page.getByRole('button', { name: '新增考试年度' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('年度', { exact: true }).fill(pastYear);
  await expect(dialog.getByLabel('名称', { exact: true })).toHaveValue(
    `${pastYear}年度全国卫生专业技术资格考试`,
  );
  await expect(dialog.getByLabel('工作年限截止日期')).toHaveValue(`${Number(pastYear) - 1}-12-31`);
  await expectAccessible(page, 'create cycle dialog');
  await dialog.getByRole('button', { name: '新增', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(`已新增考试年度“${pastYear}年度全国卫生专业技术资格考试”`)).toBeVisible();
  await expect(rows('考试年度列表')).toHaveCount(cyclesBefore + 1);
  const past = rows('考试年度列表').filter({ hasText: `${pastYear}年度` });
  await expect(past).toContainText(`${Number(pastYear) - 1}-12-31`);
  await past.getByRole('button', { name: /^编辑：/ }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称', { exact: true }).fill(`${pastYear}年度卫生资格考试（历史）`);
  await dialog.getByRole('button', { name: '保存修改' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    rows('考试年度列表').filter({ hasText: `${pastYear}年度卫生资格考试（历史）` }),
  ).toHaveCount(1);
  await expectAccessible(page, 'cycles admin');
  await screenshot(page, 'exam-admin-cycles-desktop');

  // 考区报考规则: the new area starts on the defaults; turn P1's household rule on for it.
  await nav.getByText('考区报考规则').click();
  await expect(page.getByRole('heading', { level: 1, name: '考区报考规则' })).toBeVisible();
  const household = page.getByRole('switch', { name: '非本市户籍考生须提交居住证明' });
  await expect(household).toHaveAttribute('aria-checked', 'true'); // Shanghai
  await choose(page, page.locator('#scope-area'), areaName);
  await expect(page.getByText('本考区尚未保存自己的报考规则')).toBeVisible();
  await expect(household).toHaveAttribute('aria-checked', 'false');
  await household.click();
  await expect(household).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText('有尚未保存的修改')).toBeVisible();
  await expectAccessible(page, 'area rules with a change');
  await screenshot(page, 'exam-admin-area-rules-desktop');
  await page.getByRole('button', { name: '保存报考规则' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '保存', exact: true }).click();
  await expect(toast('报考规则已保存')).toBeVisible();
  await expect(page.getByText('本考区尚未保存自己的报考规则')).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '考区报考规则' })).toBeVisible();
  await expect(page.getByText(/最后保存于/)).toBeVisible();
  await expect(page.getByRole('switch', { name: '非本市户籍考生须提交居住证明' })).toHaveAttribute(
    'aria-checked',
    'true',
  );

  // 专业目录: a platform admin corrects one specialty's certainty.
  await nav.getByText('专业目录').click();
  await expect(page.getByRole('heading', { level: 1, name: '专业目录' })).toBeVisible();
  await page.getByRole('searchbox', { name: '搜索专业' }).fill('101');
  const row = rows('专业列表').filter({ hasText: '药学(士)' });
  await expect(row).toHaveCount(1);
  const before = (await row.getByText(/^(已核实|待核实)$/).textContent()) ?? '';
  const after = before === '已核实' ? '待核实' : '已核实';
  await row.getByRole('button', { name: '编辑专业：101 药学(士)' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('专业名称')).toHaveValue('药学(士)');
  await dialog.getByRole('radio', { name: after }).check();
  await expectAccessible(page, 'edit specialty dialog');
  await dialog.getByRole('button', { name: '保存修改' }).click();
  await expect(dialog).toBeHidden();
  await expect(toast('已保存专业“101 药学(士)”的修改。')).toBeVisible();
  await expect(row.getByText(after, { exact: true })).toBeVisible();
});

test.describe('exam administration on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the calendar page fits the screen', async ({ page }) => {
    await consoleLogin(page);
    await page.goto('/console/calendar');
    await expect(page.getByRole('heading', { level: 1, name: '考试日程' })).toBeVisible();
    await expect(
      page.getByRole('group', { name: '网上报名' }).getByLabel('截止日期（最后一天）'),
    ).not.toHaveValue('');
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page, 'calendar admin (phone)');
    await screenshot(page, 'exam-admin-calendar-phone');
  });

  test('the exam areas, cycles and area rules pages fit the screen', async ({ page }) => {
    await consoleLogin(page);
    for (const [path, title, ready, shot] of [
      ['/console/exam-areas', '考区与报名地市', '上海的报名地市', 'exam-admin-areas-phone'],
      ['/console/cycles', '考试年度', '新增考试年度', 'exam-admin-cycles-phone'],
      ['/console/eligibility-rules', '考区报考规则', '保存报考规则', 'exam-admin-area-rules-phone'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByText(ready).first()).toBeVisible();
      await expectNoHorizontalOverflow(page);
      await expectAccessible(page, `${title} (phone)`);
      await screenshot(page, shot);
    }
  });
});
