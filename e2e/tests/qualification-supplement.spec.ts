import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  adminApi,
  apiOf,
  draftRegistration,
  fillBasicInformation,
  registrationCycleId,
  signUpThroughApi,
  staffMember,
  submitRegistration,
  type Registration,
} from '../support/api';
import { newCandidate, scanJpeg } from '../support/candidate-data';
import {
  choose,
  expectAccessible,
  expectNoHorizontalOverflow,
  screenshot,
} from '../support/fixtures';
import { slotCard, stepCard } from '../support/returning';

// Issue #6, the candidate's side of qualification review (R18, R19): a qualification reviewer asks
// a candidate with a confirmed registration for two more materials (through the API); the
// candidate reads what, why and by when, uploads into exactly those slots, and submits the
// supplement; the reviewer passes it. Before the area's publication time the candidate still reads
// 报名确认; from it, 资格审核通过 in green with the payment window. A second candidate reads a
// failure with its reasons. Every state on a desktop and a 375 px phone.

const STAFF_PASSWORD = 'Qualify-Desk-Passw0rd-31';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 375, height: 812 };
const HOUR = 3_600_000;

test.use({ actionTimeout: 15_000 });

/**
 * A candidate signed up through the API (as the sign-up page would), with the basic information,
 * and a registration in 松江区 for 303 内科学 with the form downloaded and every required file,
 * submitted unless told otherwise.
 */
async function submittedCandidate(page: Page, name: string, submit = true): Promise<Registration> {
  const api = await apiOf(page.request);
  await signUpThroughApi(api, newCandidate(name));
  await fillBasicInformation(api);
  const r = await draftRegistration(api, '松江区');
  return submit ? submitRegistration(api, r.id) : r;
}

interface Phase {
  kind: string;
  startsAt: string;
  endsAt: string;
}

/** The platform administrator's hold on Shanghai's calendar of the open cycle. */
async function shanghaiCalendar(request: APIRequestContext) {
  const admin = await adminApi(request);
  const areas = await admin.send<{ items: { id: number; code: string }[] }>(
    'get',
    '/api/exam-areas',
  );
  const shanghai = areas.items.find((a) => a.code === '31')?.id ?? 0;
  const cycleId = await registrationCycleId(request);
  const calendarUrl = `/api/admin/cycles/${cycleId}/exam-areas/${shanghai}/calendar`;
  const original = (await admin.send<{ phases: Phase[] }>('get', calendarUrl)).phases.map(
    ({ kind, startsAt, endsAt }) => ({ kind, startsAt, endsAt }),
  );
  return {
    /** Moves the start of 审核结果公布 (R18), the rest of the calendar as it was. */
    publishFrom: (startsAt: Date) =>
      admin.send('put', calendarUrl, {
        phases: original.map((p) =>
          p.kind === 'results_publication' ? { ...p, startsAt: startsAt.toISOString() } : p,
        ),
      }),
    restore: () => admin.send('put', calendarUrl, { phases: original }),
  };
}

/** The registration's version as a reviewer reads it (a decision is taken on what was read). */
async function reviewedVersion(
  reviewer: { send: <T>(method: 'get', url: string) => Promise<T> },
  id: number,
): Promise<number> {
  return (await reviewer.send<{ version: number }>('get', `/api/review/registrations/${id}`))
    .version;
}

/** The page fits a desktop and a 375 px phone, passes axe on both, and is saved for a person. */
async function checkBoth(page: Page, name: string) {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page, `${name} (${size})`);
    await screenshot(page, `${name}-${size}`);
  }
  await page.setViewportSize(DESKTOP);
}

test('a candidate supplies the materials a qualification reviewer asked for and reads the result once published', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const newContext = () => playwright.request.newContext({ baseURL: baseURL ?? '' });
  const adminContext = await newContext();
  const admin = await shanghaiCalendar(adminContext);
  const { api: confirmer } = await staffMember(
    newContext,
    'confirmation_reviewer',
    '周确认',
    STAFF_PASSWORD,
  );
  const { api: qualifier } = await staffMember(
    newContext,
    'qualification_reviewer',
    '吴资审',
    STAFF_PASSWORD,
  );
  // Results are published in a day: decisions taken now stay hidden until then (R18).
  await admin.publishFrom(new Date(Date.now() + 24 * HOUR));
  const candidateContext = await browser.newContext({ viewport: DESKTOP });
  try {
    const page = await candidateContext.newPage();
    const registration = await submittedCandidate(page, '沈补充');
    await confirmer.send('post', `/api/review/registrations/${registration.id}/confirmation`, {
      version: await reviewedVersion(confirmer, registration.id),
      decision: 'confirm',
    });
    const note = '请补充学信网学历验证报告，并上传单位出具的工作证明（加盖公章）。';
    await qualifier.send('post', `/api/review/registrations/${registration.id}/qualification`, {
      version: await reviewedVersion(qualifier, registration.id),
      decision: 'request_supplement',
      supplementSlots: ['education_certificate', 'work_certificate'],
      reasonCodes: ['materials_unclear'],
      note,
    });

    // 待补充材料: the stepper opens on 上传材料; the banner says what, why and by when.
    await page.goto('/registration');
    await expect(page.getByRole('heading', { name: '报名状态：待补充材料' })).toBeVisible();
    const banner = page.locator('section.or-status');
    await expect(banner).toHaveClass(/is-warning/);
    await expect(banner.locator('.or-supplement-slots li')).toHaveText([
      /学历证书\s*尚未上传新文件/,
      /工作证明\s*尚未上传新文件/,
    ]);
    await expect(banner).toContainText('材料需补充');
    await expect(banner).toContainText(`审核员说明：${note}`);
    await expect(banner).toContainText(
      /请在资格审核截止时间 \d{4}-\d{2}-\d{2} 24:00（北京时间）前提交补充材料/,
    );
    const materials = stepCard(page, '上传材料');
    await expect(materials).toBeVisible();
    await expect(materials.getByText(/请在标有“需补充”的栏目上传新文件/)).toBeVisible();
    // No withdrawal, no change of area, no edits after confirmation.
    await expect(page.getByRole('button', { name: '撤回信息提交' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '修改考区' })).toHaveCount(0);

    // Only the named slots take files; the others are read-only, their files stay.
    const education = slotCard(materials, '学历证书');
    const work = slotCard(materials, '工作证明');
    const stamped = slotCard(materials, '报名申报表（单位盖章）');
    await expect(education).toContainText('需补充');
    await expect(work).toContainText('需补充');
    await expect(stamped.getByRole('button', { name: /选择文件上传/ })).toHaveCount(0);
    await expect(stamped.getByRole('button', { name: /删除/ })).toHaveCount(0);
    await expect(education.getByRole('button', { name: /删除/ })).toHaveCount(0);
    const supply = page.getByRole('button', { name: '提交补充材料' });
    await expect(supply).toBeDisabled();
    await expect(page.locator('#or-supply-blocked')).toHaveText(
      '请先在以下栏目上传新文件：“学历证书”、“工作证明”。',
    );
    await checkBoth(page, 'qualification-supplement-requested');

    await education.locator('input[type=file]').setInputFiles({
      name: '学信网验证报告.jpg',
      mimeType: 'image/jpeg',
      buffer: await scanJpeg(),
    });
    await expect(education.getByRole('img', { name: '学信网验证报告.jpg 的缩略图' })).toBeVisible({
      timeout: 20_000,
    });
    const added = education.locator('li.or-file').filter({ hasText: '学信网验证报告.jpg' });
    await expect(added).toContainText('补充上传');
    await expect(added.getByRole('button', { name: '删除：学信网验证报告.jpg' })).toBeVisible();
    await expect(page.locator('#or-supply-blocked')).toHaveText(
      '请先在以下栏目上传新文件：“工作证明”。',
    );
    await expect(banner.locator('.or-supplement-slots li').first()).toContainText(
      '已上传 1 个新文件',
    );

    await work.locator('input[type=file]').setInputFiles({
      name: '工作证明.jpg',
      mimeType: 'image/jpeg',
      buffer: await scanJpeg(),
    });
    await expect(work.getByRole('img', { name: '工作证明.jpg 的缩略图' })).toBeVisible({
      timeout: 20_000,
    });
    await expect(supply).toBeEnabled();
    await expect(page.locator('#or-supply-blocked')).toHaveCount(0);
    await checkBoth(page, 'qualification-supplement-uploaded');

    // 提交补充材料 asks first, naming what goes to the reviewer.
    await supply.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('确定提交补充材料吗？');
    await expect(dialog).toContainText('学历证书（1 个新文件）');
    await expect(dialog).toContainText('工作证明（1 个新文件）');
    await expectAccessible(page, 'supply dialog');
    await screenshot(page, 'qualification-supplement-dialog-desktop');
    await dialog.getByRole('button', { name: '提交补充材料' }).click();
    await expect(page.getByText('补充材料已提交，请等待资格审核结果。')).toBeVisible();
    await expect(page.getByRole('heading', { name: '报名状态：报名确认' })).toBeVisible();
    await expect(banner).toContainText('您已提交补充材料，资格审核员将重新审核。');
    await expect(page.locator('.or-timeline .ant-timeline-item').first()).toContainText(
      '提交补充材料',
    );
    await expect(supply).toHaveCount(0);
    await expect(materials.getByRole('button', { name: /选择文件上传/ })).toHaveCount(0);

    // The reviewer passes it; before the publication time the candidate still reads 报名确认.
    await qualifier.send('post', `/api/review/registrations/${registration.id}/qualification`, {
      version: await reviewedVersion(qualifier, registration.id),
      decision: 'pass',
      note: '补充材料齐全。',
    });
    await page.goto('/registration');
    await expect(page.getByRole('heading', { name: '报名状态：报名确认' })).toBeVisible();
    await expect(banner).toHaveClass(/is-success/);
    await expect(banner).toContainText(
      /资格审核结果将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）起公布/,
    );
    await expect(page.getByText('资格审核通过')).toHaveCount(0);
    await expect(page.locator('.or-timeline')).not.toContainText('资格审核通过');
    await checkBoth(page, 'qualification-before-publication');

    // From the publication time: 资格审核通过 in green, and the payment window comes next.
    await admin.publishFrom(new Date(Date.now() - HOUR));
    await page.reload();
    await expect(page.getByRole('heading', { name: '报名状态：资格审核通过' })).toBeVisible();
    await expect(banner).toHaveClass(/is-success/);
    await expect(banner.locator('.anticon-check-circle').first()).toBeVisible();
    await expect(banner).toContainText('您已通过资格审核。');
    await expect(banner).toContainText('审核员说明：补充材料齐全。');
    await expect(banner).toContainText(
      /网上缴费已开始，请在 \d{4}-\d{2}-\d{2} 24:00（北京时间）前完成缴费/,
    );
    await expect(page.locator('.or-timeline .ant-timeline-item').first()).toContainText(
      '资格审核通过',
    );
    await expect(page.getByRole('button', { name: '撤回信息提交' })).toHaveCount(0);
    await checkBoth(page, 'qualification-passed');

    // Another candidate fails, with reasons: read with whom to ask.
    const otherContext = await browser.newContext({ viewport: DESKTOP });
    try {
      const other = await otherContext.newPage();
      const failed = await submittedCandidate(other, '韩未过');
      await confirmer.send('post', `/api/review/registrations/${failed.id}/confirmation`, {
        version: await reviewedVersion(confirmer, failed.id),
        decision: 'confirm',
      });
      await qualifier.send('post', `/api/review/registrations/${failed.id}/qualification`, {
        version: await reviewedVersion(qualifier, failed.id),
        decision: 'fail',
        reasonCodes: ['not_eligible'],
        note: '工作年限证明与社保记录不符。',
      });
      await other.goto('/registration');
      await expect(other.getByRole('heading', { name: '报名状态：资格审核不通过' })).toBeVisible();
      const otherBanner = other.locator('section.or-status');
      await expect(otherBanner).toHaveClass(/is-danger/);
      await expect(otherBanner).toContainText('很遗憾，您未通过资格审核，原因如下：');
      await expect(otherBanner.locator('.or-reasons li')).toContainText(['不符合报考条件']);
      await expect(otherBanner).toContainText('审核员说明：工作年限证明与社保记录不符。');
      await expect(otherBanner).toContainText('请联系上海考区考务管理部门');
      await checkBoth(other, 'qualification-failed');
    } finally {
      await otherContext.close();
    }
  } finally {
    await admin.restore();
    await candidateContext.close();
    await adminContext.dispose();
    await confirmer.request.dispose();
    await qualifier.request.dispose();
  }
});

// Decision 0012: the form prints the city; changing it after the download asks for the form again,
// and the stamped form uploaded before no longer counts (it stays, marked 已失效).
test('a candidate who changes the city after printing the form prints, stamps and uploads it again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await submittedCandidate(page, '陆改区', false);
  await page.goto('/registration/area');
  const area = stepCard(page, '选择报名地市和考点');
  await choose(page, area.getByRole('combobox', { name: /报名地市/ }), '青浦区', '青浦');
  await area.getByRole('button', { name: '保存' }).click();
  await expect(stepCard(page, '选择专业和级别')).toBeVisible();

  await page.goto('/registration/form');
  const form = stepCard(page, '下载申报表');
  await expect(form.getByText(/报名信息已修改，申报表的内容随之变化/)).toBeVisible();
  await expect(form.getByText('尚未下载申报表。')).toBeVisible();
  await checkBoth(page, 'form-reprint');
  const download = page.waitForEvent('download');
  await form.getByRole('link', { name: '下载申报表' }).click();
  await download;
  await expect(form.getByText(/已于 .* 下载申报表/)).toBeVisible();

  await page.goto('/registration/materials');
  const materials = stepCard(page, '上传材料');
  const stamped = slotCard(materials, '报名申报表（单位盖章）');
  await expect(stamped.locator('li.or-file').first()).toContainText('已失效');
  await expect(materials.locator('.or-step-problems')).toContainText(
    '与当前申报表不一致。请重新下载申报表，签字盖章后上传。',
  );
  await checkBoth(page, 'form-reprint-materials');
  await stamped.locator('input[type=file]').setInputFiles({
    name: '申报表-新.jpg',
    mimeType: 'image/jpeg',
    buffer: await scanJpeg(),
  });
  await expect(stamped.getByRole('img', { name: '申报表-新.jpg 的缩略图' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(materials.locator('.or-step-problems')).toHaveCount(0);

  await page.goto('/registration/submit');
  const submit = stepCard(page, '提交');
  await expect(submit.getByText('各项内容已完成，可以提交。')).toBeVisible();
  await submit.getByRole('button', { name: '提交报名信息' }).click();
  await expect(page.getByRole('heading', { name: '报名状态：待确认' })).toBeVisible();
});
