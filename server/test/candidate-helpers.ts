import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { STRONG_PASSWORD, uniqueMobile, uniqueResidentId } from './factories';
import { TestClient, type TestContext } from './test-app';

/** The newest code the outbox delivery kept for a mobile number or e-mail address. */
export async function outboxCode(ctx: TestContext, to: string): Promise<string> {
  const response = await new TestClient(ctx.app).get(
    `/api/dev/outbox?to=${encodeURIComponent(to)}`,
  );
  expect(response.statusCode).toBe(200);
  const [latest] = response.json<{ messages: { code: string | null }[] }>().messages;
  if (!latest?.code) throw new Error('no code in the outbox');
  return latest.code;
}

/** How many messages the outbox holds for a recipient. */
export async function outboxCount(ctx: TestContext, to: string): Promise<number> {
  const response = await new TestClient(ctx.app).get(
    `/api/dev/outbox?to=${encodeURIComponent(to)}`,
  );
  return response.json<{ messages: unknown[] }>().messages.length;
}

export interface SignupInput {
  documentType: string;
  documentNumber: string;
  name: string;
  mobile: string;
  code: string;
  password: string;
  consent: boolean;
}

/** Asks a sign-up code for the mobile number, reads it from the outbox and signs up. */
export async function signUp(
  ctx: TestContext,
  overrides: Partial<SignupInput> = {},
  client: TestClient = new TestClient(ctx.app),
): Promise<{ response: LightMyRequestResponse; input: SignupInput }> {
  const mobile = overrides.mobile ?? uniqueMobile();
  await client.start();
  let code = overrides.code;
  if (code === undefined) {
    const sent = await client.post('/api/candidate/signup/code', { mobile });
    expect(sent.statusCode, sent.body).toBe(200);
    code = await outboxCode(ctx, mobile);
  }
  const input: SignupInput = {
    documentType: 'resident_id',
    documentNumber: uniqueResidentId(),
    name: '李四',
    password: STRONG_PASSWORD,
    consent: true,
    ...overrides,
    mobile,
    code,
  };
  const response = await client.post('/api/candidate/signup', input);
  return { response, input };
}

/** The first validation issue's path and message. */
export function firstIssue(response: LightMyRequestResponse) {
  const body = response.json<{
    error: {
      code: string;
      message: string;
      details?: { issues?: { path: string; message: string }[] };
    };
  }>();
  return {
    code: body.error.code,
    message: body.error.message,
    issue: body.error.details?.issues?.[0],
  };
}
