import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

interface OpenApiOperation {
  requestBody?: { content: Record<string, { schema: unknown }> };
  parameters?: { in: string; name: string }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

describe('health', () => {
  it('when the database answers, then /api/health is 200 and names the engine', async () => {
    const response = await new TestClient(ctx.app).get('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: 'ok' });
    expect(['pglite', 'postgres']).toContain(response.json<{ engine: string }>().engine);
  });

  it('when the database is gone, then /api/health is 503', async () => {
    const broken = await createTestContext();
    await broken.db.destroy();
    const response = await broken.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', database: 'unavailable' });
    await broken.close();
  });
});

describe('OpenAPI', () => {
  it('when the document is fetched, then it is OpenAPI 3 and lists every API route with request and response schemas', async () => {
    const response = await new TestClient(ctx.app).get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      paths: Record<string, Record<string, OpenApiOperation>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    const apiRoutes = ctx.routes.filter(
      (r) => r.url.startsWith('/api/') && !r.hidden && r.method !== 'HEAD',
    );
    expect(apiRoutes.length).toBeGreaterThanOrEqual(10);
    for (const route of apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '') || '/';
      const operation = (doc.paths[path] ?? doc.paths[`${path}/`])?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.url} is documented`).toBeDefined();
      if (!operation) continue;
      const ok = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect(ok.length, `${route.method} ${route.url} documents its success`).toBeGreaterThan(0);
      for (const [, res] of ok) {
        expect(
          res.content?.['application/json']?.schema,
          `${route.url} response schema`,
        ).toBeDefined();
      }
      if (route.method === 'POST' && operation.requestBody) {
        expect(operation.requestBody.content['application/json']?.schema).toBeDefined();
      }
    }
    const login = doc.paths['/api/auth/login']?.post;
    expect(login?.requestBody).toBeDefined();
    expect(Object.keys(login?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '423', '429']),
    );
  });

  it('when /api/docs is opened, then a browsable reference is served', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs' });
    const final =
      response.statusCode === 302
        ? await ctx.app.inject({ method: 'GET', url: String(response.headers.location) })
        : response;
    expect(final.statusCode).toBe(200);
    expect(final.headers['content-type']).toContain('text/html');
    expect(final.body).toContain('swagger');
  });
});

describe('metrics and headers', () => {
  it('when /metrics is scraped, then request counts by route pattern appear, without raw URLs', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/api/health');
    await client.get('/api/exam-areas?secret=310101199001011234');
    const response = await client.get('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(
      /hqe_http_request_duration_seconds_count\{[^}]*route="\/api\/health"/,
    );
    expect(response.body).toContain('hqe_process_cpu_user_seconds_total');
    expect(response.body).not.toContain('310101199001011234');
  });

  it('when a client sends a request id, then it is echoed; otherwise one is made', async () => {
    const given = await ctx.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'trace-abc-12345' },
    });
    expect(given.headers['x-request-id']).toBe('trace-abc-12345');
    const made = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await ctx.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when any API answers, then it is not cached and carries the security headers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/exam-areas' });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('when a request is logged, then its query string is not', async () => {
    await ctx.app.inject({ method: 'GET', url: '/api/exam-areas?idNumber=310101199001011234' });
    const all = ctx.logs.join('\n');
    expect(all).toContain('/api/exam-areas');
    expect(all).not.toContain('310101199001011234');
  });
});

describe('metrics behind a token', () => {
  it('when METRICS_TOKEN is set, then /metrics needs it as a bearer token', async () => {
    const token = 'scrape-token-0123456789';
    const guarded = await createTestContext({ env: { METRICS_TOKEN: token } });
    try {
      const without = await guarded.app.inject({ method: 'GET', url: '/metrics' });
      expect(without.statusCode).toBe(401);
      const wrong = await guarded.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer not-the-token-000000' },
      });
      expect(wrong.statusCode).toBe(401);
      const right = await guarded.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('hqe_http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });
});
