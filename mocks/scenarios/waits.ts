import { HARNESS_TIMEOUTS } from './expect.ts';
import type { Scenario } from './schema.ts';

/**
 * Why a scenario waits on purpose (a timeout it must hit, a Retry-After it must honour, a slow
 * answer), or null, read from its definition: the contract suites overlap these in one worker (their
 * time is idle; tests/contract/0-waiting.spec.ts), and the benchmarks report their time apart.
 */
export function deliberateWait(s: Scenario): string | null {
  const b = s.processor.behaviour;
  const t = s.processor.transport;
  if (t.kind === 'raw' && t.fault === 'hang') return `handshake timeout (${HARNESS_TIMEOUTS.handshakeMs} ms)`;
  if (t.kind === 'raw' && t.fault === 'syn-blackhole') return `connect timeout x3 (${HARNESS_TIMEOUTS.connectMs} ms each)`;
  if (s.processor.responseFault.fault === 'drip') return `response timeout (${HARNESS_TIMEOUTS.responseMs} ms)`;
  switch (b.kind) {
    case 'hang': return `response timeout (${HARNESS_TIMEOUTS.responseMs} ms)`;
    case 'delay': return `processor delay (${b.ms} ms${b.ms > HARNESS_TIMEOUTS.responseMs ? `, response timeout x3` : ''})`;
    case 'slow-processing': return `processing time (${b.ms} ms)`;
    case 'fail': return b.retryAfterSeconds ? `Retry-After (${b.retryAfterSeconds} s)` : null;
    case 'token-endpoint-fails': return b.retryAfterSeconds ? `Retry-After (${b.retryAfterSeconds} s)` : null;
    default: return null;
  }
}
