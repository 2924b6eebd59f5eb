import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorEnvelopeSchema } from '@hqe/core';
import { attachmentDisposition } from '../../lib/content-disposition';
import type { ApplicationFormService, PdfDownload } from './application-form.service';

/** Sends a PDF as a download with its Chinese file name; public forms may be cached a while. */
function sendPdf(reply: FastifyReply, file: PdfDownload) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('cache-control', 'public, max-age=600')
    .send(file.bytes);
}

const blankFormParamsSchema = z.strictObject({
  code: z.string().regex(/^[0-9]{2}$/, '考区代码为 2 位数字，如上海考区为 31'),
  cycleId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

/** The application form (申报表) routes under /api. */
export const applicationFormRoutes: FastifyPluginAsyncZod<{
  applicationFormService: ApplicationFormService;
}> = async (app, { applicationFormService }) => {
  /*
   * A PDF, not JSON: like the notice attachment downloads it is left out of the OpenAPI document
   * (whose check wants JSON bodies); docs/decisions/0010-application-form-pdf.md describes it.
   */
  app.get(
    '/catalog/exam-areas/:code/cycles/:cycleId/application-form-blank.pdf',
    {
      schema: {
        hide: true,
        tags: ['catalog'],
        summary: '空白申报表（PDF，公开）',
        params: blankFormParamsSchema,
        response: { 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
      },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await applicationFormService.blankForm(request.params.code, request.params.cycleId),
      ),
  );
};
