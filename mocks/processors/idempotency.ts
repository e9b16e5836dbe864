import { createHash } from 'node:crypto';
import type { ProcessorResponse } from './profile.ts';

type Entry =
  | { state: 'in-flight'; fingerprint: string }
  | { state: 'completed'; fingerprint: string; response: ProcessorResponse };

/** What a request with an idempotency key meets. */
export type Admission =
  | { kind: 'new' }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; response: ProcessorResponse };

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same parameters. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The parameters a key is bound to: route plus decoded body, independent of key order and encoding. */
export function fingerprint(method: string, path: string, params: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonical(params)}`).digest('hex');
}

/**
 * Idempotency keys and what they are bound to. A key is taken when a request starts processing
 * (`admit` -> 'new'), holds the stored response once it completes, and is released if processing
 * throws. Requests that fail auth or validation never reach the store.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();

  /** Keeps at most `limit` keys (oldest completed ones go first): memory stays bounded under any load. */
  constructor(readonly limit = 10_000) {}

  admit(key: string, print: string): Admission {
    const entry = this.#entries.get(key);
    if (!entry) {
      this.#entries.set(key, { state: 'in-flight', fingerprint: print });
      this.#evict();
      return { kind: 'new' };
    }
    if (entry.state === 'in-flight') return { kind: 'in-flight' };
    if (entry.fingerprint !== print) return { kind: 'mismatch' };
    return { kind: 'replay', response: entry.response };
  }

  complete(key: string, response: ProcessorResponse): void {
    const entry = this.#entries.get(key);
    if (entry) this.#entries.set(key, { state: 'completed', fingerprint: entry.fingerprint, response });
  }

  release(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  #evict(): void {
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.limit) return;
      if (entry.state === 'completed') this.#entries.delete(key);
    }
  }
}
