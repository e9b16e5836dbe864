import { GatewayBootError } from './errors.ts';

/** No real gateway config nests deeper than this; a deeper one is refused before any recursion. */
export const MAX_CONFIG_DEPTH = 32;
/** More processors than any gateway routes to; a bigger list is refused instead of probing them all. */
export const MAX_PROCESSORS = 256;

/** A config refused for its size alone: nothing in it is worth validating further. */
export class ConfigTooLargeError extends GatewayBootError {}

/**
 * Refuses, with the field at fault, a config too deep or too wide to validate safely: walked
 * iteratively, so a file nested 100,000 arrays deep is one CONFIG_INVALID, not a stack overflow.
 */
export function refuseOversizedConfig(raw: unknown): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: raw, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_CONFIG_DEPTH) {
      const field = path || '(root)';
      throw new ConfigTooLargeError('CONFIG_INVALID', field, `${field} is nested more than ${MAX_CONFIG_DEPTH} levels deep. Fix: a gateway config is a few levels of objects; see gateway/README.md for its shape.`);
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [path ? `.${k}` : k, v] as const);
    for (const [key, child] of entries) stack.push({ value: child, path: `${path}${key}`, depth: depth + 1 });
  }
  const processors = (raw as { processors?: unknown })?.processors;
  if (Array.isArray(processors) && processors.length > MAX_PROCESSORS) {
    throw new ConfigTooLargeError('CONFIG_INVALID', 'processors', `processors lists ${processors.length} processors, more than the limit of ${MAX_PROCESSORS}. Fix: configure the processors this gateway really routes to.`);
  }
}
