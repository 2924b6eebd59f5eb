import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors';

const errorCodeList = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/** `{ error: { code, message, details? } }` — the body of every API error. */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodeList),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorEnvelope' });

export const okSchema = z.object({ ok: z.literal(true) });

/** Positive integer ids in path parameters. */
export const idParamSchema = z.strictObject({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

/** Offset pagination for staff lists. */
export const pageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
