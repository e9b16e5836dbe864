import { fileURLToPath } from 'node:url';
import { customScenarios } from '../../../mocks/custom/scenarios.ts';
import { customWire } from '../../harness/custom-facts.ts';
import { customProcessorsIn } from '../../harness/custom-processors.ts';
import { expect, test } from '../../harness/fixtures-custom.ts';

/**
 * examples/custom-processor: the mobile-money processor defined only in its gatecheck.config.mjs,
 * served by mockttp behind the TLS front; the reference gateway (its generic client) honours every
 * tls, mtls and network scenario and the processor's two own HTTP-level scenarios.
 */
const config = fileURLToPath(new URL('../../../examples/custom-processor/gatecheck.config.mjs', import.meta.url));
const runs = customScenarios(await customProcessorsIn(config));

test.describe('examples/custom-processor', () => {
  for (const custom of runs) {
    test(`${custom.scenario.id}: ${custom.scenario.title}`, async ({ customContract }) => {
      expect(await customContract.run(custom)).toHonour(custom.scenario, customWire(custom.processor));
    });
  }
});
