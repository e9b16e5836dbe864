import { HARNESS_TIMEOUTS } from '../../mocks/scenarios/expect.ts';
import type { ConnectionRecord } from '../../mocks/servers/records.ts';
import type { ProcessorConfig } from '../drivers/driver.ts';

/** A stretch of time on the monotonic clock the processors record with (ms). */
export type Span = { from: number; to: number };

/** The handshake bound the gateway was given for a processor (its generated settings), else the harness default. */
export function handshakeBoundOf(entry: ProcessorConfig): number {
  const bound = (entry as { timeouts?: { handshakeMs?: unknown } }).timeouts?.handshakeMs;
  return typeof bound === 'number' && bound > 0 ? bound : HARNESS_TIMEOUTS.handshakeMs;
}

/** The completed handshakes among `connections`, each cut to at most `boundMs` (the part a gateway within its bound could spend). */
export function handshakeSpans(connections: readonly ConnectionRecord[], boundMs: number): Span[] {
  return connections.flatMap((c) => (c.handshakeSpan ? [{ from: c.handshakeSpan.from, to: Math.min(c.handshakeSpan.to, c.handshakeSpan.from + boundMs) }] : []));
}

/**
 * Wall time inside `window` during which at least one of `spans` was under way: the time a payment
 * spent setting up TLS with its processors. Overlapping handshakes (concurrent attempts) count once.
 */
export function timeWithin(window: Span, spans: readonly Span[]): number {
  const clipped = spans
    .map((s) => ({ from: Math.max(s.from, window.from), to: Math.min(s.to, window.to) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  let total = 0;
  let reach = -Infinity;
  for (const s of clipped) {
    if (s.to <= reach) continue;
    total += s.to - Math.max(s.from, reach);
    reach = s.to;
  }
  return total;
}
