import type { ProcessorRequest } from '../processors/profile.ts';
import { Recent } from '../processors/recent.ts';

/** Why a connection did not reach HTTP: a closed union, not free text. */
export type ConnectionFailure =
  | 'handshake-error'
  | 'client-cert-missing'
  | 'client-cert-rejected'
  | 'raw-fault';

/** One TCP connection the processor's port accepted, as the TLS front saw it. */
export type ConnectionRecord = {
  id: number;
  at: string;
  handshake: 'ok' | 'failed' | 'none';
  failure: ConnectionFailure | null;
  /** OpenSSL's words for a failed handshake, e.g. "sslv3 alert certificate unknown". */
  error: string | null;
  tlsVersion: string | null;
  sni: string | null;
  alpn: string | null;
  clientCert: { subject: string; issuer: string; authorized: boolean; error: string | null } | null;
  /** Whether bytes from this connection were handed to the HTTP application. */
  forwarded: boolean;
  /** A completed handshake's span on the monotonic clock (ms): TCP accept to handshake done; null when none completed. */
  handshakeSpan: { from: number; to: number } | null;
};

/**
 * One HTTP request that reached the processor's application (the thing fail-closed forbids).
 * `at` is the wall-clock time; `arrivedMs` the arrival on a monotonic clock (ms, sub-ms precision),
 * the evidence for the time a gateway waited between attempts.
 */
export type RequestRecord = ProcessorRequest & { at: string; arrivedMs?: number };

/** Now on a monotonic clock, in ms since this process started: unaffected by wall-clock steps. */
export const monotonicMs = (): number => performance.now();

/** Keeps the newest `limit` items: recording stays bounded under any length of load. */
export class BoundedLog<T> {
  readonly #items: Recent<T>;
  private watchers: ((item: T) => void)[] = [];
  dropped = 0;
  /** How many items were ever pushed (ids come from it). */
  count = 0;
  constructor(limit = 1000) {
    this.#items = new Recent<T>(limit);
  }
  /** Calls `watcher` with every item pushed from now on. */
  watch(watcher: (item: T) => void): void {
    this.watchers.push(watcher);
  }
  push(item: T): void {
    for (const watcher of this.watchers) watcher(item);
    if (this.#items.push(item)) this.dropped++;
  }
  all(): T[] {
    return this.#items.toArray();
  }
}

/** A connection record with the defaults filled in and the next id from `log`. */
export function connectionRecord(log: BoundedLog<ConnectionRecord>, partial: Partial<ConnectionRecord>): ConnectionRecord {
  const record: ConnectionRecord = {
    id: ++log.count, at: new Date().toISOString(), handshake: 'none', failure: null, error: null,
    tlsVersion: null, sni: null, alpn: null, clientCert: null, forwarded: false, handshakeSpan: null, ...partial,
  };
  log.push(record);
  return record;
}
