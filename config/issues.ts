import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** `processors[1].name`, `gateway.payment.path`, `(root)`. */
export function fieldPath(segments: readonly PropertyKey[]): string {
  if (!segments.length) return '(root)';
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${String(s)}`)).join('');
}

function valueAt(input: unknown, segments: readonly PropertyKey[]): unknown {
  let value = input;
  for (const s of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[s];
  }
  return value;
}

const section: Record<string, string> = { processors: 'processors', gateway: 'gateway', waive: 'waivers', coarse: 'coarse-codes', workers: 'the-config-file', outputDir: 'the-config-file', certsDir: 'the-config-file' };

function fixFor(issue: Issue, value: unknown): string {
  const where = `docs/your-gateway.md#${section[String(issue.path[0])] ?? 'the-config-file'}`;
  switch (issue.code) {
    case 'unrecognized_keys': return `remove ${issue.keys.length > 1 ? 'them' : 'it'} or correct the spelling (every key is in ${where})`;
    case 'invalid_type': return value === undefined ? `add it (${where})` : `give ${issue.expected === 'array' ? 'a list' : `${issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}`} (${where})`;
    case 'invalid_value': return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default: return `see ${where}`;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'function' ? 'a function' : JSON.stringify(value);
  return text && text.length <= 60 ? ` (got ${text})` : '';
}

function message(issue: Issue, value: unknown): string {
  if (issue.code === 'invalid_type' && value === undefined) return `is required (${issue.expected === 'array' ? 'a list' : `${issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}`})`;
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${issue.message.replace(/^Invalid input: /, '')}${describe(value)}`;
}

/**
 * A union's issues, resolved: when exactly one alternative got past the shape (no problem at its
 * own root), its problems are the useful ones ("gateway.payment: is required"), not "no alternative matched".
 */
function resolveUnions(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union') return [issue];
    const near = issue.errors.filter((branch) => branch.length && branch.every((i) => i.path.length > 0 && i.code !== 'unrecognized_keys'));
    if (near.length !== 1) return [issue];
    return resolveUnions(near[0]!.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue));
  });
}

/** One line per problem: `gatecheck.config.mjs: gateway.payment.path: must start with "/" (got "api"). Fix: see docs/your-gateway.md#gateway`. */
export function formatIssues(label: string, issues: readonly Issue[], input: unknown): string {
  return resolveUnions(issues).map((issue) => {
    const value = valueAt(input, issue.path);
    return `${label}: ${fieldPath(issue.path)}: ${message(issue, value)}. Fix: ${fixFor(issue, value)}.`;
  }).join('\n');
}
