import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type Locator,
  type Page,
} from '@playwright/test';
import sharp from 'sharp';
import {
  ADMIN,
  expectAccessible,
  expectNoHorizontalOverflow,
  screenshot,
} from '../support/fixtures';
import { doctorProfileSections, portrait, residentIdNumber } from '../support/candidate-data';

// Issue #6: a candidate submits; a confirmation reviewer claims it with 「领取下一条」 and returns it
// with two reasons and a note; the candidate reads them with the resubmission deadline, fixes the
// info and resubmits; the reviewer sees 「本次修改」 and confirms (on a 375 px phone); the candidate
// sees 报名确认 in green with a tick. The area administrator keeps the reason catalogue.

const PASSWORD = 'Kaoshi#2024pass';
const STAFF_PASSWORD = 'Review-Desk-Passw0rd-27';
/** A district no other journey registers in, so 「领取下一条」 with it as a filter finds ours. */
const CITY = '崇明区';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

test.use({ actionTimeout: 15_000 });

/** A scanned page: a white sheet with a few lines of "text". */
async function scanJpeg(label: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1100">
    <rect width="800" height="1100" fill="#ffffff"/>
    <rect x="60" y="120" width="${300 + label * 20}" height="40" fill="#222"/>
    <rect x="60" y="200" width="680" height="8" fill="#333"/>
    <rect x="60" y="260" width="520" height="8" fill="#333"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** A small, well-formed one-page PDF (a scanned certificate sent as PDF). */
function pdfBytes(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  ];
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** JSON calls with the CSRF token of the context's session (cookies shared with its pages). */
async function apiOf(request: APIRequestContext) {
  let csrf = ((await (await request.get('/api/auth/session')).json()) as { csrfToken: string })
    .csrfToken;
  const send = async <T>(
    method: 'post' | 'put' | 'get',
    url: string,
    data?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response =
      method === 'get'
        ? await request.get(url)
        : await request[method](url, { data, headers: { ...headers, 'x-csrf-token': csrf } });
    expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
  return {
    send,
    csrf: async () => csrf,
    login: async (username: string, password: string, portal: 'candidate' | 'console') => {
      const body = await send<{ csrfToken: string }>('post', '/api/auth/login', {
        username,
        password,
        portal,
      });
      csrf = body.csrfToken;
    },
  };
}

interface Registration {
  id: number;
  version: number;
  registrationNumber: string;
  materialSlots: { key: string; required: boolean }[];
}

/**
 * A candidate signed up and in (through the API, as the sign-up and 个人中心 pages would), with a
 * registration in 崇明区 for 303 内科学 complete up to the submission, which the page then makes.
 */
async function readyRegistration(
  request: APIRequestContext,
  name: string,
  cityName: string = CITY,
  submit = false,
) {
  const api = await apiOf(request);
  const mobile = `135${String(Date.now()).slice(-8)}`;
  await api.send('post', '/api/candidate/signup/code', { mobile });
  let code = '';
  await expect(async () => {
    const body = (await (await request.get(`/api/dev/outbox?to=${mobile}`)).json()) as {
      messages: { code: string | null }[];
    };
    code = body.messages[0]?.code ?? '';
    expect(code).toMatch(/^[0-9]{6}$/);
  }).toPass({ timeout: 10_000 });
  await api.send('post', '/api/candidate/signup', {
    documentType: 'resident_id',
    documentNumber: residentIdNumber(),
    name,
    mobile,
    code,
    password: PASSWORD,
    consent: true,
  });
  await api.login(mobile, PASSWORD, 'candidate');
  let { version } = await api.send<{ version: number }>('get', '/api/candidate/profile');
  for (const [path, data] of doctorProfileSections('non_local')) {
    ({ version } = await api.send<{ version: number }>('put', `/api/candidate/profile/${path}`, {
      version,
      data,
    }));
  }
  await api.send('post', '/api/candidate/profile/photo', {
    contentBase64: (await portrait()).toString('base64'),
  });

  const overview = await api.send<{ exams: { cycles: { id: number }[] }[] }>(
    'get',
    '/api/catalog/overview',
  );
  const cycleId = overview.exams[0]?.cycles[0]?.id ?? 0;
  let r = await api.send<Registration>('post', '/api/registrations', {
    cycleId,
    examAreaCode: '31',
  });
  const choices = await api.send<{
    cities: { id: number; name: string }[];
    testSites: { id: number }[];
  }>('get', `/api/registrations/${r.id}/choices`);
  const city = choices.cities.find((c) => c.name === cityName);
  expect(city, `${cityName} is a registration city of Shanghai`).toBeDefined();
  r = await api.send<Registration>('put', `/api/registrations/${r.id}/area`, {
    version: r.version,
    cityId: city?.id,
    testSiteId: choices.testSites[0]?.id,
  });
  r = await api.send<Registration>('put', `/api/registrations/${r.id}/specialty`, {
    version: r.version,
    specialtyCode: '303',
  });
  r = await api.send<Registration>('put', `/api/registrations/${r.id}/info`, {
    version: r.version,
    employer: '上海市第一人民医院',
    department: '内科',
    post: '住院医师',
    yearsInSpecialty: 12,
    educationIndex: 0,
    earlyApplicationClaim: 'none',
  });
  r = await api.send<Registration>('post', `/api/registrations/${r.id}/photo-confirmation`);
  expect((await request.get(`/api/registrations/${r.id}/application-form.pdf`)).ok()).toBe(true);
  let n = 0;
  for (const slot of r.materialSlots.filter((s) => s.required)) {
    n += 1;
    r = await api.send<Registration>('post', `/api/registrations/${r.id}/materials/${slot.key}`, {
      fileName: `扫描件-${n}.jpg`,
      contentBase64: (await scanJpeg(n)).toString('base64'),
    });
  }
  // A PDF beside the scans, in 其他材料.
  r = await api.send<Registration>('post', `/api/registrations/${r.id}/materials/other`, {
    fileName: '继续教育证明.pdf',
    contentBase64: pdfBytes('CME 2026').toString('base64'),
  });
  if (submit) {
    r = await api.send<Registration>('post', `/api/registrations/${r.id}/submit`, undefined, {
      'idempotency-key': `e2e-review-${r.id}-${Date.now()}`,
    });
  }
  return r;
}

/** A member of staff of 上海 made by the platform administrator, with the password changed. */
async function staffMember(
  playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } },
  baseURL: string,
  role: 'confirmation_reviewer' | 'qualification_reviewer' | 'area_admin',
  displayName: string,
) {
  const admin = await playwright.request.newContext({ baseURL });
  const adminApi = await apiOf(admin);
  await adminApi.login(ADMIN.username, ADMIN.password, 'console');
  const areas = await adminApi.send<{ items: { id: number; code: string }[] }>(
    'get',
    '/api/exam-areas',
  );
  const username = `${role.slice(0, 2)}${Date.now().toString(36)}`;
  const initialPassword = 'First-Login-Passw0rd';
  await adminApi.send('post', '/api/staff/accounts', {
    username,
    displayName,
    roles: [role],
    examAreaId: areas.items.find((a) => a.code === '31')?.id,
    initialPassword,
  });
  await admin.dispose();
  const own = await playwright.request.newContext({ baseURL });
  const ownApi = await apiOf(own);
  await ownApi.login(username, initialPassword, 'console');
  await ownApi.send('post', '/api/auth/password', {
    currentPassword: initialPassword,
    newPassword: STAFF_PASSWORD,
  });
  await own.dispose();
  return username;
}

/** Open 审核队列 in the given stage narrowed to one district, from the menu. */
async function openQueue(page: Page, stage: '报名确认' | '资格审核', city: string) {
  await page.getByRole('navigation', { name: '主菜单' }).getByText('审核队列').click();
  await expect(page.getByRole('heading', { level: 1, name: '审核队列' })).toBeVisible();
  if (stage === '资格审核') await page.getByRole('tab', { name: /资格审核/ }).click();
  await choose(page, page.getByRole('combobox', { name: '报名地市' }), city, city.slice(0, 2));
  await expect(page).toHaveURL(/city=\d+/);
}

async function consoleLogin(browser: Browser, username: string, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? PHONE : { viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto('/console/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible();
  return page;
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

const card = (page: Page, title: string) =>
  page
    .locator('.section-card')
    .filter({ has: page.getByRole('heading', { name: title, level: 2 }) });

test('a reviewer returns a registration with reasons, the candidate fixes and resubmits, the reviewer confirms', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const reviewer = await staffMember(playwright, baseURL ?? '', 'confirmation_reviewer', '陈审核');

  // The candidate submits.
  const candidateContext = await browser.newContext({ viewport: DESKTOP });
  const candidate = await candidateContext.newPage();
  const registration = await readyRegistration(candidate.request, '周报名');
  await candidate.goto('/registration/submit');
  await expect(candidate.getByText('各项内容已完成，可以提交。')).toBeVisible();
  await candidate.getByRole('button', { name: '提交报名信息' }).click();
  await expect(candidate.getByRole('heading', { name: '报名状态：待确认' })).toBeVisible();

  // The reviewer narrows the queue and claims the next one.
  const desk = await consoleLogin(browser, reviewer);
  await desk.getByRole('navigation', { name: '主菜单' }).getByText('审核队列').click();
  await expect(desk.getByRole('heading', { level: 1, name: '审核队列' })).toBeVisible();
  await expect(desk.getByRole('tab', { name: '报名确认' })).toBeVisible();
  await choose(desk, desk.getByRole('combobox', { name: '报名地市' }), CITY, CITY.slice(0, 2));
  await choose(desk, desk.getByRole('combobox', { name: '历史考生' }), '仅首次报考');
  await expect(desk).toHaveURL(/city=\d+/);
  await expect(desk).toHaveURL(/returning=0/);
  const row = desk.getByRole('row').filter({ hasText: registration.registrationNumber });
  await expect(row).toContainText('周报名');
  await expect(row).toContainText('未领取');
  await expect(desk.getByText(/^共 \d+ 条/)).toBeVisible();
  await check(desk, 'review-queue-desktop');

  await desk.getByRole('button', { name: '领取下一条' }).click();
  await expect(desk).toHaveURL(new RegExp(`/console/review/${registration.id}\\?`));
  await expect(desk.getByRole('heading', { level: 1, name: '审核报名' })).toBeVisible();
  await expect(desk.locator('.rv-head')).toContainText(registration.registrationNumber);
  await expect(desk.getByText(/您已领取这条报名/)).toBeVisible();
  await expect(card(desk, '报考条件核对')).toContainText('符合报考条件');

  // The materials viewer: zoom with the keyboard, page through the slots.
  const viewer = desk.locator('.rv-stage');
  await expect(viewer.getByRole('img')).toBeVisible();
  await viewer.focus();
  await desk.keyboard.press('+');
  await expect(desk.locator('.rv-viewer-zoom')).toHaveText('125%');
  await desk.keyboard.press('r');
  await desk.getByRole('button', { name: '复原' }).click();
  await expect(desk.locator('.rv-viewer-zoom')).toHaveText('100%');
  // A PDF shows in the page (or, without a PDF viewer, says so) with its download.
  await desk.getByRole('button', { name: /其他材料/ }).click();
  await expect(desk.locator('.rv-stage.is-pdf')).toBeVisible();
  await expect(desk.getByRole('link', { name: '下载：继续教育证明.pdf' })).toBeVisible();
  await desk.getByRole('button', { name: /身份证件/ }).click();
  await check(desk, 'review-decision-desktop');

  // 退回修改 with two reasons and a note, confirmed in a dialog.
  const decision = card(desk, '审核决定');
  await decision.locator('label').filter({ hasText: '退回修改' }).click();
  await expect(decision.getByRole('radio', { name: '退回修改' })).toBeChecked();
  await decision.getByRole('button', { name: '提交审核决定' }).click();
  await expect(decision.getByText('请至少选择一项原因')).toBeVisible();
  await decision.getByRole('checkbox', { name: /申报表未签字盖章/ }).check();
  await decision.getByRole('checkbox', { name: /信息与材料不一致/ }).check();
  const note = '科室名称与单位证明不一致，请改为“心内科”后重新提交。';
  await decision.getByLabel('备注（选填，考生可以看到）').fill(note);
  await decision.getByRole('button', { name: '提交审核决定' }).click();
  const dialog = desk.getByRole('dialog');
  await expect(dialog).toContainText('确认提交审核决定？');
  await expect(dialog).toContainText('申报表未签字盖章、信息与材料不一致');
  await check(desk, 'review-return-dialog-desktop');
  await dialog.getByRole('button', { name: '确认提交' }).click();
  await expect(desk.getByText('审核决定已提交：退回修改')).toBeVisible();
  await expect(desk.getByText('这条报名的状态现在是“确认不通过”。')).toBeVisible();
  await expect(card(desk, '办理记录')).toContainText('陈审核');
  await check(desk, 'review-returned-desktop');

  // The candidate reads the reasons, the note and the deadline, fixes the info and resubmits.
  await candidate.goto('/registration/info');
  await expect(candidate.getByRole('heading', { name: '报名状态：确认不通过' })).toBeVisible();
  const status = candidate.locator('.or-status');
  await expect(status).toContainText('申报表未签字盖章');
  await expect(status).toContainText('信息与材料不一致');
  await expect(status).toContainText(note);
  await expect(status).toContainText(/重新提交截止时间.*\d{4}-\d{2}-\d{2}/);
  await check(candidate, 'review-candidate-returned');
  const info = candidate.locator('.or-step-card').filter({
    has: candidate.getByRole('heading', { name: '填写报名信息', level: 2 }),
  });
  await info.getByLabel('科室').fill('心内科');
  await info.getByRole('button', { name: '保存' }).click();
  // Saving moves on to the next step.
  await expect(candidate.getByRole('heading', { name: '确认报名照片', level: 2 })).toBeVisible();
  // The form prints the info: download it again, and upload the newly stamped one.
  await candidate.goto('/registration/form');
  const download = candidate.waitForEvent('download');
  await candidate.getByRole('link', { name: '下载申报表' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await candidate.goto('/registration/materials');
  const formSlot = candidate.locator('li.or-slot').filter({ hasText: '报名申报表' });
  await formSlot.locator('input[type=file]').setInputFiles({
    name: '申报表-重新盖章.jpg',
    mimeType: 'image/jpeg',
    buffer: await scanJpeg(9),
  });
  await expect(formSlot.getByText('申报表-重新盖章.jpg')).toBeVisible({ timeout: 20_000 });
  await candidate.goto('/registration/submit');
  await expect(candidate.getByText('各项内容已完成，可以提交。')).toBeVisible();
  await candidate.getByRole('button', { name: '重新提交' }).click();
  await expect(candidate.getByRole('heading', { name: '报名状态：待确认' })).toBeVisible();

  // On a phone the reviewer claims it again from the same filtered queue, sees 本次修改, confirms.
  const phone = await consoleLogin(browser, reviewer, true);
  await phone.goto(`/console/review${new URL(desk.url()).search}`);
  await expect(phone.getByRole('heading', { level: 1, name: '审核队列' })).toBeVisible();
  await expect(
    phone.getByRole('row').filter({ hasText: registration.registrationNumber }),
  ).toContainText('重新提交');
  await check(phone, 'review-queue-phone');
  await phone.getByRole('button', { name: '领取下一条' }).click();
  await expect(phone).toHaveURL(new RegExp(`/console/review/${registration.id}\\?`));
  const changes = card(phone, '本次修改');
  await expect(changes).toContainText('申报表未签字盖章');
  await expect(changes).toContainText(note);
  await expect(changes).toContainText('科室');
  await expect(changes.locator('.rv-change').filter({ hasText: '科室' }).locator('ins')).toHaveText(
    '心内科',
  );
  const formChange = changes.locator('.rv-change').filter({ hasText: '申报表-重新盖章.jpg' });
  await expect(formChange).toBeVisible();
  await formChange.getByRole('button', { name: /在材料中查看/ }).click();
  await expect(phone.getByRole('button', { name: /报名申报表/, pressed: true })).toBeVisible();
  await expect(phone.locator('.rv-stage')).toBeFocused();
  await check(phone, 'review-decision-phone');
  const phoneDecision = card(phone, '审核决定');
  await phoneDecision.locator('label').filter({ hasText: '确认通过' }).click();
  await expect(phoneDecision.getByRole('radio', { name: '确认通过' })).toBeChecked();
  await phoneDecision.getByRole('button', { name: '提交审核决定' }).click();
  const confirmDialog = phone.getByRole('dialog');
  await expect(confirmDialog).toContainText('审核结论：确认通过');
  await check(phone, 'review-confirm-dialog-phone');
  await confirmDialog.getByRole('button', { name: '确认提交' }).click();
  await expect(phone.getByText('审核决定已提交：确认通过')).toBeVisible();
  await check(phone, 'review-confirmed-phone');
  // 下一条: nothing else waits in this filtered queue.
  await phone.getByRole('button', { name: '下一条' }).click();
  await expect(phone.getByText(/当前筛选条件下没有待领取的报名/)).toBeVisible();

  // The candidate sees 报名确认 in green with a tick.
  await candidate.goto('/registration');
  await expect(candidate.getByRole('heading', { name: '报名状态：报名确认' })).toBeVisible();
  await expect(candidate.locator('.or-status.is-success .anticon-check-circle')).toBeVisible();
  await expect(candidate.locator('.or-timeline')).toContainText('确认通过');
  await check(candidate, 'review-candidate-confirmed');

  await candidateContext.close();
  await desk.context().close();
  await phone.context().close();
});

test('the area administrator keeps the reason catalogue and reads the queues without deciding', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const username = await staffMember(playwright, baseURL ?? '', 'area_admin', '刘管理');
  const page = await consoleLogin(browser, username);
  const nav = page.getByRole('navigation', { name: '主菜单' });

  await nav.getByText('退回原因设置').click();
  await expect(page.getByRole('heading', { level: 1, name: '退回原因设置' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '学历不符 education_mismatch' })).toBeVisible();
  await check(page, 'review-reasons-desktop');

  // Add a reason, then edit it, move it up, deactivate and reactivate it.
  await page.getByRole('button', { name: '新增原因' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('代码').fill('seal_unclear');
  await dialog.getByLabel('原因名称').fill('公章不清晰');
  await dialog
    .getByLabel('给考生的说明')
    .fill('申报表上的单位公章无法辨认，请重新扫描清晰的申报表后上传。');
  await expectAccessible(page, 'reason dialog');
  await dialog.getByRole('button', { name: '新增' }).click();
  await expect(page.getByText('已新增原因“公章不清晰”。')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'seal_unclear' });
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: '修改：公章不清晰' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('代码')).toBeDisabled();
  await dialog.getByLabel('原因名称').fill('单位公章不清晰');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存“单位公章不清晰”。')).toBeVisible();

  const rows = page.locator('.ant-table-tbody > tr.ant-table-row:visible');
  await expect(rows.last()).toContainText('单位公章不清晰');
  await page.getByRole('button', { name: '上移：单位公章不清晰' }).click();
  await expect(page.getByText('顺序已调整。')).toBeVisible();
  await expect(rows.last()).not.toContainText('单位公章不清晰');
  await expect(rows.nth(-2)).toContainText('单位公章不清晰');

  await page.getByRole('button', { name: '停用：单位公章不清晰' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click();
  await expect(page.getByText('已停用“单位公章不清晰”。')).toBeVisible();
  await expect(row).toContainText('已停用');
  await page.getByRole('button', { name: '启用：单位公章不清晰' }).click();
  await expect(row).toContainText('在用');

  await page.getByRole('tab', { name: /资格审核/ }).click();
  await expect(page.getByRole('cell', { name: '不符合报考条件 not_eligible' })).toBeVisible();

  // Both queues, read-only: no 「领取下一条」.
  await nav.getByText('审核队列').click();
  await expect(page.getByRole('heading', { level: 1, name: '审核队列' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /报名确认/ })).toBeVisible();
  await page.getByRole('tab', { name: /资格审核/ }).click();
  await expect(page).toHaveURL(/stage=qualification/);
  await expect(page.getByRole('button', { name: '领取下一条' })).toHaveCount(0);
  await check(page, 'review-queue-admin-desktop');
  await page.context().close();
});

test('a confirmation reviewer returns two registrations at once, each with its own outcome', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const city = '金山区';
  const reviewer = await staffMember(playwright, baseURL ?? '', 'confirmation_reviewer', '吴批量');
  const numbers: string[] = [];
  const ids: number[] = [];
  for (const name of ['郑一', '王二']) {
    const context = await browser.newContext();
    const r = await readyRegistration(context.request, name, city, true);
    numbers.push(r.registrationNumber);
    ids.push(r.id);
    await context.close();
  }

  // Another reviewer holds the first one: the list says who, it cannot be picked, its screen
  // tells the reviewer to take another; once released it can be decided again.
  const other = await staffMember(playwright, baseURL ?? '', 'confirmation_reviewer', '李占用');
  const otherContext = await playwright.request.newContext({ baseURL: baseURL ?? '' });
  const otherApi = await apiOf(otherContext);
  await otherApi.login(other, STAFF_PASSWORD, 'console');
  await otherApi.send('post', `/api/review/claims/${ids[0]}`);

  const page = await consoleLogin(browser, reviewer);
  await openQueue(page, '报名确认', city);
  const held = page.getByRole('row').filter({ hasText: numbers[0] });
  await expect(held).toContainText('李占用 审核中');
  await expect(held.getByRole('checkbox')).toBeDisabled();
  await held.getByRole('link', { name: new RegExp(numbers[0] ?? '') }).click();
  await expect(page.getByText(/李占用 正在审核这条报名/).first()).toBeVisible();
  await expect(card(page, '审核决定').getByRole('button', { name: '提交审核决定' })).toHaveCount(0);
  await expectAccessible(page, 'registration held by another reviewer');
  const releaseResponse = await otherContext.delete(`/api/review/claims/${ids[0]}`, {
    headers: { 'x-csrf-token': await otherApi.csrf() },
  });
  expect(releaseResponse.ok()).toBe(true);
  await otherContext.dispose();
  await page.getByRole('button', { name: '刷新' }).click();
  await expect(card(page, '审核决定').getByRole('button', { name: '提交审核决定' })).toBeVisible();
  await page.getByRole('link', { name: '返回审核队列' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '审核队列' })).toBeVisible();
  for (const number of numbers) {
    await page.getByRole('row').filter({ hasText: number }).getByRole('checkbox').check();
  }
  await expect(page.getByRole('region', { name: '已选择 2 条' })).toBeVisible();
  await page.getByRole('button', { name: '批量退回' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('退回选中的 2 条报名？');
  await dialog.getByRole('button', { name: '退回修改' }).click();
  await expect(dialog.getByText('请至少选择一项原因')).toBeVisible();
  await dialog.getByRole('checkbox', { name: /照片不合格/ }).check();
  await dialog.getByLabel('备注（选填，考生可以看到）').fill('请更换近期免冠正面证件照。');
  await check(page, 'review-bulk-dialog-desktop');
  await dialog.getByRole('button', { name: '退回修改' }).click();
  await expect(dialog).toContainText('2 条全部办理成功。');
  for (const number of numbers) await expect(dialog).toContainText(number);
  await expect(dialog.getByText('当前状态：确认不通过')).toHaveCount(2);
  await check(page, 'review-bulk-result-desktop');
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect(page.getByText('当前筛选条件下没有报名记录。')).toBeVisible();
  await page.context().close();
});

test('a qualification reviewer asks for supplementary materials, told when results are published', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const city = '奉贤区';
  const confirmer = await staffMember(playwright, baseURL ?? '', 'confirmation_reviewer', '孙确认');
  const qualifier = await staffMember(
    playwright,
    baseURL ?? '',
    'qualification_reviewer',
    '钱资格',
  );
  const candidate = await browser.newContext();
  const registration = await readyRegistration(candidate.request, '冯资格', city, true);
  await candidate.close();
  // Confirmed through the API (the confirmation screen has its own journey above).
  const api = await playwright.request.newContext({ baseURL: baseURL ?? '' });
  const confirmerApi = await apiOf(api);
  await confirmerApi.login(confirmer, STAFF_PASSWORD, 'console');
  const { version } = await confirmerApi.send<{ version: number }>(
    'get',
    `/api/review/registrations/${registration.id}`,
  );
  await confirmerApi.send('post', `/api/review/registrations/${registration.id}/confirmation`, {
    version,
    decision: 'confirm',
  });
  await api.dispose();

  const page = await consoleLogin(browser, qualifier);
  await openQueue(page, '资格审核', city);
  await expect(
    page.getByRole('row').filter({ hasText: registration.registrationNumber }),
  ).toContainText('报名确认');
  await page.getByRole('button', { name: '领取下一条' }).click();
  await expect(page).toHaveURL(new RegExp(`/console/review/${registration.id}\\?`));
  const decision = card(page, '审核决定');
  await expect(decision).toContainText('审核结果公布时间');
  await decision.locator('label').filter({ hasText: '要求补充材料' }).click();
  await decision.getByRole('checkbox', { name: '学历证书' }).check();
  await decision.getByLabel('备注（选填，考生可以看到）').fill('请补充学历证书的学信网验证报告。');
  await check(page, 'review-qualification-desktop');
  await decision.getByRole('button', { name: '提交审核决定' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('补充材料栏目：学历证书');
  await dialog.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByText('审核决定已提交：要求补充材料')).toBeVisible();
  await expect(page.getByText('这条报名的状态现在是“待补充材料”。')).toBeVisible();
  await page.context().close();
});
