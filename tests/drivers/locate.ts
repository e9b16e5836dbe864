import type { Locator } from '../../config/schema.ts';

/** RFC 6901: "" is the whole document; "/a/0/b~1c" walks keys and indices (~1 is "/", ~0 is "~"). */
export function pointerGet(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let value = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

const scalar = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

/** The value a locator names in an answer's body: a JSON pointer's scalar, or a pattern's first group; null when absent. */
export function locate(locator: Locator, body: string): string | null {
  if ('pointer' in locator) return scalar(pointerGet(parseJson(body), locator.pointer));
  return new RegExp(locator.pattern).exec(body)?.[1] ?? null;
}

/** The gateway's codes to gatecheck's; a code the map does not name is compared as it is. */
export function codeMapper(map: Record<string, string>): (code: string) => string {
  return (code) => (Object.hasOwn(map, code) ? map[code]! : code);
}
