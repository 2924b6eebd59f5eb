import {
  expect,
  type APIRequestContext,
  type Browser,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { adminApi, codeFor, registrationCycleId } from './api';
import { PASSWORD, type Candidate } from './candidate-data';
import { check, choose, consoleLogin } from './fixtures';
import { forAttempt } from './unique';

/*
 * Steps in the browser shared by the registration journeys: an administrator's import of last
 * year's results in the console (历史考生, R6/R7), a candidate's sign-up, the steps of 网上报名 up
 * to the materials, and a second exam area open for registration (修改考区, R8).
 */

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
    await consoleLogin(page);
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
 * registration info, the photo, the form download. Leaves the page on 上传材料. With `shots`, each
 * step is checked (width, axe) and saved as `${shots}-<step>` for a person to look at.
 */
export async function registerUpToMaterials(
  page: Page,
  choice: { city: string | RegExp; testSite: string | RegExp },
  shots?: string,
): Promise<void> {
  const shot = async (step: string) => {
    if (shots) await check(page, `${shots}-${step}`);
  };
  await page.goto('/registration');
  await expect(page.getByRole('heading', { level: 1, name: '网上报名' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '进入网上报名' })).toBeVisible();
  await shot('start');
  await page.getByRole('button', { name: '进入网上报名' }).click();
  await expect(page.getByRole('heading', { name: /报名状态：未提交/ })).toBeVisible();

  const area = stepCard(page, '选择报名地市和考点');
  await expect(area).toBeVisible();
  await choose(page, page.getByRole('combobox', { name: /报名地市/ }), choice.city);
  await choose(page, page.getByRole('combobox', { name: /考点/ }), choice.testSite);
  await shot('area');
  await area.getByRole('button', { name: '保存' }).click();

  const specialty = stepCard(page, '选择专业和级别');
  await expect(specialty).toBeVisible();
  await choose(page, page.getByRole('combobox', { name: /报考专业/ }), /303 内科学/, '303');
  await specialty.getByRole('button', { name: '保存' }).click();
  await expect(specialty.getByText('符合报考条件', { exact: true })).toBeVisible();
  await shot('specialty');
  await specialty.getByRole('link', { name: '下一步' }).click();

  // The employer comes prefilled from the basic information.
  const info = stepCard(page, '填写报名信息');
  await expect(info.getByLabel('工作单位')).toHaveValue('上海市第一人民医院');
  await info.getByLabel('从事本专业工作年限（年）').fill('12');
  await shot('info');
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
  await shot('form');
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

export interface OpenedArea {
  code: string;
  name: string;
  city: string;
  testSite: string;
}

/**
 * Exam areas the change-of-area journey may open, one per attempt (a retry or a repeat of the
 * journey adds the next), none of them among those the exam-admin journey adds in the console:
 * code, name, a registration city with its code, a test site code.
 */
const OTHER_AREAS = [
  ['36', '江西', '360102', '东湖区', '3601'],
  ['37', '山东', '370102', '历下区', '3701'],
  ['41', '河南', '410102', '中原区', '4101'],
  ['42', '湖北', '420102', '江岸区', '4201'],
] as const;

/**
 * A second exam area whose registration is open in the demonstration cycle, as an administrator
 * sets it up in the console (done through the API here; the console pages have their own
 * journey): one registration city, one test site, Shanghai's calendar and specialties with fees.
 */
export async function openAnotherArea(
  request: APIRequestContext,
  testInfo: TestInfo,
): Promise<OpenedArea> {
  const [code, name, cityCode, city, siteCode] = forAttempt(OTHER_AREAS, testInfo);
  const area: OpenedArea = { code, name, city, testSite: `演示考点（${city}）` };
  const admin = await adminApi(request);
  const cycleId = await registrationCycleId(request);
  const areas = await admin.send<{ items: { id: number; code: string }[] }>(
    'get',
    '/api/exam-areas',
  );
  const shanghai = areas.items.find((a) => a.code === '31');
  expect(shanghai, 'the Shanghai area').toBeDefined();
  const created = await admin.send<{ id: number }>('post', '/api/admin/exam-areas', {
    code,
    name,
  });
  await admin.send('post', `/api/admin/exam-areas/${created.id}/cities`, {
    code: cityCode,
    name: city,
  });
  await admin.send('post', `/api/admin/exam-areas/${created.id}/test-sites`, {
    code: siteCode,
    name: area.testSite,
    address: '演示数据，非真实地址',
  });
  const from = `/api/admin/cycles/${cycleId}/exam-areas/${shanghai?.id ?? 0}`;
  const to = `/api/admin/cycles/${cycleId}/exam-areas/${created.id}`;
  const calendar = await admin.send<{
    phases: { kind: string; startsAt: string; endsAt: string }[];
  }>('get', `${from}/calendar`);
  await admin.send('put', `${to}/calendar`, {
    phases: calendar.phases.map(({ kind, startsAt, endsAt }) => ({ kind, startsAt, endsAt })),
  });
  const offerings = await admin.send<{
    items: { specialtyId: number; feePerSubjectFen: number; active: boolean }[];
  }>('get', `${from}/offerings`);
  await admin.send('put', `${to}/offerings`, {
    offerings: offerings.items
      .filter((o) => o.active)
      .map(({ specialtyId, feePerSubjectFen }) => ({ specialtyId, feePerSubjectFen })),
  });
  return area;
}
