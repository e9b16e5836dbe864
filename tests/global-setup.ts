import { checkRunGatewayStarts } from './preflight/run-gateway.ts';
import { preflight } from './preflight/index.ts';

/**
 * Preflight before any scenario: GATECHECK_* values, no process-wide TLS bypass, and a complete,
 * usable certificate set (regenerated when missing or stale), and a gateway of its own process that
 * starts on the good path (tests/preflight/gateway-starts.ts). A failure is one line, which the
 * matrix reporter turns into a harness error (exit 2), never into breaches.
 */
export default async function globalSetup(): Promise<void> {
  for (const note of await preflight()) console.log(`gatecheck: ${note}`);
  await checkRunGatewayStarts();
}
