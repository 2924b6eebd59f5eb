import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../modules/auth';

/** OpenAPI 3 document at /api/openapi.json and a browsable reference at /api/docs. */
export const openApiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '全国卫生专业技术资格考试 网上报名与审核系统 API',
        version: '0.1.0',
        description: [
          '供网页端与小程序客户端使用的 JSON 接口。',
          '',
          `- 会话：登录后服务器设置 HttpOnly Cookie \`${SESSION_COOKIE}\`。`,
          `- CSRF：所有 POST/PUT/PATCH/DELETE 请求须带请求头 \`${CSRF_HEADER}\`，其值取自 \`GET /api/auth/session\` 或登录响应中的 \`csrfToken\`（登录前与 Cookie \`${CSRF_COOKIE}\` 配对）。`,
          '- 错误：`{ error: { code, message, details? } }`，`code` 为稳定的机器可读代码，`message` 为中文说明。',
          '- 时间：所有时间为 ISO 8601（UTC），界面按北京时间显示。',
        ].join('\n'),
      },
      tags: [
        { name: 'auth', description: '登录与会话' },
        { name: 'staff', description: '工作人员账号管理' },
        { name: 'audit', description: '审计日志' },
        { name: 'catalog', description: '考试项目、考区与时间安排' },
        { name: 'system', description: '运行状态' },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
});
