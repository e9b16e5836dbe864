import { z } from 'zod';
import { classifyHttpStatus, classifyTlsFrontResponse } from '../classify.ts';
import { GatewayFailure, type GatewayCode } from '../errors.ts';
import { parseRetryAfter } from '../retry.ts';
import type { HttpResponse } from '../transport.ts';

/** A failure after the request reached the processor (it answered). */
export function answered(code: GatewayCode, message: string, response: HttpResponse, now: number): GatewayFailure {
  const retryAfterMs = code === 'RATE_LIMITED' || code === 'PROCESSOR_UNAVAILABLE' ? parseRetryAfter(response.headers['retry-after'], now) : undefined;
  return new GatewayFailure(code, message, { requestSent: true, retryAfterMs, detail: `HTTP ${response.status}`, stage: 'response', httpStatus: response.status });
}

export const badResponse = (message: string, response: HttpResponse) =>
  new GatewayFailure('PROCESSOR_BAD_RESPONSE', message, { requestSent: true, detail: `HTTP ${response.status}`, stage: 'response', httpStatus: response.status });

/**
 * The body as JSON, or undefined when it is not JSON (an HTML error page, plain text, empty).
 * A leading UTF-8 byte order mark is ignored, as RFC 8259 allows; the schema then decides.
 */
export function jsonBody(response: HttpResponse): unknown {
  const text = response.body.replace(/^\uFEFF/, '').trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What every profile does first: a TLS front's HTTP rejection of the client certificate. */
export function tlsFrontFailure(response: HttpResponse, now: number): GatewayFailure | null {
  const code = classifyTlsFrontResponse(response.status, response.body);
  return code ? answered(code, `the processor's TLS front answered ${response.status}: ${code === 'TLS_CLIENT_CERT_REQUIRED' ? 'no client certificate was sent' : 'the client certificate was rejected'}`, response, now) : null;
}

/** What every profile does last: the code for the status, or a bad response for anything unexpected. */
export function statusFailure(profile: string, response: HttpResponse, now: number, detail = ''): GatewayFailure {
  const code = response.status >= 200 && response.status < 300 ? 'PROCESSOR_BAD_RESPONSE' : classifyHttpStatus(response.status);
  const json = jsonBody(response);
  const what = code === 'PROCESSOR_BAD_RESPONSE' ? `an unexpected ${json === undefined ? 'non-JSON ' : ''}answer` : code;
  return answered(code, `${profile} answered HTTP ${response.status} (${what})${detail ? `: ${detail}` : ''}`, response, now);
}

/** Parses with a profile schema; a mismatch is PROCESSOR_BAD_RESPONSE, never a success. */
export function expectShape<S extends z.ZodType>(schema: S, value: unknown, profile: string, response: HttpResponse, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw badResponse(`${profile} ${what} does not match its API (HTTP ${response.status}; ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'not JSON'})`, response);
  }
  return result.data;
}

const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** Minor units to the decimal string PayPal and Visa take: 1000 EUR -> "10.00". */
export function decimalAmount(amount: number, currency: string): string {
  const digits = ZERO_DECIMAL.has(currency) ? 0 : THREE_DECIMAL.has(currency) ? 3 : 2;
  return (amount / 10 ** digits).toFixed(digits);
}
