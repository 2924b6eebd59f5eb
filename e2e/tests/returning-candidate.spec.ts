import { expect, test, type Locator, type Page } from '@playwright/test';
import { apiOf, fillBasicInformation, registrationYear } from '../support/api';
import { newCandidate, scanJpeg, type Candidate } from '../support/candidate-data';
import { check, choose, screenshot } from '../support/fixtures';
import {
  fillRequiredSlots,
  importPreviousResults,
  openAnotherArea,
  registerUpToMaterials,
  signUp,
  slotCard,
  stepCard,
} from '../support/returning';

// Issue #5, R6/R7/R17: an administrator imports last year's results; a candidate who failed last
// year (not absent, not disciplined) signs up, registers for the same specialty, city and test
// site, uploads last year's score report and the other materials, and is confirmed by the system
// at submission (报名确认, green with a tick; 自动确认 in the timeline). A candidate whose city
// differs reads the failed condition and the two ways on, fixes the city and is confirmed on
// resubmission. Material uploads show their progress, go one after another, and a failed one is
// retried alone.

test.describe.configure({ timeout: 240_000 });

const PREVIOUS_SLOT = '上一年度成绩单或准考证';

/** Last year's row for a candidate: 内科学 (303) 中级 at 演示考点一 in 黄浦区, failed two subjects. */
const failedLastYear = (candidate: Candidate) => ({
  candidate,
  city: '黄浦区',
  testSite: '3101',
  specialty: '303',
  level: '中级',
  scores: [72, 55, 61, 40],
});

async function submit(page: Page) {
  const materials = stepCard(page, '上传材料');
  await materials.getByRole('link', { name: '下一步' }).click();
  const submitStep = stepCard(page, '提交');
  await expect(submitStep.getByText('各项内容已完成，可以提交。')).toBeVisible();
  await submitStep.getByRole('button', { name: /^(提交报名信息|重新提交)$/ }).click();
}

/** 报名确认: the green banner with its tick, no withdrawal, 自动确认 in the timeline. */
async function expectConfirmedAutomatically(page: Page, previousYear: number) {
  const banner = page.locator('section.or-status');
  await expect(page.getByRole('heading', { name: '报名状态：报名确认' })).toBeVisible();
  await expect(page.getByText('报名信息已提交，系统已自动确认您的报名。')).toBeVisible();
  await expect(banner).toHaveClass(/is-success/);
  await expect(banner).toHaveCSS('background-color', 'rgb(246, 255, 237)');
  const tick = banner.locator('.or-status-icon .anticon-check-circle');
  await expect(tick).toBeVisible();
  await expect(banner.locator('.or-status-icon')).toHaveCSS('color', 'rgb(35, 120, 4)');
  await expect(banner).toContainText('您的报名已确认，无需撤回信息提交。');
  await expect(banner).toContainText(/确认时间：/);
  await expect(page.getByRole('button', { name: '撤回信息提交' })).toHaveCount(0);
  const latest = page.locator('.or-timeline .ant-timeline-item').first();
  await expect(latest).toContainText('自动确认');
  await expect(latest).toContainText('系统');
  await expect(latest).toContainText(
    `历史考生：与 ${previousYear} 年度报名信息一致，已上传上一年度成绩单或准考证，系统自动确认。`,
  );
}

/** Slows the page's uploads down (Chromium's network emulation) so that progress can be seen. */
async function throttleUploads(page: Page, bytesPerSecond: number | null) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond ?? -1,
  });
}

const progressOf = (slot: Locator, fileName: string) =>
  slot.getByRole('progressbar', { name: `${fileName} 的上传进度` });

test('a returning candidate who failed last year is confirmed automatically at submission', async ({
  page,
  browser,
}) => {
  const year = await registrationYear(page.request);
  const candidate = newCandidate('赵立新');
  await importPreviousResults(
    browser,
    year - 1,
    [failedLastYear(candidate)],
    'returning-import-desktop',
  );

  await signUp(page, candidate);
  await fillBasicInformation(await apiOf(page.request));
  await registerUpToMaterials(
    page,
    { city: '黄浦区', testSite: /演示考点一/ },
    'returning-desktop',
  );

  // The import makes the candidate a returning one: last year's report is asked for (optional:
  // without it the area confirms by hand).
  const materials = stepCard(page, '上传材料');
  const previous = slotCard(materials, PREVIOUS_SLOT);
  await expect(previous).toContainText('选择上传');
  await expect(previous).toContainText(
    '历史考生请上传上一年度成绩单或准考证：报名信息与上一年度一致的，提交后系统自动确认；未上传的由考区人工确认。',
  );

  // Two pages chosen at once go one after another, each with its percentage; the second fails
  // (the connection drops) and is sent again alone while the first stays stored.
  const page1 = {
    name: '成绩单-第1页.jpg',
    mimeType: 'image/jpeg',
    buffer: await scanJpeg({ grain: 40 }),
  };
  const page2 = {
    name: '成绩单-第2页.jpg',
    mimeType: 'image/jpeg',
    buffer: await scanJpeg({ grain: 30 }),
  };
  await throttleUploads(page, 96 * 1024);
  await previous.locator('input[type=file]').setInputFiles([page1, page2]);
  const progress1 = progressOf(previous, page1.name);
  await expect(progress1).toBeVisible();
  await expect(
    previous.getByRole('status').filter({ hasText: `正在上传：${page1.name}` }),
  ).toBeVisible();
  await expect(
    previous.getByRole('status').filter({ hasText: `等待上传：${page2.name}` }),
  ).toBeVisible();
  await expect(progressOf(previous, page2.name)).toHaveAttribute('aria-valuenow', '0');
  await expect
    .poll(async () => Number(await progress1.getAttribute('aria-valuenow')), { timeout: 15_000 })
    .toBeGreaterThan(0);
  expect(Number(await progress1.getAttribute('aria-valuenow'))).toBeLessThan(100);
  await expect(previous.getByText(/\d+%/).first()).toBeVisible();
  // The next request for this slot (page 2's) loses its connection.
  await page.route(
    '**/api/registrations/*/materials/previous_score_report_or_ticket',
    (route) => route.abort('connectionreset'),
    { times: 1 },
  );
  // The bar moves on every progress event, so the page never settles for axe while it runs:
  // the picture is taken now, the accessibility check once the line has finished.
  await screenshot(page, 'returning-upload-progress-desktop');
  await previous.screenshot({ path: 'test-results/screens/returning-upload-progress-slot.png' });

  const failed = previous.getByRole('alert').filter({ hasText: `上传失败：${page2.name}` });
  await expect(failed).toBeVisible({ timeout: 60_000 });
  await expect(failed).toContainText('无法连接到报名系统服务器，请检查网络连接后重试。');
  await expect(previous.getByRole('img', { name: `${page1.name} 的缩略图` })).toBeVisible({
    timeout: 30_000,
  });
  await throttleUploads(page, null);
  await check(page, 'returning-upload-failed-desktop');
  await previous.screenshot({ path: 'test-results/screens/returning-upload-failed-slot.png' });
  await previous.getByRole('button', { name: `重试：${page2.name}` }).click();
  await expect(previous.getByRole('img', { name: `${page2.name} 的缩略图` })).toBeVisible({
    timeout: 30_000,
  });
  await expect(failed).toHaveCount(0);
  await expect(previous.getByRole('link', { name: `第 1 页 · ${page1.name}` })).toBeVisible();
  await expect(previous.getByRole('link', { name: `第 2 页 · ${page2.name}` })).toBeVisible();

  await fillRequiredSlots(page, await scanJpeg());
  await check(page, 'returning-materials-desktop');

  await submit(page);
  await expectConfirmedAutomatically(page, year - 1);
  await check(page, 'returning-confirmed-desktop');

  // Coming back later (another device): still confirmed, nothing to withdraw.
  await page.reload();
  await expect(page.getByRole('heading', { name: '报名状态：报名确认' })).toBeVisible();
  await expect(page.getByRole('button', { name: '撤回信息提交' })).toHaveCount(0);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('a candidate whose city differs reads why, fixes the city and is confirmed on resubmission', async ({
    page,
    browser,
  }) => {
    const year = await registrationYear(page.request);
    const candidate = newCandidate('钱文静');
    await importPreviousResults(browser, year - 1, [failedLastYear(candidate)]);

    await signUp(page, candidate);
    await fillBasicInformation(await apiOf(page.request));
    await check(page, 'returning-me-phone');
    // Same test site as last year, another city.
    await registerUpToMaterials(
      page,
      { city: '徐汇区', testSite: /演示考点一/ },
      'returning-city-phone',
    );
    const scan = await scanJpeg();
    const previous = slotCard(stepCard(page, '上传材料'), PREVIOUS_SLOT);
    await previous
      .locator('input[type=file]')
      .setInputFiles({ name: '准考证.jpg', mimeType: 'image/jpeg', buffer: scan });
    await expect(previous.getByRole('img', { name: '准考证.jpg 的缩略图' })).toBeVisible({
      timeout: 20_000,
    });
    await fillRequiredSlots(page, scan);
    await check(page, 'returning-city-materials-phone');
    await submit(page);

    // Not confirmed: 待确认, the one failed condition and the two ways on.
    const banner = page.locator('section.or-status');
    await expect(page.getByRole('heading', { name: '报名状态：待确认' })).toBeVisible();
    await expect(banner).toHaveClass(/is-warning/);
    const auto = banner.locator('.or-auto-confirm');
    await expect(auto).toContainText(
      `您是${year - 1}年度的历史考生，但本次提交未能自动确认，原因如下：`,
    );
    await expect(auto.getByRole('listitem')).toHaveText(['报名地市与上一年度不一致。']);
    await expect(auto).toContainText(
      '您可以：① 撤回信息提交，按上述原因修改（例如改回上一年度的报名地市、上传上一年度成绩单或准考证）后重新提交；② 或按要求上传全部报名材料，等待考区人工确认。逾期未确认的，视为放弃本次考试。',
    );
    await expect(page.locator('.or-timeline .ant-timeline-item').first()).toContainText(
      '提交报名信息',
    );
    await expect(page.locator('.or-timeline')).not.toContainText('自动确认');
    await check(page, 'returning-city-failed-phone');

    // Way ①: withdraw, change the city back to last year's, resubmit.
    await page.getByRole('button', { name: '撤回信息提交' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '撤回信息提交' }).click();
    await expect(page.getByRole('heading', { name: '报名状态：未提交' })).toBeVisible();
    await page.goto('/registration/area');
    const area = stepCard(page, '选择报名地市和考点');
    await choose(page, page.getByRole('combobox', { name: /报名地市/ }), '黄浦区');
    await area.getByRole('button', { name: '保存' }).click();
    await expect(stepCard(page, '选择专业和级别')).toBeVisible();
    // The form prints the city: it is downloaded again, signed, stamped and uploaded again.
    await page.goto('/registration/form');
    const download = page.waitForEvent('download');
    await stepCard(page, '下载申报表').getByRole('link', { name: '下载申报表' }).click();
    await download;
    await page.goto('/registration/materials');
    await expect(stepCard(page, '上传材料')).toBeVisible();
    await fillRequiredSlots(page, scan);
    await submit(page);

    await expectConfirmedAutomatically(page, year - 1);
    await expect(banner.locator('.or-auto-confirm')).toHaveCount(0);
    await expect(page.locator('.or-timeline')).toContainText('撤回信息提交');
    await check(page, 'returning-city-confirmed-phone');
  });
});

// R8: 修改考区 before confirmation keeps the basic information and the files, gives a number of
// the new area, clears the city and test site, keeps the specialty the new area offers, asks for
// the form again and re-derives the materials under the new area's rules.
test('a candidate changes the exam area before submitting and submits in the new area', async ({
  page,
  request,
}, testInfo) => {
  const area = await openAnotherArea(request, testInfo);
  const candidate = newCandidate('孙嘉怡');
  await signUp(page, candidate);
  await fillBasicInformation(await apiOf(page.request));
  await registerUpToMaterials(page, { city: '黄浦区', testSite: /演示考点一/ });
  await fillRequiredSlots(page, await scanJpeg());
  const banner = page.locator('section.or-status');
  await expect(banner).toContainText(/网报号：31\d{12}/);

  await page.getByRole('button', { name: '修改考区' }).click();
  const dialog = page.getByRole('dialog', { name: '修改考区' });
  await expect(dialog).toContainText('您的基本信息保持不变。');
  // Confirming without a choice says what is missing.
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog.getByText('请选择新的考区')).toHaveCount(2); // placeholder and message
  await choose(page, dialog.getByRole('combobox', { name: '新的考区' }), area.name);
  await check(page, 'returning-change-area-dialog-desktop');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(
    page.getByText(`已修改为${area.name}，请按新考区的要求重新完成报名步骤。`),
  ).toBeVisible();
  await expect(dialog).toBeHidden();

  // A new number in the new area, still 未提交; the change is in the timeline.
  await expect(page.getByRole('heading', { name: '报名状态：未提交' })).toBeVisible();
  await expect(banner).toContainText(new RegExp(`网报号：${area.code}\\d{12}`));
  await expect(banner).toContainText(area.name);
  const latest = page.locator('.or-timeline .ant-timeline-item').first();
  await expect(latest).toContainText('修改考区');

  // The city, test site and form are to do again; the specialty and the files are kept.
  await page.goto('/registration/submit');
  const submitStep = stepCard(page, '提交');
  await expect(submitStep.getByText('以下内容尚未完成：')).toBeVisible();
  await expect(submitStep).toContainText('报名地市');
  await expect(submitStep).toContainText('申报表');
  await check(page, 'returning-change-area-missing-desktop');

  await page.goto('/registration/area');
  const areaStep = stepCard(page, '选择报名地市和考点');
  await choose(page, page.getByRole('combobox', { name: /报名地市/ }), area.city);
  await choose(page, page.getByRole('combobox', { name: /考点/ }), area.testSite);
  await areaStep.getByRole('button', { name: '保存' }).click();
  const specialty = stepCard(page, '选择专业和级别');
  await expect(specialty.getByRole('combobox', { name: /报考专业/ })).toBeVisible();
  await expect(specialty).toContainText('303');

  await page.goto('/registration/form');
  const form = stepCard(page, '下载申报表');
  await expect(form.getByText('尚未下载申报表。')).toBeVisible();
  const download = page.waitForEvent('download');
  await form.getByRole('link', { name: '下载申报表' }).click();
  await download;
  await expect(form.getByText(/已于 .* 下载申报表/)).toBeVisible();

  await page.goto('/registration/materials');
  const materials = stepCard(page, '上传材料');
  await expect(materials.getByRole('img', { name: /扫描件-1\.jpg 的缩略图/ })).toBeVisible();
  await fillRequiredSlots(page, await scanJpeg());
  await check(page, 'returning-change-area-materials-desktop');
  await submit(page);
  await expect(page.getByRole('heading', { name: '报名状态：待确认' })).toBeVisible();
  await expect(banner).toContainText(new RegExp(`网报号：${area.code}\\d{12} · ${area.name}`));
  await check(page, 'returning-change-area-submitted-desktop');
});
