import { expect, type APIRequestContext } from '@playwright/test';
import {
  doctorProfileSections,
  PASSWORD,
  portrait,
  scanJpeg,
  type Candidate,
} from './candidate-data';
import { ADMIN } from './fixtures';
import { serial, uniqueUsername } from './unique';

/*
 * What the journeys set up through the API rather than the pages (those have journeys of their
 * own): sign-ups and basic information, registrations up to their submission, staff accounts.
 */

/** JSON calls on a request context with its session's CSRF token (cookies shared with its pages). */
export async function apiOf(request: APIRequestContext) {
  let csrf = ((await (await request.get('/api/auth/session')).json()) as { csrfToken: string })
    .csrfToken;
  const send = async <T = unknown>(
    method: 'get' | 'post' | 'put' | 'delete',
    url: string,
    data?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> => {
    const response =
      method === 'get'
        ? await request.get(url)
        : await request[method](url, { data, headers: { ...headers, 'x-csrf-token': csrf } });
    const text = await response.text();
    expect(response.ok(), `${method} ${url}: ${text}`).toBe(true);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  return {
    request,
    send,
    csrf: () => csrf,
    async login(username: string, password: string, portal: 'candidate' | 'console') {
      const body = await send<{ csrfToken: string }>('post', '/api/auth/login', {
        username,
        password,
        portal,
      });
      csrf = body.csrfToken;
    },
  };
}

export type Api = Awaited<ReturnType<typeof apiOf>>;

/** The platform administrator, logged in on `request`. */
export async function adminApi(request: APIRequestContext): Promise<Api> {
  const api = await apiOf(request);
  await api.login(ADMIN.username, ADMIN.password, 'console');
  return api;
}

/**
 * The newest verification code the development outbox holds for a mobile number or an e-mail
 * address. Urgent notifications (a return, a supplement request) go to the same outbox by SMS:
 * only messages that carry a code count.
 */
export async function codeFor(request: APIRequestContext, to: string): Promise<string> {
  let code = '';
  await expect(async () => {
    const response = await request.get(`/api/dev/outbox?to=${encodeURIComponent(to)}`);
    expect(response.ok(), 'the development outbox answers').toBe(true);
    const body = (await response.json()) as { messages: { code: string | null }[] };
    code = body.messages.find((m) => m.code !== null)?.code ?? '';
    expect(code).toMatch(/^[0-9]{6}$/);
  }).toPass({ timeout: 10_000 });
  return code;
}

/** 注册账号 through the API, as the sign-up page would; the candidate is then logged in on `api`. */
export async function signUpThroughApi(api: Api, candidate: Candidate): Promise<void> {
  await api.send('post', '/api/candidate/signup/code', { mobile: candidate.mobile });
  await api.send('post', '/api/candidate/signup', {
    documentType: 'resident_id',
    documentNumber: candidate.documentNumber,
    name: candidate.name,
    mobile: candidate.mobile,
    code: await codeFor(api.request, candidate.mobile),
    password: PASSWORD,
    consent: true,
  });
  await api.login(candidate.mobile, PASSWORD, 'candidate');
}

/** The basic information and the base photo, saved as the 个人中心 pages would. */
export async function fillBasicInformation(
  api: Api,
  household: 'local' | 'non_local' = 'local',
): Promise<void> {
  let { version } = await api.send<{ version: number }>('get', '/api/candidate/profile');
  for (const [path, data] of doctorProfileSections(household)) {
    ({ version } = await api.send<{ version: number }>('put', `/api/candidate/profile/${path}`, {
      version,
      data,
    }));
  }
  await api.send('post', '/api/candidate/profile/photo', {
    contentBase64: (await portrait()).toString('base64'),
  });
}

/** The demonstration cycle, the one open for registration (preselected on the portal). */
export async function registrationCycle(
  request: APIRequestContext,
): Promise<{ id: number; year: number; workYearsCutoff: string }> {
  const response = await request.get('/api/catalog/overview');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as {
    exams: { cycles: { id: number; year: number; workYearsCutoff: string }[] }[];
  };
  const cycle = body.exams[0]?.cycles[0];
  expect(cycle, 'a cycle open for registration').toBeDefined();
  return cycle ?? { id: 0, year: 0, workYearsCutoff: '' };
}

/** The id of the demonstration cycle open for registration. */
export const registrationCycleId = async (request: APIRequestContext): Promise<number> =>
  (await registrationCycle(request)).id;

/** The year of the demonstration cycle open for registration (its previous year is imported). */
export const registrationYear = async (request: APIRequestContext): Promise<number> =>
  (await registrationCycle(request)).year;

export interface Registration {
  id: number;
  version: number;
  registrationNumber: string;
  materialSlots: { key: string; required: boolean }[];
}

/**
 * The logged-in candidate's registration in 上海 for 303 内科学, in the registration city `city`,
 * complete up to the submission: the first test site, the registration info, the confirmed photo,
 * the downloaded form and a scan in every required material slot.
 */
export async function draftRegistration(api: Api, city: string): Promise<Registration> {
  const cycleId = await registrationCycleId(api.request);
  let r = await api.send<Registration>('post', '/api/registrations', {
    cycleId,
    examAreaCode: '31',
  });
  const choices = await api.send<{
    cities: { id: number; name: string }[];
    testSites: { id: number }[];
  }>('get', `/api/registrations/${r.id}/choices`);
  const cityId = choices.cities.find((c) => c.name === city)?.id;
  expect(cityId, `${city} is a registration city of Shanghai`).toBeDefined();
  r = await api.send<Registration>('put', `/api/registrations/${r.id}/area`, {
    version: r.version,
    cityId,
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
  const form = await api.request.get(`/api/registrations/${r.id}/application-form.pdf`);
  expect(form.ok(), 'the application form downloads').toBe(true);
  for (const [n, slot] of r.materialSlots.filter((s) => s.required).entries()) {
    r = await api.send<Registration>('post', `/api/registrations/${r.id}/materials/${slot.key}`, {
      fileName: `扫描件-${n + 1}.jpg`,
      contentBase64: (await scanJpeg({ mark: n + 1 })).toString('base64'),
    });
  }
  return r;
}

/** 提交报名信息 (with its own Idempotency-Key, as the page sends one per click). */
export async function submitRegistration(api: Api, id: number): Promise<Registration> {
  return api.send<Registration>('post', `/api/registrations/${id}/submit`, undefined, {
    'idempotency-key': `e2e-${id}-${serial()}`,
  });
}

export type StaffRole = 'confirmation_reviewer' | 'qualification_reviewer' | 'area_admin';

/**
 * A member of staff of 上海, made by the platform administrator with a username of its own, who
 * has changed the initial password to `password`; logged in on a request context of its own.
 */
export async function staffMember(
  newContext: () => Promise<APIRequestContext>,
  role: StaffRole,
  displayName: string,
  password: string,
): Promise<{ username: string; api: Api }> {
  const adminRequest = await newContext();
  const admin = await adminApi(adminRequest);
  const areas = await admin.send<{ items: { id: number; code: string }[] }>(
    'get',
    '/api/exam-areas',
  );
  const username = uniqueUsername(role.slice(0, 2));
  const initialPassword = 'First-Login-Passw0rd';
  await admin.send('post', '/api/staff/accounts', {
    username,
    displayName,
    roles: [role],
    examAreaId: areas.items.find((a) => a.code === '31')?.id,
    initialPassword,
  });
  await adminRequest.dispose();
  const api = await apiOf(await newContext());
  await api.login(username, initialPassword, 'console');
  await api.send('post', '/api/auth/password', {
    currentPassword: initialPassword,
    newPassword: password,
  });
  await api.login(username, password, 'console');
  return { username, api };
}
