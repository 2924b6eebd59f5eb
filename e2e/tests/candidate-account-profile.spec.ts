import { expect, test, type Locator, type Page } from '@playwright/test';
import { codeFor } from '../support/api';
import { PASSWORD, portrait, residentIdNumber, withWrongCheck } from '../support/candidate-data';
import { check, choose, expectAccessible, fillDate } from '../support/fixtures';
import { serial, uniqueMobile } from '../support/unique';

// Issue #4: a new candidate signs up, logs in, fills every part of the basic information (基本信息)
// and binds an e-mail address, on a phone; then the same account's pages on a desktop. Codes are
// read from the development outbox (GET /api/dev/outbox), which the e2e server runs with.

test.describe.configure({ mode: 'serial' });

interface NewCandidate {
  documentNumber: string;
  name: string;
  mobile: string;
  email: string;
}

/**
 * The candidate of both tests, made anew for each attempt (a retry runs the two again, in order):
 * a woman of 徐汇区 born 1990–1995, with a mobile and an e-mail address no earlier attempt used.
 */
let CANDIDATE: NewCandidate;
test.beforeAll(() => {
  CANDIDATE = {
    documentNumber: residentIdNumber({
      district: '310104',
      bornFrom: 1990,
      years: 6,
      sex: 'female',
    }),
    name: '陈𬀩', // a rare character (Extension B and beyond), as on the document
    mobile: uniqueMobile(),
    email: `e2e.${serial()}@example.com`,
  };
});
const EMPLOYER = '上海市徐汇区中心医院';

/** A section's form (each section of the basic information is a form named by its title). */
const section = (page: Page, title: string) => page.getByRole('form', { name: title });

/** Save a section and see it confirmed. */
async function save(form: Locator, title: string) {
  await form.getByRole('button', { name: `保存${title}` }).click();
  await expect(form.getByText(`${title}已保存。`)).toBeVisible();
}

async function openMe(page: Page, link: string, heading: string) {
  await page
    .getByRole('navigation', { name: '个人中心菜单' })
    .getByRole('link', { name: link })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(
    page.getByRole('navigation', { name: '用户菜单' }).getByRole('link', { name: '登录' }),
  ).toBeVisible();
}

async function login(page: Page, username: string) {
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

test.describe('a new candidate on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('signs up, logs in, completes the basic information and binds an e-mail', async ({
    page,
    request,
  }) => {
    test.setTimeout(240_000);

    // ---- 注册账号 ----
    await page.goto('/');
    await page
      .getByRole('navigation', { name: '用户菜单' })
      .getByRole('link', { name: '注册账号' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: '注册账号' })).toBeVisible();
    const signup = page.getByRole('form', { name: '注册账号' });
    await expect(signup.getByLabel('证件类型')).toBeVisible();
    await expect(signup.getByText('居民身份证', { exact: true })).toBeVisible();
    await check(page, 'signup-phone');

    // A malformed number: the field says what is wrong, in Chinese, as the candidate leaves it.
    const documentNumber = signup.getByLabel('证件号码');
    await documentNumber.fill(withWrongCheck(CANDIDATE.documentNumber));
    await documentNumber.blur();
    await expect(
      signup.getByText('居民身份证号码的校验位（最后 1 位）不正确，请逐位核对证件后重新输入。'),
    ).toBeVisible();
    await documentNumber.fill(CANDIDATE.documentNumber.slice(0, 16));
    await documentNumber.blur();
    await expect(
      signup.getByText('居民身份证号码应为 18 位，您输入了 16 位，请核对后重新输入。'),
    ).toBeVisible();
    await expect(documentNumber).toHaveAttribute('aria-invalid', 'true');
    await check(page, 'signup-id-error-phone');

    await documentNumber.fill(CANDIDATE.documentNumber);
    await documentNumber.blur();
    await expect(signup.getByText('请核对后重新输入')).toHaveCount(0);
    await signup.getByLabel('姓名').fill(CANDIDATE.name);
    await signup.getByLabel('手机号码').fill(CANDIDATE.mobile);
    await signup.getByRole('button', { name: '获取验证码' }).click();
    await expect(signup.getByRole('status').filter({ hasText: '验证码已发送至' })).toBeVisible();
    await expect(signup.getByRole('button', { name: /秒后可重新获取/ })).toBeDisabled();
    await signup.getByLabel('验证码').fill(await codeFor(request, CANDIDATE.mobile));
    await signup.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await signup.getByLabel('确认密码').fill(PASSWORD);
    const rules = signup.getByRole('list', { name: '密码要求' });
    await expect(rules.getByRole('listitem').filter({ hasText: '已满足' })).toHaveCount(3);
    // Submitting without the consent is refused with the reason.
    await signup.getByRole('button', { name: '注册', exact: true }).click();
    await expect(signup.getByText('请阅读并勾选同意《个人信息保护告知》后再注册')).toBeVisible();
    await signup.getByRole('checkbox').check();
    await check(page, 'signup-filled-phone');
    await signup.getByRole('button', { name: '注册', exact: true }).click();

    // Signed up and logged in: 个人中心, everything still to fill in.
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole('heading', { level: 1, name: '个人中心' })).toBeVisible();
    await expect(page.getByText('还有 8 项基本信息需要填写')).toBeVisible();
    await check(page, 'me-overview-empty-phone');

    // ---- 登录: once with the mobile number, once with the document number ----
    await logout(page);
    await page
      .getByRole('navigation', { name: '用户菜单' })
      .getByRole('link', { name: '登录' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: '考生登录' })).toBeVisible();
    await login(page, CANDIDATE.mobile);
    await expect(page.getByRole('heading', { level: 1, name: '考生网上报名' })).toBeVisible();
    await expect(page.getByText(`${CANDIDATE.name}，您好！您已登录`)).toBeVisible();
    await check(page, 'home-logged-in-phone');
    await logout(page);

    await page.goto('/me');
    await expect(page).toHaveURL(/\/login\?next=%2Fme$/);
    await expect(page.getByRole('heading', { level: 1, name: '考生登录' })).toBeVisible();
    await check(page, 'login-phone');
    await login(page, CANDIDATE.documentNumber);
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole('heading', { level: 1, name: '个人中心' })).toBeVisible();
    const parts = page.getByRole('listitem').filter({ hasText: '待填写' });
    await expect(parts).toHaveCount(8);
    await expectAccessible(page, 'me overview after login (phone)');

    // ---- 基本信息: 个人信息 and 诚信声明 ----
    await openMe(page, '个人信息', '个人信息');
    await expect(page.getByText('报名所用证件：居民身份证')).toBeVisible();
    const personal = section(page, '个人信息');
    await choose(page, personal.getByLabel('民族'), /^汉族$/, '汉');
    await personal
      .getByRole('radiogroup', { name: '户籍是否在上海' })
      .getByRole('radio', { name: '上海户籍', exact: true })
      .check();
    await expect(
      personal.getByRole('radiogroup', { name: '新冠肺炎疫情防控情况' }).getByRole('radio', {
        name: '不属于',
      }),
    ).toBeChecked();
    await save(personal, '个人信息');

    const declarations = section(page, '诚信声明');
    const answers = declarations.getByRole('radiogroup');
    await expect(answers).toHaveCount(5);
    // Saving unanswered names what is missing.
    await declarations.getByRole('button', { name: '保存诚信声明' }).click();
    await expect(declarations.getByText('还有信息未填写或填写有误')).toBeVisible();
    await expect(declarations.getByText('请选择“是”或“否”')).toHaveCount(5);
    await expectAccessible(page, 'declarations with errors (phone)');
    for (const group of await answers.all()) {
      await group.getByRole('radio', { name: '否' }).check();
    }
    await save(declarations, '诚信声明');
    await check(page, 'me-personal-phone');

    // ---- 工作经历: 现工作单位 and one period ----
    await openMe(page, '工作经历', '工作经历');
    const employer = section(page, '现工作单位');
    await employer.getByLabel('单位名称').fill(EMPLOYER);
    await choose(page, employer.getByLabel('单位类别'), /^医院$/);
    await employer.getByLabel('科室（选填）').fill('内科');
    await employer.getByLabel('岗位（选填）').fill('住院医师');
    await save(employer, '现工作单位');

    const work = section(page, '工作经历');
    const period = work.getByRole('group', { name: '工作经历 1' });
    await period.getByLabel('工作单位').fill(EMPLOYER);
    await fillDate(period.getByLabel('开始日期'), '2016-08-01');
    await expect(period.getByLabel('至今仍在该单位工作')).toBeChecked();
    await expect(
      period.getByRole('radiogroup', { name: '是否在上海工作' }).getByRole('radio', { name: '是' }),
    ).toBeChecked();
    await save(work, '工作经历');
    await check(page, 'me-work-phone');

    // ---- 学历学位: one full-time bachelor's degree ----
    await openMe(page, '学历学位', '学历学位');
    const education = section(page, '学历学位');
    const degree = education.getByRole('group', { name: '学历 1' });
    await choose(page, degree.getByLabel('学历层次'), '大学本科');
    await expect(
      degree.getByRole('radiogroup', { name: '学习形式' }).getByRole('radio', { name: '全日制' }),
    ).toBeChecked();
    await degree.getByLabel('毕业学校').fill('复旦大学上海医学院');
    await degree.getByLabel('所学专业').fill('临床医学');
    await fillDate(degree.getByLabel('入学日期'), '2011-09-01');
    await fillDate(degree.getByLabel('毕业日期'), '2016-07-01');
    await degree.getByLabel('学历证书编号').fill('102461201605001234');
    await degree
      .getByRole('radiogroup', { name: '是否取得学位' })
      .getByRole('radio', { name: '是' })
      .check();
    await degree.getByLabel('学位证书编号').fill('1024642016001234');
    await save(education, '学历学位');
    await check(page, 'me-education-phone');

    // ---- 资格与职称: a practice qualification with its registration, a title; no early claim ----
    await openMe(page, '资格与职称', '资格与职称');
    const qualifications = section(page, '执业资格与职称');
    await qualifications.getByRole('button', { name: '添加执业资格' }).click();
    const practice = qualifications.getByRole('group', { name: '执业资格 1' });
    await expect(practice.getByLabel('执业资格类别')).toBeFocused();
    await choose(page, practice.getByLabel('执业资格类别'), /^执业医师资格$/);
    await practice.getByLabel('资格证书编号').fill('201731110310104001');
    await fillDate(practice.getByLabel('资格取得日期'), '2017-06-15');
    await expect(
      practice
        .getByRole('radiogroup', { name: '是否已执业注册' })
        .getByRole('radio', { name: '是' }),
    ).toBeChecked();
    await fillDate(practice.getByLabel('执业注册日期'), '2017-09-01');
    await practice.getByLabel('主执业地点').fill(EMPLOYER);
    await practice.getByLabel('执业类别（选填）').fill('临床');
    await practice.getByLabel('执业范围（选填）').fill('内科专业');
    await qualifications.getByRole('button', { name: '添加职称' }).click();
    const title = qualifications.getByRole('group', { name: '职称 1' });
    await choose(page, title.getByRole('combobox', { name: /职称$/ }), '医师（初级(师)）');
    await fillDate(title.getByLabel('取得日期'), '2018-09-01');
    await expect(
      qualifications
        .getByRole('radiogroup', { name: '是否取得住院医师规范化培训合格证书' })
        .getByRole('radio', { name: '否' }),
    ).toBeChecked();
    await save(qualifications, '执业资格与职称');

    const claims = section(page, '以前年度提前申报情况');
    await expect(claims.getByText('未使用过提前申报政策。')).toBeVisible();
    await save(claims, '以前年度提前申报情况');
    await check(page, 'me-qualifications-phone');

    // ---- 照片: a dark square picture is refused with the reasons, a portrait is kept ----
    await openMe(page, '照片', '基本照片');
    await expect(page.getByText('尚未上传基本照片。')).toBeVisible();
    const fileInput = page.locator('input[type="file"]');
    await fileInput.setInputFiles({
      name: 'dark-square.jpg',
      mimeType: 'image/jpeg',
      buffer: await portrait({ width: 500, height: 500, background: 70 }),
    });
    const outcome = page.getByRole('status').filter({ hasText: '照片' });
    await expect(outcome.getByText('照片未通过检查，未保存')).toBeVisible();
    const checks = outcome.getByRole('list', { name: '检查结果' });
    await expect(checks.getByText('照片比例：未通过')).toBeVisible();
    await expect(checks.getByText('照片高宽比为 1.00')).toBeVisible();
    await expect(checks.getByText('照片背景：未通过')).toBeVisible();
    await expect(checks.getByText('照片背景偏暗或不是浅色')).toBeVisible();
    await expect(checks.getByText('照片尺寸：通过')).toBeVisible();
    await expect(page.getByText('尚未上传基本照片。')).toBeVisible();
    await check(page, 'me-photo-rejected-phone');

    await fileInput.setInputFiles({
      name: 'portrait.png',
      mimeType: 'image/png',
      buffer: await portrait({ format: 'png' }),
    });
    await expect(outcome.getByText('照片已通过检查并保存')).toBeVisible();
    await expect(outcome.getByText('照片背景：通过')).toBeVisible();
    const preview = page.getByRole('img', { name: '您的基本照片（处理后）' });
    await expect(preview).toBeVisible();
    await expect
      .poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(358);
    await expect(page.getByText(/^358×500 像素，[0-9]+ KB/)).toBeVisible();
    await expect(page.getByRole('button', { name: '重新选择照片' })).toBeVisible();
    await check(page, 'me-photo-saved-phone');

    // ---- 信息概览: complete ----
    await openMe(page, '信息概览', '个人中心');
    await expect(page.getByText('基本信息已填写完整')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: '已填写' })).toHaveCount(8);
    await check(page, 'me-overview-complete-phone');

    // ---- 报考条件自测, prefilled from the profile ----
    await page.getByRole('link', { name: '按我的基本信息进行报考条件自测' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '报考条件自测' })).toBeVisible();
    await expect(page.getByText('已按您的基本信息预先填写')).toBeVisible();
    await expect(page.getByText('以下基本信息尚未填写')).toHaveCount(0);
    await expect(
      page
        .getByRole('radiogroup', { name: '户籍是否在上海' })
        .getByRole('radio', { name: '上海户籍', exact: true }),
    ).toBeChecked();
    const scEducation = page.getByRole('group', { name: '学历 1' });
    await expect(scEducation.getByText('大学本科')).toBeVisible();
    await expect(scEducation.getByLabel('毕业日期')).toHaveValue('2016-07-01');
    await expect(scEducation.getByLabel('所学专业')).toHaveValue('临床医学');
    const scPractice = page.getByRole('group', { name: '执业资格 1' });
    await expect(scPractice.getByLabel('首次执业注册日期')).toHaveValue('2017-09-01');
    await expect(
      page.getByRole('group', { name: '工作经历 1' }).getByLabel('工作单位', { exact: true }),
    ).toHaveValue(EMPLOYER);
    await expect(page.getByLabel('当前工作单位', { exact: true })).toHaveValue(EMPLOYER);
    await check(page, 'self-check-prefilled-phone');

    // ---- 账号与安全: the derived facts, and a contact e-mail bound with its code ----
    await page.goto('/me/account');
    await expect(page.getByRole('heading', { level: 1, name: '账号与安全' })).toBeVisible();
    await expect(page.getByTestId('document-number')).toHaveText(
      `${CANDIDATE.documentNumber.slice(0, 4)}${'*'.repeat(10)}${CANDIDATE.documentNumber.slice(-4)}`,
    );
    await expect(page.getByText('女（由证件号码得出）')).toBeVisible();
    await expect(
      page.getByText(
        `${CANDIDATE.documentNumber.slice(6, 10)}-${CANDIDATE.documentNumber.slice(10, 12)}-${CANDIDATE.documentNumber.slice(12, 14)}（由证件号码得出）`,
      ),
    ).toBeVisible();
    // Opened directly: the menu row shows where the candidate is.
    await expect(
      page
        .getByRole('navigation', { name: '个人中心菜单' })
        .getByRole('link', { name: '账号与安全' }),
    ).toBeInViewport();
    await expect(page.getByText('尚未绑定电子邮箱')).toBeVisible();
    await expectAccessible(page, 'account (phone)');
    const bind = page.getByRole('form', { name: '绑定电子邮箱' });
    await bind.getByLabel('电子邮箱').fill(CANDIDATE.email);
    await bind.getByRole('button', { name: '获取验证码' }).click();
    await expect(bind.getByRole('status').filter({ hasText: '验证码已发送至' })).toBeVisible();
    await bind.getByLabel('验证码').fill(await codeFor(request, CANDIDATE.email));
    await bind.getByRole('button', { name: '绑定电子邮箱' }).click();
    await expect(page.getByText('电子邮箱已绑定并验证。')).toBeVisible();
    await expect(page.getByTestId('current-email')).toBeVisible();
    await expect(page.getByText('已验证', { exact: true })).toBeVisible();
    // The form is ready for another address: no stale "code sent" line, no countdown.
    const change = page.getByRole('form', { name: '更换电子邮箱' });
    await expect(change.getByLabel('电子邮箱')).toHaveValue('');
    await expect(change.getByText('验证码已发送至')).toHaveCount(0);
    await expect(change.getByRole('button', { name: '获取验证码' })).toBeEnabled();
    await expect(page.getByRole('checkbox', { name: '电子邮件' })).toBeEnabled();
    await check(page, 'me-account-phone');
  });
});

test.describe('the same candidate on a desktop', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('sees the complete overview and the account pages', async ({ page }) => {
    await page.goto('/login?next=%2Fme');
    await login(page, CANDIDATE.documentNumber);
    await expect(page.getByRole('heading', { level: 1, name: '个人中心' })).toBeVisible();
    await expect(page.getByText('基本信息已填写完整')).toBeVisible();
    await check(page, 'me-overview-desktop');

    await openMe(page, '个人信息', '个人信息');
    await expect(
      section(page, '个人信息')
        .getByRole('radiogroup', { name: '户籍是否在上海' })
        .getByRole('radio', { name: '上海户籍', exact: true }),
    ).toBeChecked();
    await check(page, 'me-personal-desktop');

    await openMe(page, '照片', '基本照片');
    await expect(page.getByRole('img', { name: '您的基本照片（处理后）' })).toBeVisible();
    await check(page, 'me-photo-desktop');

    await openMe(page, '账号与安全', '账号与安全');
    await expect(page.getByTestId('current-email')).toBeVisible();
    await page.getByRole('button', { name: '显示完整号码' }).click();
    await expect(page.getByTestId('document-number')).toHaveText(CANDIDATE.documentNumber);
    await expect(page.getByRole('button', { name: '隐藏号码' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await check(page, 'me-account-desktop');
  });
});
