import {
  expect,
  type APIRequestContext,
  type Browser,
  type Locator,
  type Page,
} from '@playwright/test';
import sharp from 'sharp';
import { doctorProfileSections, portrait, residentIdNumber as idNumberOf } from './candidate-data';
import { ADMIN, expectAccessible, expectNoHorizontalOverflow, screenshot } from './fixtures';

/*
 * Helpers of the returning-candidate journeys (历史考生, R6/R7): an administrator's import of last
 * year's results in the console, a candidate's sign-up in the browser with the basic information
 * filled through the API (as the 个人中心 pages would; those pages have their own journey), and the
 * steps of 网上报名.
 */

export const PASSWORD = 'Kaoshi#2024pass';

/** A fresh, valid 居民身份证 number (黄浦区, born 1985–1990). */
export const residentIdNumber = (): string => idNumberOf('310101', 1985, 6);

export interface Candidate {
  documentNumber: string;
  name: string;
  mobile: string;
}

let sequence = 0;
/** A new candidate with a unique document number and mobile. */
export function newCandidate(name: string): Candidate {
  sequence += 1;
  return {
    documentNumber: residentIdNumber(),
    name,
    mobile: `136${String(Date.now() + sequence).slice(-8)}`,
  };
}

/** The year of the demonstration cycle open for registration (its previous year is imported). */
export async function registrationYear(request: APIRequestContext): Promise<number> {
  const response = await request.get('/api/catalog/overview');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { exams: { cycles: { year: number }[] }[] };
  const year = body.exams[0]?.cycles[0]?.year;
  expect(year, 'a cycle open for registration').toBeDefined();
  return year ?? 0;
}

export interface ResultRow {
  candidate: Candidate;
  city: string;
  testSite: string;
  specialty: string;
  level: string;
  scores: number[];
  absent?: boolean;
  disciplined?: boolean;
}

const HEADER = '证件号码,姓名,报名地市,考点,专业代码,级别,科目1,科目2,科目3,科目4,缺考,违纪';

/** 历史考生成绩导入: an administrator checks and imports a CSV file in the console. */
export async function importPreviousResults(
  browser: Browser,
  year: number,
  rows: ResultRow[],
  shot?: string,
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto('/console/login');
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
    await page.getByRole('navigation', { name: '主菜单' }).getByText('历史考生成绩导入').click();
    await expect(page.getByRole('heading', { level: 1, name: '历史考生成绩导入' })).toBeVisible();
    await page.getByLabel('成绩所属考试年度').fill(String(year));
    const lines = rows.map((row) =>
      [
        row.candidate.documentNumber,
        row.candidate.name,
        row.city,
        row.testSite,
        row.specialty,
        row.level,
        ...row.scores.map(String),
        row.absent ? '是' : '否',
        row.disciplined ? '是' : '否',
      ].join(','),
    );
    await page.locator('.specialty-import input[type="file"]').setInputFiles({
      name: `${year}年度成绩.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(`${HEADER}\r\n${lines.join('\r\n')}\r\n`),
    });
    await expect(page.getByText('检查通过，可以导入。')).toBeVisible();
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect(page.getByText('历史考生成绩已导入。')).toBeVisible();
    await expect(page.getByRole('cell', { name: String(year), exact: true })).toBeVisible();
    if (shot) await check(page, shot);
  } finally {
    await context.close();
  }
}

/**
 * The newest verification code the development outbox holds for a mobile number. Urgent
 * notifications (a return, a supplement request) go to the same outbox by SMS: only messages that
 * carry a code count.
 */
export async function codeFor(request: APIRequestContext, to: string): Promise<string> {
  let code = '';
  await expect(async () => {
    const response = await request.get(`/api/dev/outbox?to=${encodeURIComponent(to)}`);
    const body = (await response.json()) as { messages: { code: string | null }[] };
    code = body.messages.find((m) => m.code !== null)?.code ?? '';
    expect(code).toMatch(/^[0-9]{6}$/);
  }).toPass({ timeout: 10_000 });
  return code;
}

/** 注册账号 in the browser; the candidate lands in 个人中心, logged in. */
export async function signUp(page: Page, candidate: Candidate): Promise<void> {
  await page.goto('/');
  await page
    .getByRole('navigation', { name: '用户菜单' })
    .getByRole('link', { name: '注册账号' })
    .click();
  const form = page.getByRole('form', { name: '注册账号' });
  await form.getByLabel('证件号码').fill(candidate.documentNumber);
  await form.getByLabel('姓名').fill(candidate.name);
  await form.getByLabel('手机号码').fill(candidate.mobile);
  await form.getByRole('button', { name: '获取验证码' }).click();
  await expect(form.getByRole('status').filter({ hasText: '验证码已发送至' })).toBeVisible();
  await form.getByLabel('验证码').fill(await codeFor(page.request, candidate.mobile));
  await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await form.getByLabel('确认密码').fill(PASSWORD);
  await form.getByRole('checkbox').check();
  await form.getByRole('button', { name: '注册', exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole('heading', { level: 1, name: '个人中心' })).toBeVisible();
}

/** The basic information and base photo, saved through the API with the page's session. */
export async function fillBasicInformation(page: Page): Promise<void> {
  const request = page.request;
  const session = (await (await request.get('/api/auth/session')).json()) as { csrfToken: string };
  const send = async (method: 'post' | 'put', url: string, data: unknown) => {
    const response = await request[method](url, {
      data,
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
    return response;
  };
  let version = (
    (await (await request.get('/api/candidate/profile')).json()) as { version: number }
  ).version;
  for (const [path, data] of doctorProfileSections('local')) {
    const saved = await send('put', `/api/candidate/profile/${path}`, { version, data });
    version = ((await saved.json()) as { version: number }).version;
  }
  await send('post', '/api/candidate/profile/photo', {
    contentBase64: (await portrait()).toString('base64'),
  });
}

/**
 * A scanned page: a white sheet with a few lines of "text" and some paper grain, so that the
 * re-encoded JPEG has a realistic size (noise makes it big enough to watch its upload progress).
 */
export async function scanJpeg(grain = 0): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1650">
    <rect x="90" y="180" width="750" height="60" fill="#222"/>
    <rect x="90" y="300" width="1020" height="12" fill="#333"/>
    <rect x="90" y="390" width="780" height="12" fill="#333"/></svg>`;
  const paper = sharp({
    create: {
      width: 1200,
      height: 1650,
      channels: 3,
      background: '#ffffff',
      ...(grain > 0 ? { noise: { type: 'gaussian' as const, mean: 235, sigma: grain } } : {}),
    },
  });
  const base = await paper.png().toBuffer();
  return sharp(base)
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** Pick an option of an antd Select (typing `search` first into a searchable one). */
export async function choose(
  page: Page,
  field: Locator,
  option: string | RegExp,
  search?: string,
): Promise<void> {
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

/** The page fits its width, passes axe, and is saved for a person to look at. */
export async function check(page: Page, name: string): Promise<void> {
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page, name);
  await screenshot(page, name);
}

/** The card of the current step of 网上报名, by its title. */
export const stepCard = (page: Page, title: string): Locator =>
  page
    .locator('.or-step-card')
    .filter({ has: page.getByRole('heading', { name: title, level: 2 }) });

/** The material slot card titled `label`. */
export const slotCard = (scope: Locator, label: string): Locator =>
  scope
    .locator('li.or-slot')
    .filter({ has: scope.page().getByRole('heading', { name: label, level: 3, exact: true }) });

/**
 * 网上报名 from the start card to the materials step: city and test site, specialty 303, the
 * registration info, the photo, the form download. Leaves the page on 上传材料.
 */
export async function registerUpToMaterials(
  page: Page,
  choice: { city: string; testSite: RegExp },
  shots?: string,
): Promise<void> {
  await page.goto('/registration');
  await expect(page.getByRole('heading', { level: 1, name: '网上报名' })).toBeVisible();
  await page.getByRole('button', { name: '进入网上报名' }).click();
  await expect(page.getByRole('heading', { name: /报名状态：未提交/ })).toBeVisible();

  const area = stepCard(page, '选择报名地市和考点');
  await expect(area).toBeVisible();
  await choose(page, page.getByRole('combobox', { name: /报名地市/ }), choice.city);
  await choose(page, page.getByRole('combobox', { name: /考点/ }), choice.testSite);
  if (shots) await check(page, `${shots}-area`);
  await area.getByRole('button', { name: '保存' }).click();

  const specialty = stepCard(page, '选择专业和级别');
  await expect(specialty).toBeVisible();
  await choose(page, page.getByRole('combobox', { name: /报考专业/ }), /303 内科学/, '303');
  await specialty.getByRole('button', { name: '保存' }).click();
  await expect(specialty.getByText('符合报考条件', { exact: true })).toBeVisible();
  await specialty.getByRole('link', { name: '下一步' }).click();

  const info = stepCard(page, '填写报名信息');
  await expect(info.getByLabel('工作单位')).toHaveValue('上海市第一人民医院');
  await info.getByLabel('从事本专业工作年限（年）').fill('12');
  await info.getByRole('button', { name: '保存' }).click();

  const photo = stepCard(page, '确认报名照片');
  await expect(photo.getByRole('img', { name: '基本照片' })).toBeVisible();
  await photo.getByRole('button', { name: '确认使用此照片' }).click();

  const form = stepCard(page, '下载申报表');
  await expect(form.getByText('由所在单位经办人核对后签字')).toBeVisible();
  const download = page.waitForEvent('download');
  await form.getByRole('link', { name: '下载申报表' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await expect(form.getByText(/已于 .* 下载申报表/)).toBeVisible();
  await form.getByRole('link', { name: '下一步' }).click();
  await expect(stepCard(page, '上传材料')).toBeVisible();
}

/** Upload one scan into every slot marked 必须上传 that is still empty. */
export async function fillRequiredSlots(page: Page, scan: Buffer): Promise<void> {
  const materials = stepCard(page, '上传材料');
  const slots = materials.locator('li.or-slot').filter({ hasText: '必须上传' });
  const count = await slots.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const slot = slots.nth(i);
    // A stamped form printed before the printed data changed (已失效) does not count.
    if ((await slot.locator('.or-file:not(:has(.or-file-outdated))').count()) > 0) continue;
    await slot
      .locator('input[type=file]')
      .setInputFiles({ name: `扫描件-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: scan });
    await expect(slot.getByRole('img', { name: /缩略图/ })).toBeVisible({ timeout: 20_000 });
  }
}

/** The demonstration cycle's id (the one open for registration). */
export async function registrationCycleId(request: APIRequestContext): Promise<number> {
  const response = await request.get('/api/catalog/overview');
  const body = (await response.json()) as { exams: { cycles: { id: number }[] }[] };
  const id = body.exams[0]?.cycles[0]?.id;
  expect(id, 'a cycle open for registration').toBeDefined();
  return id ?? 0;
}

/** An API context logged in as the platform administrator (cookies and CSRF token of its own). */
async function adminApi(request: APIRequestContext) {
  const csrf = ((await (await request.get('/api/auth/session')).json()) as { csrfToken: string })
    .csrfToken;
  const login = await request.post('/api/auth/login', {
    data: { username: ADMIN.username, password: ADMIN.password, portal: 'console' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(login.ok(), `admin login: ${await login.text()}`).toBe(true);
  const token = ((await login.json()) as { csrfToken: string }).csrfToken;
  return async <T>(method: 'get' | 'post' | 'put', url: string, data?: unknown): Promise<T> => {
    const response = await request[method](url, {
      data,
      headers: method === 'get' ? {} : { 'x-csrf-token': token },
    });
    expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
}

export interface OpenedArea {
  code: string;
  name: string;
  city: string;
  testSite: string;
}

/**
 * A second exam area whose registration is open in the demonstration cycle, as an administrator
 * sets it up in the console (done through the API here; the console pages have their own
 * journey): one registration city, one test site, Shanghai's calendar and specialties with fees.
 */
export async function openAnotherArea(request: APIRequestContext): Promise<OpenedArea> {
  const area: OpenedArea = {
    code: '32',
    name: '江苏',
    city: '玄武区',
    testSite: '演示考点（玄武区）',
  };
  const call = await adminApi(request);
  const cycleId = await registrationCycleId(request);
  const areas = await call<{ items: { id: number; code: string }[] }>('get', '/api/exam-areas');
  const shanghai = areas.items.find((a) => a.code === '31');
  expect(shanghai, 'the Shanghai area').toBeDefined();
  const created =
    areas.items.find((a) => a.code === area.code) ??
    (await call<{ id: number }>('post', '/api/admin/exam-areas', {
      code: area.code,
      name: area.name,
    }));
  await call('post', `/api/admin/exam-areas/${created.id}/cities`, {
    code: '320102',
    name: area.city,
  });
  await call('post', `/api/admin/exam-areas/${created.id}/test-sites`, {
    code: '3201',
    name: area.testSite,
    address: '演示数据，非真实地址',
  });
  const from = `/api/admin/cycles/${cycleId}/exam-areas/${shanghai?.id ?? 0}`;
  const to = `/api/admin/cycles/${cycleId}/exam-areas/${created.id}`;
  const calendar = await call<{ phases: { kind: string; startsAt: string; endsAt: string }[] }>(
    'get',
    `${from}/calendar`,
  );
  await call('put', `${to}/calendar`, {
    phases: calendar.phases.map(({ kind, startsAt, endsAt }) => ({ kind, startsAt, endsAt })),
  });
  const offerings = await call<{
    items: { specialtyId: number; feePerSubjectFen: number; active: boolean }[];
  }>('get', `${from}/offerings`);
  await call('put', `${to}/offerings`, {
    offerings: offerings.items
      .filter((o) => o.active)
      .map(({ specialtyId, feePerSubjectFen }) => ({ specialtyId, feePerSubjectFen })),
  });
  return area;
}
