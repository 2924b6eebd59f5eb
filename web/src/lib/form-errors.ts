import { isApiError } from './api-client';

export interface FieldError<Name extends string = string> {
  name: Name;
  errors: string[];
}

interface Issue {
  path: unknown;
  message: unknown;
}

function isIssue(value: unknown): value is Issue {
  return typeof value === 'object' && value !== null && 'path' in value && 'message' in value;
}

function fieldNameOf(path: unknown): string | null {
  const parts = Array.isArray(path)
    ? path.map(String)
    : typeof path === 'string'
      ? path.split(/[./]/)
      : [];
  const meaningful = parts.filter((p) => p !== '' && p !== 'body');
  return meaningful[0] ?? null;
}

/**
 * Turn a `validation_failed` error's `details.issues` into per-field errors for a form, keeping
 * only the fields the form has. Returns an empty list for any other error.
 */
export function fieldErrorsOf<Name extends string>(
  error: unknown,
  knownFields: readonly Name[],
): FieldError<Name>[] {
  if (!isApiError(error, 'validation_failed')) return [];
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
  const issues = details.issues;
  if (!Array.isArray(issues)) return [];
  const byField = new Map<Name, string[]>();
  for (const issue of issues) {
    if (!isIssue(issue) || typeof issue.message !== 'string') continue;
    const name = fieldNameOf(issue.path);
    const known = knownFields.find((field) => field === name);
    if (known === undefined) continue;
    const fieldName: Name = known;
    byField.set(fieldName, [...(byField.get(fieldName) ?? []), issue.message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
