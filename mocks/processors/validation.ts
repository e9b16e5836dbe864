import type { z } from 'zod';

/** One reason a request broke its schema, with the field it names. */
export type FieldIssue = {
  /** Path into the decoded body; empty when the body itself is not an object. */
  path: (string | number)[];
  /** The field is absent (as opposed to present and wrong). */
  missing: boolean;
  /** A parameter the API does not take (a strict schema's unknown key). */
  unknown?: boolean;
  message: string;
};

const at = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined), value);

/** Parses `value` with `schema`; on failure lists every issue with its field path. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): { ok: true; value: T } | { ok: false; issues: FieldIssue[] } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], missing: false, unknown: true, message: 'is not a parameter this API takes' }));
    const missing = at(value, issue.path) === undefined;
    return [{ path, missing, message: missing ? 'is required' : issue.message }];
  });
  return { ok: false, issues };
}

/** `a.b.0.c`: how Adyen and Visa name a field. */
export const dotted = (path: readonly (string | number)[]) => path.join('.');
