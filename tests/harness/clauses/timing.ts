import type { Scenario } from '../../../mocks/scenarios/schema.ts';
import type { Observation } from '../observation.ts';
import type { Breacher, WireFacts } from '../verdict.ts';

/**
 * Time as evidence: the processor recorded when each payment attempt arrived; two consecutive
 * attempts closer than the declared gap (the processor's Retry-After, or the declared backoff),
 * less the tolerance, breach the retry contract. Attempts without an arrival time are not judged.
 */
export function judgeRetryGap(scenario: Scenario, o: Observation, wire: WireFacts, breach: Breacher): void {
  const gap = scenario.expect.retryGap;
  if (!gap) return;
  const arrivals = o.requests
    .filter((r) => r.method === 'POST' && r.path === wire.paymentPath && r.arrivedMs !== undefined)
    .map((r) => r.arrivedMs!)
    .sort((a, b) => a - b);
  const why = gap.source === 'retry-after' ? `Retry-After: ${gap.minMs / 1000} s` : `the declared backoff of ${gap.minMs} ms`;
  for (let i = 1; i < arrivals.length; i++) {
    const waited = arrivals[i]! - arrivals[i - 1]!;
    if (waited < gap.minMs - gap.toleranceMs) {
      breach('timing', `retried after ${Math.round(waited)} ms (attempt ${i + 1})`, `at least ${gap.minMs} ms between attempts (${why})`);
      return;
    }
  }
}

/**
 * The time clause judges the gateway's waiting policy (timeouts, retries, backoff): its TLS
 * handshakes with the processors are not counted (each up to its own bound, which the handshake
 * scenarios judge). A gateway process started per scenario pays a cold runtime's first handshake
 * (hundreds of ms for a JVM on a loaded machine) that a warm gateway in production does not.
 */
export function judgeBound(withinMs: number, o: Observation, breach: Breacher): void {
  const elapsed = Math.round(o.payment!.elapsedMs);
  const handshakes = Math.min(o.handshakeMs ?? 0, elapsed);
  if (elapsed - handshakes <= withinMs) return;
  const counted = handshakes > 0 ? ` (${handshakes} ms of it in TLS handshakes, not counted)` : '';
  breach('bounded', `answered after ${elapsed} ms${counted}`, `an answer within ${withinMs} ms`);
}
