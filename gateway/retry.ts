import type { ProcessorConfig } from './config.ts';
import { isRetryable, type GatewayCode } from './errors.ts';

export type RetryInput = {
  code: GatewayCode;
  /** 1 for the first attempt. */
  attempt: number;
  /** What the processor asked for with Retry-After, in ms. */
  retryAfterMs: number | undefined;
  retry: ProcessorConfig['retry'];
};
export type RetryDecision = { retry: false; why: string } | { retry: true; delayMs: number; why: string };
export type RetryPolicy = (input: RetryInput) => RetryDecision;

/**
 * Retries only what the taxonomy marks retryable (resets, closes, connect failures, response
 * timeouts, 5xx, 429), with exponential backoff capped at maxDelayMs. A Retry-After within
 * maxDelayMs is waited exactly; one beyond it ends the retries (retrying sooner would ignore it).
 */
export const retryPolicy: RetryPolicy = ({ code, attempt, retryAfterMs, retry }) => {
  if (!isRetryable(code)) return { retry: false, why: `${code} is not retryable` };
  if (attempt >= retry.maxAttempts) return { retry: false, why: `${retry.maxAttempts} attempts made` };
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > retry.maxDelayMs) return { retry: false, why: `Retry-After ${retryAfterMs} ms exceeds retry.maxDelayMs ${retry.maxDelayMs}` };
    return { retry: true, delayMs: retryAfterMs, why: 'Retry-After' };
  }
  const delayMs = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs, why: 'backoff' };
};

/** Retry-After as seconds or an HTTP date, in ms from `now`. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
