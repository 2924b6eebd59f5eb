import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type Page,
  type PlaywrightWorkerArgs,
} from '@playwright/test';
import {
  apiOf,
  draftRegistration,
  fillBasicInformation,
  signUpThroughApi,
  staffMember,
  submitRegistration,
  type Registration,
  type StaffRole,
} from '../support/api';
import { newCandidate, onePagePdf, scanJpeg } from '../support/candidate-data';
import { check, choose, consoleLogin, expectAccessible } from '../support/fixtures';
import { forAttempt } from '../support/unique';

// Issue #6: a candidate submits; a confirmation reviewer claims it with 「领取下一条」 and returns it
// with two reasons and a note; the candidate reads them with the resubmission deadline, fixes the
// info and resubmits; the reviewer sees 「本次修改」 and confirms (on a 375 px phone); the candidate
// sees 报名确认 in green with a tick. The area administrator keeps the reason catalogue.

const STAFF_PASSWORD = 'Review-Desk-Passw0rd-27';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/*
 * The districts the journeys below register in, one per attempt: no other journey registers there,
 * and a retry or a repeat takes the next one, so that 「领取下一条」 and the lists filtered by the
 * district find this attempt's registrations only, not those an earlier attempt left behind.
 */
const RETURN_AND_CONFIRM_CITIES = ['崇明区', '宝山区', '嘉定区', '浦东新区'] as const;
const BULK_RETURN_CITIES = ['金山区', '闵行区', '杨浦区'] as const;
const SUPPLEMENT_CITIES = ['奉贤区', '虹口区', '普陀区', '静安区'] as const;

/** Return reasons the area administrator adds, one per attempt: code, name, the name edited. */
const NEW_REASONS = [
  ['seal_unclear', '公章不清晰', '单位公章不清晰'],
  ['signature_unclear', '签名不清晰', '经办人签名不清晰'],
  ['date_unclear', '落款日期不清晰', '申报表落款日期不清晰'],
  ['scan_incomplete', '扫描不完整', '申报表扫描不完整'],
] as const;

test.use({ actionTimeout: 15_000 });

/**
 * A candidate signed up and in (through the API, as the sign-up and 个人中心 pages would), with a
 * registration in `city` for 303 内科学 complete up to the submission (a PDF in 其他材料 beside
 * the scans), submitted when asked — or else left for the page to submit.
 */
async function readyRegistration(
  request: APIRequestContext,
  name: string,
  city: string,
  submit = false,
): Promise<Registration> {
  const api = await apiOf(request);
  await signUpThroughApi(api, newCandidate(name));
  await fillBasicInformation(api, 'non_local');
  let r = await draftRegistration(api, city);
  r = await api.send<Registration>('post', `/api/registrations/${r.id}/materials/other`, {
    fileName: '继续教育证明.pdf',
    contentBase64: onePagePdf('CME 2026').toString('base64'),
  });
  return submit ? submitRegistration(api, r.id) : r;
}

/** A member of staff of 上海 with the journeys' password, logged in through the API. */
const newStaff = (
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string | undefined,
  role: StaffRole,
  displayName: string,
) =>
  staffMember(
    () => playwright.request.newContext({ baseURL: baseURL ?? '' }),
    role,
    displayName,
    STAFF_PASSWORD,
  );

/** The username of a new member of staff of 上海 (see `newStaff`), who logs in in the browser. */
async function staffUsername(...args: Parameters<typeof newStaff>): Promise<string> {
  const { username, api } = await newStaff(...args);
  await api.request.dispose();
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

/** A page of its own, logged in to the console as `username`, on a desktop or a phone. */
async function consolePage(browser: Browser, username: string, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? PHONE : { viewport: DESKTOP });
  const page = await context.newPage();
  await consoleLogin(page, username, STAFF_PASSWORD);
  return page;
}

const card = (page: Page, title: string) =>
  page
    .locator('.section-card')
    .filter({ has: page.getByRole('heading', { name: title, level: 2 }) });

test('a reviewer returns a registration with reasons, the candidate fixes and resubmits, the reviewer confirms', async ({
  browser,
  playwright,
  baseURL,
}, testInfo) => {
  test.setTimeout(300_000);
  const city = forAttempt(RETURN_AND_CONFIRM_CITIES, testInfo);
  const reviewer = await staffUsername(playwright, baseURL, 'confirmation_reviewer', '陈审核');

  // The candidate submits.
  const candidateContext = await browser.newContext({ viewport: DESKTOP });
  const candidate = await candidateContext.newPage();
  const registration = await readyRegistration(candidate.request, '周报名', city);
  await candidate.goto('/registration/submit');
  await expect(candidate.getByText('各项内容已完成，可以提交。')).toBeVisible();
  await candidate.getByRole('button', { name: '提交报名信息' }).click();
  await expect(candidate.getByRole('heading', { name: '报名状态：待确认' })).toBeVisible();

  // The reviewer narrows the queue and claims the next one.
  const desk = await consolePage(browser, reviewer);
  await desk.getByRole('navigation', { name: '主菜单' }).getByText('审核队列').click();
  await expect(desk.getByRole('heading', { level: 1, name: '审核队列' })).toBeVisible();
  await expect(desk.getByRole('tab', { name: '报名确认' })).toBeVisible();
  await choose(desk, desk.getByRole('combobox', { name: '报名地市' }), city, city.slice(0, 2));
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
    buffer: await scanJpeg({ mark: 9 }),
  });
  await expect(formSlot.getByText('申报表-重新盖章.jpg')).toBeVisible({ timeout: 20_000 });
  await candidate.goto('/registration/submit');
  await expect(candidate.getByText('各项内容已完成，可以提交。')).toBeVisible();
  await candidate.getByRole('button', { name: '重新提交' }).click();
  await expect(candidate.getByRole('heading', { name: '报名状态：待确认' })).toBeVisible();

  // On a phone the reviewer claims it again from the same filtered queue, sees 本次修改, confirms.
  const phone = await consolePage(browser, reviewer, true);
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
}, testInfo) => {
  test.setTimeout(120_000);
  // The catalogue outlives a retry: each attempt adds a reason of its own.
  const [code, label, edited] = forAttempt(NEW_REASONS, testInfo);
  const username = await staffUsername(playwright, baseURL, 'area_admin', '刘管理');
  const page = await consolePage(browser, username);
  const nav = page.getByRole('navigation', { name: '主菜单' });

  await nav.getByText('退回原因设置').click();
  await expect(page.getByRole('heading', { level: 1, name: '退回原因设置' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '学历不符 education_mismatch' })).toBeVisible();
  await check(page, 'review-reasons-desktop');

  // Add a reason, then edit it, move it up, deactivate and reactivate it.
  await page.getByRole('button', { name: '新增原因' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('代码').fill(code);
  await dialog.getByLabel('原因名称').fill(label);
  await dialog
    .getByLabel('给考生的说明')
    .fill('申报表上的单位公章无法辨认，请重新扫描清晰的申报表后上传。');
  await expectAccessible(page, 'reason dialog');
  await dialog.getByRole('button', { name: '新增' }).click();
  await expect(page.getByText(`已新增原因“${label}”。`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: code });
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: `修改：${label}` }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('代码')).toBeDisabled();
  await dialog.getByLabel('原因名称').fill(edited);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText(`已保存“${edited}”。`)).toBeVisible();

  const rows = page.locator('.ant-table-tbody > tr.ant-table-row:visible');
  await expect(rows.last()).toContainText(edited);
  await page.getByRole('button', { name: `上移：${edited}` }).click();
  await expect(page.getByText('顺序已调整。')).toBeVisible();
  await expect(rows.last()).not.toContainText(edited);
  await expect(rows.nth(-2)).toContainText(edited);

  await page.getByRole('button', { name: `停用：${edited}` }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click();
  await expect(page.getByText(`已停用“${edited}”。`)).toBeVisible();
  await expect(row).toContainText('已停用');
  await page.getByRole('button', { name: `启用：${edited}` }).click();
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
}, testInfo) => {
  test.setTimeout(180_000);
  const city = forAttempt(BULK_RETURN_CITIES, testInfo);
  const reviewer = await staffUsername(playwright, baseURL, 'confirmation_reviewer', '吴批量');
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
  const { api: other } = await newStaff(playwright, baseURL, 'confirmation_reviewer', '李占用');
  await other.send('post', `/api/review/claims/${ids[0]}`);

  const page = await consolePage(browser, reviewer);
  await openQueue(page, '报名确认', city);
  const held = page.getByRole('row').filter({ hasText: numbers[0] });
  await expect(held).toContainText('李占用 审核中');
  await expect(held.getByRole('checkbox')).toBeDisabled();
  await held.getByRole('link', { name: new RegExp(numbers[0] ?? '') }).click();
  await expect(page.getByText(/李占用 正在审核这条报名/).first()).toBeVisible();
  await expect(card(page, '审核决定').getByRole('button', { name: '提交审核决定' })).toHaveCount(0);
  await expectAccessible(page, 'registration held by another reviewer');
  await other.send('delete', `/api/review/claims/${ids[0]}`);
  await other.request.dispose();
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
}, testInfo) => {
  test.setTimeout(180_000);
  const city = forAttempt(SUPPLEMENT_CITIES, testInfo);
  const { api: confirmer } = await newStaff(playwright, baseURL, 'confirmation_reviewer', '孙确认');
  const qualifier = await staffUsername(playwright, baseURL, 'qualification_reviewer', '钱资格');
  const candidate = await browser.newContext();
  const registration = await readyRegistration(candidate.request, '冯资格', city, true);
  await candidate.close();
  // Confirmed through the API (the confirmation screen has its own journey above).
  const { version } = await confirmer.send<{ version: number }>(
    'get',
    `/api/review/registrations/${registration.id}`,
  );
  await confirmer.send('post', `/api/review/registrations/${registration.id}/confirmation`, {
    version,
    decision: 'confirm',
  });
  await confirmer.request.dispose();

  const page = await consolePage(browser, qualifier);
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
