import { DEFAULT_ERROR_MESSAGES, httpStatusOf, type ErrorCode } from '@hqe/core';

/** The one error type services throw; the error handler turns it into the API envelope. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? DEFAULT_ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.statusCode = httpStatusOf(code);
  }
}

export const notFound = (message?: string) => new AppError('not_found', message);
export const forbidden = (message?: string) => new AppError('forbidden', message);
export const conflict = (message?: string, details?: unknown) =>
  new AppError('conflict', message, details);
export const validationFailed = (message: string, issues: { path: string; message: string }[]) =>
  new AppError('validation_failed', message, { issues });
