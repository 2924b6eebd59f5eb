import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import {
  choose,
  expectAccessible,
  expectNoHorizontalOverflow,
  fillDate,
  screenshot,
} from '../support/fixtures';
import { registrationCycle } from '../support/api';

// Each journey checks three states of a long form with axe and a full-page picture: give it room
// when the machine is busy.
test.describe.configure({ timeout: 120_000 });

const EMPLOYER = '上海市第一人民医院';

/** `date` moved by whole years and days (UTC calendar arithmetic, YYYY-MM-DD). */
function shift(date: string, years: number, days = 0): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A step of the form: the card whose heading is the step's title. */
function step(page: Page, title: string): Locator {
  return page.locator('.section-card', { has: page.getByRole('heading', { name: title }) });
}

async function selfCheckJourney(page: Page, request: APIRequestContext, device: string) {
  const cycle = await registrationCycle(request);

  // From the portal home to the self-check page.
  await page.goto('/');
  await page.getByRole('link', { name: '报考条件自测' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '报考条件自测' })).toBeVisible();
  await expect(
    page.getByText(`学历和工作年限计算截止日期：${cycle.workYearsCutoff}`),
  ).toBeVisible();

  // 第1步: 303 内科学 (中级).
  const specialty = step(page, '第1步 选择报考专业');
  await choose(
    page,
    specialty.getByLabel('报考专业', { exact: true }),
    /^303 内科学（中级）$/,
    '303',
  );
  await expect(specialty.getByText('报考该专业须具有执业医师资格并经执业注册')).toBeVisible();

  // 第2步: 居民身份证 (preselected), local household.
  await step(page, '第2步 身份证件与户籍')
    .getByRole('radiogroup', { name: '户籍是否在上海' })
    .getByRole('radio', { name: '上海户籍', exact: true })
    .check();

  // 第3步: 本科, full-time, 2015.
  const education = step(page, '第3步 学历').getByRole('group', { name: '学历 1' });
  await choose(page, education.getByLabel('学历层次'), '大学本科');
  await fillDate(education.getByLabel('毕业日期'), '2015-07-01');
  await education.getByLabel('所学专业').fill('临床医学');
  await education.getByLabel('毕业学校（选填）').fill('复旦大学上海医学院');
  await education.getByLabel('同时取得学位证书').check();

  // 第4步: 执业医师, registered 2016-09-01.
  const practiceStep = step(page, '第4步 执业资格、职称与住院医师规范化培训');
  await practiceStep.getByRole('button', { name: '添加执业资格' }).click();
  const practice = practiceStep.getByRole('group', { name: '执业资格 1' });
  await expect(practice.getByLabel('资格类别')).toBeFocused();
  await choose(page, practice.getByLabel('资格类别'), /^执业医师资格$/);
  await fillDate(practice.getByLabel('资格证书取得日期'), '2016-06-15');
  const registeredOn = practice.getByLabel('首次执业注册日期');
  await fillDate(registeredOn, '2016-09-01');
  await practice.getByLabel('主执业机构（选填）').fill(EMPLOYER);

  // 第5步: in Shanghai, in the specialty, since 2015-08 (ongoing by default).
  const work = step(page, '第5步 工作经历').getByRole('group', { name: '工作经历 1' });
  await work.getByLabel('工作单位', { exact: true }).fill(EMPLOYER);
  await fillDate(work.getByLabel('开始日期'), '2015-08-01');
  await expect(work.getByLabel('至今仍在该单位工作')).toBeChecked();
  await expect(
    work
      .getByRole('radiogroup', { name: '工作地点' })
      .getByRole('radio', { name: '在上海', exact: true }),
  ).toBeChecked();

  // 第6步: the hospital, named the same at registration.
  const employer = step(page, '第6步 工作单位');
  await employer.getByLabel('当前工作单位', { exact: true }).fill(EMPLOYER);
  await choose(page, employer.getByLabel('单位类别'), /^医院$/);

  // 第8步: no barred case.
  const declarations = step(page, '第8步 不得报考情形声明').getByRole('radiogroup');
  await expect(declarations).toHaveCount(5);
  for (const group of await declarations.all()) {
    await group.getByRole('radio', { name: '否' }).check();
  }

  await expectNoHorizontalOverflow(page);
  await expectAccessible(page, `self-check form (${device})`);
  await screenshot(page, `self-check-form-${device}`);

  // Submit: eligible, with the lines and the materials.
  await page.getByRole('button', { name: '开始自测' }).click();
  const result = page.getByRole('region', { name: '自测结果' });
  await expect(result.getByRole('heading', { name: '符合报考条件' })).toBeVisible();
  await expect(result).toBeFocused();
  const yearsLine = result.getByRole('listitem').filter({
    has: page.getByRole('heading', { name: '学历与工作年限' }),
  });
  await expect(yearsLine.getByText('已满足')).toBeVisible();
  await expect(yearsLine.getByText('执业注册之日（2016年9月1日）', { exact: false })).toBeVisible();
  await expect(result.getByText('需人工审核').first()).toBeVisible();
  await expect(result.getByRole('heading', { name: '需准备的材料' })).toBeVisible();
  await expect(result.getByText('执业证书（执业注册）', { exact: true })).toBeVisible();
  await expect(result.getByText('劳动（聘用）合同', { exact: true })).toBeVisible();
  await expect(result.getByText('依据待核实').first()).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page, `self-check eligible (${device})`);
  await screenshot(page, `self-check-eligible-${device}`);

  // One day too late for 4 years of practice: not met, and the day it will be.
  const tooLate = shift(cycle.workYearsCutoff, -4, 2);
  const metOn = shift(cycle.workYearsCutoff, 0, 1);
  await registeredOn.scrollIntoViewIfNeeded();
  await registeredOn.clear();
  await fillDate(registeredOn, tooLate);
  await expect(result.getByText('您已修改了填写内容')).toBeVisible();
  await page.getByRole('button', { name: '开始自测' }).click();
  await expect(result.getByRole('heading', { name: '暂不符合报考条件' })).toBeVisible();
  await expect(result.getByText('您已修改了填写内容')).toBeHidden();
  await expect(yearsLine.getByText('未满足')).toBeVisible();
  await expect(yearsLine.getByText(`预计于 ${metOn} 满足`)).toBeVisible();
  await expect(yearsLine.getByText('未满4年')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page, `self-check not eligible (${device})`);
  await screenshot(page, `self-check-not-eligible-${device}`);
}

test.describe('a candidate on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('checks 303 内科学 before registering: eligible, then one day short of the years', async ({
    page,
    request,
  }) => {
    await selfCheckJourney(page, request, 'phone');
  });
});

test('a candidate on a desktop checks 303 内科学: eligible, then one day short of the years', async ({
  page,
  request,
}) => {
  await selfCheckJourney(page, request, 'desktop');
});

test('a non-local candidate learns that a residence permit is needed, then passes with one', async ({
  page,
}) => {
  await page.goto('/self-check');
  const specialty = step(page, '第1步 选择报考专业');
  await choose(page, specialty.getByLabel('报考专业', { exact: true }), /^101 药学\(士\)/, '药学');
  await expect(specialty.getByText('须具有执业医师资格')).toHaveCount(0);

  const identity = step(page, '第2步 身份证件与户籍');
  await identity.getByRole('radio', { name: '非上海户籍' }).check();
  const permit = identity.getByRole('radiogroup', { name: '上海居住证' });
  await permit.getByRole('radio', { name: '没有' }).check();
  await identity
    .getByRole('radiogroup', { name: '是否在上海缴纳社会保险' })
    .getByRole('radio', { name: '否' })
    .check();

  const education = step(page, '第3步 学历').getByRole('group', { name: '学历 1' });
  await choose(page, education.getByLabel('学历层次'), '大专');
  await fillDate(education.getByLabel('毕业日期'), '2020-07-01');
  await education.getByLabel('所学专业').fill('药学');

  // No work yet: the one record offered is removed, focus returns to the add button.
  const workStep = step(page, '第5步 工作经历');
  await workStep.getByRole('button', { name: '删除工作经历 1' }).click();
  await expect(workStep.getByText('尚未填写工作经历')).toBeVisible();
  await expect(workStep.getByRole('button', { name: '添加一段工作经历' })).toBeFocused();

  const employer = step(page, '第6步 工作单位');
  await employer.getByLabel('当前工作单位', { exact: true }).fill('上海市徐汇区中心医院');
  await choose(page, employer.getByLabel('单位类别'), /^医院$/);
  for (const group of await step(page, '第8步 不得报考情形声明').getByRole('radiogroup').all()) {
    await group.getByRole('radio', { name: '否' }).check();
  }

  await page.getByRole('button', { name: '开始自测' }).click();
  const result = page.getByRole('region', { name: '自测结果' });
  await expect(result.getByRole('heading', { name: '暂不符合报考条件' })).toBeVisible();
  const household = result.getByRole('listitem').filter({
    has: page.getByRole('heading', { name: '非本市户籍人员居住证明' }),
  });
  await expect(household.getByText('未满足')).toBeVisible();
  await expect(household.getByText('请办理后上传其中之一')).toBeVisible();
  const permitSlot = result.getByRole('listitem').filter({ hasText: '居住证或居住证受理凭证' });
  await expect(permitSlot.getByText('必须上传')).toBeVisible();
  await expectAccessible(page, 'self-check non-local without permit');

  await permit.getByRole('radio', { name: '持有居住证', exact: true }).check();
  await page.getByRole('button', { name: '开始自测' }).click();
  await expect(result.getByRole('heading', { name: '符合报考条件' })).toBeVisible();
  await expectAccessible(page, 'self-check non-local with permit');
  await screenshot(page, 'self-check-non-local-desktop');
});

test('a candidate who submits an empty form is told what to fill in', async ({ page }) => {
  await page.goto('/self-check');
  await page.getByRole('button', { name: '开始自测' }).click();
  await expect(page.getByText('还有信息未填写或填写有误，请按标红处的提示修改。')).toBeVisible();
  await expect(page.getByText('请选择报考专业')).toBeVisible();
  await expect(page.getByLabel('报考专业', { exact: true })).toBeFocused();
  await expectAccessible(page, 'self-check with errors');
});
