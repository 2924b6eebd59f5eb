import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { expectAccessible, expectNoHorizontalOverflow, screenshot } from '../support/fixtures';
import { doctorProfileSections, portrait, residentIdNumber } from '../support/candidate-data';

// Issue #5: a candidate with complete basic information (made through the API, as the sign-up and
// 个人中心 pages would) goes through every step of 网上报名 in the browser to a submitted
// registration (待确认), then withdraws it — on a 375 px phone and on a desktop.

const PASSWORD = 'Kaoshi#2024pass';

async function scanJpeg(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1100">
    <rect width="800" height="1100" fill="#ffffff"/>
    <rect x="60" y="120" width="500" height="40" fill="#222"/>
    <rect x="60" y="200" width="680" height="8" fill="#333"/>
    <rect x="60" y="260" width="520" height="8" fill="#333"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** Signs a new candidate up and in through the API (cookies shared with the page) and fills the profile. */
async function readyCandidate(request: APIRequestContext, mobile: string) {
  const session = async () =>
    ((await (await request.get('/api/auth/session')).json()) as { csrfToken: string }).csrfToken;
  let csrf = await session();
  const send = async (method: 'post' | 'put', url: string, data: unknown) => {
    const response = await request[method](url, { data, headers: { 'x-csrf-token': csrf } });
    expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
    return response;
  };
  await send('post', '/api/candidate/signup/code', { mobile });
  let code = '';
  await expect(async () => {
    const body = (await (await request.get(`/api/dev/outbox?to=${mobile}`)).json()) as {
      messages: { code: string | null }[];
    };
    code = body.messages[0]?.code ?? '';
    expect(code).toMatch(/^[0-9]{6}$/);
  }).toPass({ timeout: 10_000 });
  await send('post', '/api/candidate/signup', {
    documentType: 'resident_id',
    documentNumber: residentIdNumber(),
    name: '王晓明',
    mobile,
    code,
    password: PASSWORD,
    consent: true,
  });
  const login = await send('post', '/api/auth/login', {
    username: mobile,
    password: PASSWORD,
    portal: 'candidate',
  });
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  let version = (
    (await (await request.get('/api/candidate/profile')).json()) as { version: number }
  ).version;
  for (const [path, data] of doctorProfileSections('non_local')) {
    const saved = await send('put', `/api/candidate/profile/${path}`, { version, data });
    version = ((await saved.json()) as { version: number }).version;
  }
  await send('post', '/api/candidate/profile/photo', {
    contentBase64: (await portrait()).toString('base64'),
  });
}

/** Pick an option of an antd Select (typing `search` first into a searchable one). */
async function choose(page: Page, field: Locator, option: string | RegExp, search?: string) {
  const select = field.locator('xpath=ancestor::div[contains(@class, "ant-select ")][1]');
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

async function check(page: Page, name: string) {
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page, name);
  await screenshot(page, name);
}

const stepCard = (page: Page, title: string) =>
  page
    .locator('.or-step-card')
    .filter({ has: page.getByRole('heading', { name: title, level: 2 }) });

async function journey(page: Page, tag: string) {
  const mobile = `137${String(Date.now()).slice(-8)}`;
  await readyCandidate(page.request, mobile);

  await page.goto('/');
  await page.getByRole('link', { name: '网上报名', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '网上报名' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '进入网上报名' })).toBeVisible();
  await check(page, `or-start-${tag}`);
  await page.getByRole('button', { name: '进入网上报名' }).click();

  // 选择报名地市和考点
  await expect(page.getByRole('heading', { name: /报名状态：未提交/ })).toBeVisible();
  const area = stepCard(page, '选择报名地市和考点');
  await expect(area).toBeVisible();
  await check(page, `or-area-${tag}`);
  await choose(page, page.getByRole('combobox', { name: /报名地市/ }), /区/);
  await choose(page, page.getByRole('combobox', { name: /考点/ }), /./);
  await area.getByRole('button', { name: '保存' }).click();

  // 选择专业和级别
  const specialty = stepCard(page, '选择专业和级别');
  await expect(specialty).toBeVisible();
  await choose(page, page.getByRole('combobox', { name: /报考专业/ }), /303 内科学/, '303');
  await specialty.getByRole('button', { name: '保存' }).click();
  await expect(specialty.getByText('符合报考条件', { exact: true })).toBeVisible();
  await check(page, `or-specialty-${tag}`);
  await specialty.getByRole('link', { name: '下一步' }).click();

  // 填写报名信息 (the employer comes prefilled from the basic information)
  const info = stepCard(page, '填写报名信息');
  await expect(info.getByLabel('工作单位')).toHaveValue('上海市第一人民医院');
  await info.getByLabel('从事本专业工作年限（年）').fill('12');
  await check(page, `or-info-${tag}`);
  await info.getByRole('button', { name: '保存' }).click();

  // 确认报名照片
  const photo = stepCard(page, '确认报名照片');
  await expect(photo.getByRole('img', { name: '基本照片' })).toBeVisible();
  await photo.getByRole('button', { name: '确认使用此照片' }).click();

  // 下载申报表
  const form = stepCard(page, '下载申报表');
  await expect(form.getByText('由所在单位经办人核对后签字')).toBeVisible();
  const download = page.waitForEvent('download');
  await form.getByRole('link', { name: '下载申报表' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await expect(form.getByText(/已于 .* 下载申报表/)).toBeVisible();
  await check(page, `or-form-${tag}`);
  await form.getByRole('link', { name: '下一步' }).click();

  // 上传材料: a scan into every required slot
  const materials = stepCard(page, '上传材料');
  await expect(materials).toBeVisible();
  const scan = await scanJpeg();
  const slots = materials.locator('li.or-slot').filter({ hasText: '必须上传' });
  const count = await slots.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const slot = slots.nth(i);
    await slot
      .locator('input[type=file]')
      .setInputFiles({ name: `scan-${i}.jpg`, mimeType: 'image/jpeg', buffer: scan });
    await expect(slot.getByRole('img', { name: /缩略图/ })).toBeVisible({ timeout: 20_000 });
  }
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
