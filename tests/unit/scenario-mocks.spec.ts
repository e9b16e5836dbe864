import { expect, test } from '@playwright/test';
import { certSpec } from '../../mocks/pki/specs.ts';
import { scenarios } from '../../mocks/scenarios/index.ts';
import { nodeErrorMatches } from '../../mocks/scenarios/node-errors.ts';
import { startProcessor } from '../../mocks/servers/start-processor.ts';
import { curl, nodeFetch, opensslClient } from '../support/tls-clients.ts';

/**
 * The mocks are real for clients nobody here wrote: for every tls/mtls scenario, Node's fetch,
 * curl and openssl s_client, each given the scenario's client material, reach the processor's
 * HTTP exactly when a correct gateway would.
 */
const tlsFamilies = scenarios.filter((s) => s.family === 'tls' || s.family === 'mtls');

for (const scenario of tlsFamilies) {
  const mustConnect = scenario.expect.outcome === 'ok';
  test(`${scenario.id}: fetch, curl and s_client ${mustConnect ? 'connect' : `refuse (${scenario.expect.code})`}`, async () => {
    const processor = await startProcessor(scenario);
    try {
      const results = [
        await nodeFetch(processor.url, processor.client),
        // curl's --pinnedpubkey checks the leaf key only: an issuer pin is not expressible there.
        await curl(processor.url, scenario.gateway.pins.every((id) => certSpec(id).role === 'server') ? processor.client : { ...processor.client, pins: [] }),
        await opensslClient(processor.url, processor.client),
      ];
      for (const r of results) {
        expect(r.ok, `${scenario.id}: ${r.client} ${r.ok ? 'connected' : `failed (${r.code}: ${r.message})`}`).toBe(mustConnect);
      }
      if (!mustConnect) {
        const node = results[0]!;
        expect(nodeErrorMatches(scenario.expect.code!, node), `${scenario.id}: Node reported ${node.code} (${node.message}); expected an error that stands for ${scenario.expect.code}`).toBe(true);
      }
      const reached = processor.requests().length;
      if (mustConnect) expect(reached).toBe(results.length);
      else expect(reached, 'no request of a refused scenario may reach the processor application').toBe(0);
    } finally {
      await processor.close();
    }
  });
}
