// Validates a request part against its zod schema and reports every invalid field at once, each
// with a JSON pointer (body fields as '/hours', query and path values under '/query' and '/path').
import type { z } from 'zod';
import { ValidationError, type FieldError } from '../errors.js';

export type Part = 'body' | 'query' | 'path';

export function pointer(segments: readonly PropertyKey[]) {
  return segments.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field; allowed fields are listed in the API document`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  return issue.message;
}

export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], part: Part): FieldError[] {
  const prefix = part === 'body' ? [] : [part];
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: pointer([...prefix, ...issue.path, key]), message: describe(issue) }));
    }
    return [{ path: pointer([...prefix, ...issue.path]) || '/', message: describe(issue) }];
  });
}

export function parsePart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: Part,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldError[] } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: issuesToFieldErrors(result.error.issues, part) };
}

export function throwIfErrors(errors: FieldError[]) {
  if (errors.length > 0) throw new ValidationError(errors);
}
