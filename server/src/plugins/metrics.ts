import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { AppError } from '../lib/errors';

/** Prometheus metrics at /metrics: process defaults plus request counts and latencies by route. */
export const metricsPlugin = fp(async (app: FastifyInstance, opts: { token: string | null }) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hqe_' });
  const duration = new Histogram({
    name: 'hqe_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'hqe_http_errors_total',
    help: 'HTTP responses with status 5xx, by route',
    labelNames: ['route'] as const,
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern (e.g. /api/staff/accounts/:id), never the raw URL: bounded labels, no data.
    const route = request.routeOptions.url ?? (reply.statusCode === 404 ? 'not_found' : 'unknown');
    if (route === '/metrics') return;
    duration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode >= 500) errors.inc({ route });
  });

  const expected = opts.token ? Buffer.from(`Bearer ${opts.token}`) : null;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (expected) {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AppError('unauthenticated', 'Metrics need the bearer token (METRICS_TOKEN).');
      }
    }
    void reply.type(registry.contentType);
    return registry.metrics();
  });
});
