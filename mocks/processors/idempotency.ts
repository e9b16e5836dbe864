import { hash } from 'node:crypto';
import type { ProcessorResponse } from './profile.ts';

/** A key's binding; `response` is null while its request is in flight. */
type Entry = { readonly key: string; readonly fingerprint: string; response: ProcessorResponse | null };

/** What a request with an idempotency key meets. */
export type Admission =
  | { kind: 'new' }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; response: ProcessorResponse };

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same parameters. */
function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const object = value as Record<string, unknown>;
  let out = '';
  for (const key of Object.keys(object).sort()) {
    const child = object[key];
    if (child !== undefined) out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonical(child)}`;
  }
  return `{${out}}`;
}

/** The parameters a key is bound to: route plus decoded body, independent of key order and encoding. */
export function fingerprint(method: string, path: string, params: unknown): string {
  return hash('sha256', `${method.toUpperCase()} ${path}\n${canonical(params)}`);
}

/**
 * Idempotency keys and what they are bound to. A key is taken when a request starts processing
 * (`admit` -> 'new'), holds the stored response once it completes, and is released if processing
 * throws. Requests that fail auth or validation never reach the store.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  /**
   * Entries in the order they were admitted, oldest from `#oldest` on: what eviction walks. Some are
   * stale (released, or their key admitted again since); a walk skips those. Walking the Map itself
   * from its start skipped every deleted slot V8 had not compacted yet: thousands per request once full.
   */
  #order: Entry[] = [];
  #oldest = 0;

  /** Keeps at most `limit` keys (oldest completed ones go first): memory stays bounded under any load. */
  constructor(readonly limit = 10_000) {}

  admit(key: string, print: string): Admission {
    const entry = this.#entries.get(key);
    if (!entry) {
      const admitted: Entry = { key, fingerprint: print, response: null };
      this.#entries.set(key, admitted);
      this.#order.push(admitted);
      this.#evict();
      return { kind: 'new' };
    }
    if (entry.response === null) return { kind: 'in-flight' };
    if (entry.fingerprint !== print) return { kind: 'mismatch' };
    return { kind: 'replay', response: entry.response };
  }

  complete(key: string, response: ProcessorResponse): void {
    const entry = this.#entries.get(key);
    if (entry) entry.response = response;
  }

  release(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  #evict(): void {
    // Each entry at most once per call: in-flight ones go to the back, and are never forgotten.
    for (let budget = this.#order.length - this.#oldest; this.#entries.size > this.limit && budget > 0; budget--) {
      const entry = this.#order[this.#oldest++]!;
      if (this.#entries.get(entry.key) !== entry) continue;
      if (entry.response === null) this.#order.push(entry);
      else this.#entries.delete(entry.key);
    }
    const pending = this.#order.length - this.#oldest;
    if (this.#oldest > this.limit || pending > 2 * this.limit + 64) {
      this.#order = this.#order.slice(this.#oldest).filter((entry) => this.#entries.get(entry.key) === entry);
      this.#oldest = 0;
    }
  }
}
