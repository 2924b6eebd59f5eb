import { isApiError } from '../../lib/api-client';

/** One problem the server found, with its path split into parts (`phases.5.startsAt`). */
export interface PathIssue {
  path: string[];
  message: string;
}

/** The issues of a `validation_failed` (or `conflict`) error with their full paths. */
export function issuesOf(error: unknown): PathIssue[] {
  if (!isApiError(error, 'validation_failed', 'conflict')) return [];
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
  const list = details.issues;
  if (!Array.isArray(list)) return [];
  const out: PathIssue[] = [];
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { path, message } = item as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const parts = Array.isArray(path)
      ? path.map(String)
      : typeof path === 'string'
        ? path.split(/[./]/)
        : [];
    out.push({ path: parts.filter((p) => p !== '' && p !== 'body'), message });
  }
  return out;
}

/** The form field a `conflict` error names (`details.issues[0].path`), if the form has it. */
export function conflictFieldOf<Name extends string>(
  error: unknown,
  fields: readonly Name[],
): Name | null {
  if (!isApiError(error, 'conflict')) return null;
  const first = issuesOf(error)[0]?.path[0];
  return fields.find((f) => f === first) ?? null;
}
