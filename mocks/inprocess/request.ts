import type { ProcessorRequest } from '../processors/profile.ts';

/** A base URL split into its origin and path prefix (no trailing slash): `https://h/api/` -> `https://h` + `/api`. */
export function parseBaseUrl(baseUrl: string): { origin: string; prefix: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`gatecheck: baseUrl "${baseUrl}" is not an absolute URL; give the processor URL your client calls, e.g. "https://api.stripe.com"`);
  }
  if (url.search || url.hash) throw new Error(`gatecheck: baseUrl "${baseUrl}" must not carry a query or fragment; give the URL your client prefixes its paths with`);
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

/** The path the profile sees: the request's path and query, without the base URL's prefix. */
export function profilePath(pathAndQuery: string, prefix: string): string {
  if (prefix && (pathAndQuery === prefix || pathAndQuery.startsWith(`${prefix}/`) || pathAndQuery.startsWith(`${prefix}?`))) {
    return pathAndQuery.slice(prefix.length) || '/';
  }
  return pathAndQuery;
}

/** Header names lower-cased, repeated values joined with ", " (as they reach a server). */
export function lowerCaseHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    flat[key] = flat[key] === undefined ? text : `${flat[key]}, ${text}`;
  }
  return flat;
}

/** A Fetch API Request (what msw hands a resolver) as the processor profile reads it. */
export async function fromFetchRequest(request: Request, prefix: string): Promise<ProcessorRequest> {
  const url = new URL(request.url);
  return {
    method: request.method.toUpperCase(),
    path: profilePath(url.pathname + url.search, prefix),
    headers: fetchHeaders(request.headers),
    body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text(),
  };
}

/** Fetch Headers are lower-case and joined already. */
function fetchHeaders(headers: Headers): Record<string, string> {
  const flat: Record<string, string> = {};
  headers.forEach((value, name) => (flat[name] = value));
  return flat;
}
