import type { ProcessorRequest, ProcessorResponse } from './profile.ts';

/** A header's value by case-insensitive name, or undefined. */
export function header(request: Pick<ProcessorRequest, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  if (Object.hasOwn(request.headers, wanted)) return request.headers[wanted]; // names are lower-case (ProcessorRequest)
  for (const key in request.headers) if (key.toLowerCase() === wanted) return request.headers[key];
  return undefined;
}

/** The path without its query string. */
export const routePath = (path: string): string => path.split('?', 1)[0] ?? path;

/** A JSON response; header names are lower-case. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): ProcessorResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The path of names in a form key: `a[b][c]` -> ['a', 'b', 'c']. */
function namesOf(key: string): string[] {
  const parts = key.match(/^([^[\]]+)((?:\[[^[\]]*\])*)$/);
  return parts ? [parts[1]!, ...[...parts[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)] : [key];
}

/** One form-encoded name or value: most values (amounts, ids, `true`) have nothing to decode, and are returned as they are. */
const formComponent = (raw: string): string => (raw.includes('%') || raw.includes('+') ? decodeURIComponent(raw.replace(/\+/g, ' ')) : raw);

/**
 * The path of names in a key as sent (`payment_method_data%5Bcard%5D%5Bnumber%5D`). Memoised by
 * the encoded key: a processor sees the same few keys, so each is decoded and split once, not per request.
 */
const encodedKeyNames = new Map<string, string[]>();
function namesOfEncoded(rawKey: string): string[] {
  let names = encodedKeyNames.get(rawKey);
  if (names) return names;
  names = namesOf(formComponent(rawKey));
  if (encodedKeyNames.size < 1000) encodedKeyNames.set(rawKey, names);
  return names;
}

/** The pairs of a form body as URLSearchParams reads them, keys as paths of names; decodeURIComponent for speed, URLSearchParams when it would throw. */
function formPairs(body: string): [string[], string][] {
  const pairs: [string[], string][] = [];
  try {
    for (const segment of body.split('&')) {
      if (segment === '') continue;
      const eq = segment.indexOf('=');
      pairs.push(eq < 0 ? [namesOfEncoded(segment), ''] : [namesOfEncoded(segment.slice(0, eq)), formComponent(segment.slice(eq + 1))]);
    }
    return pairs;
  } catch {
    // malformed percent-encoding: URLSearchParams is lenient
    return [...new URLSearchParams(body)].map(([key, value]): [string[], string] => [namesOf(key), value]);
  }
}

/**
 * Decodes a form body the way Stripe reads it: `a[b][c]=v` becomes `{ a: { b: { c: 'v' } } }`.
 * Values stay strings; a key set twice keeps its last value.
 */
export function decodeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [names, value] of formPairs(body)) {
    let node = root;
    for (let i = 0; i < names.length - 1; i++) {
      const name = names[i]!;
      const next = node[name];
      node = (node[name] = typeof next === 'object' && next !== null ? next : {}) as Record<string, unknown>;
    }
    node[names[names.length - 1]!] = value;
  }
  return root;
}

/** The inverse of `decodeForm`: nested objects become bracketed keys. */
export function encodeForm(value: Record<string, unknown>): string {
  const pairs: [string, string][] = [];
  const walk = (prefix: string, node: unknown): void => {
    if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) walk(prefix ? `${prefix}[${key}]` : key, child);
    } else if (node !== undefined) {
      pairs.push([prefix, String(node)]);
    }
  };
  walk('', value);
  return new URLSearchParams(pairs).toString();
}

/** Basic credentials from an Authorization header, or null if absent or malformed. */
export function basicCredentials(authorization: string | undefined): { user: string; password: string } | null {
  const match = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The token of a Bearer Authorization header, or null. */
export function bearerToken(authorization: string | undefined): string | null {
  return authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
}

/** Never echo a secret: keep a recognisable prefix and the last four characters. */
export function redact(secret: string): string {
  return secret.length <= 12 ? '****' : `${secret.slice(0, 8)}****${secret.slice(-4)}`;
}
