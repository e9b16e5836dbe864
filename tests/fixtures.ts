import { mergeTests } from '@playwright/test';
import type { Scenario } from '../mocks/scenarios/schema.ts';
import { gatewayTest } from './harness/fixtures-gateway.ts';
import { processorTest } from './harness/fixtures-processor.ts';
import type { Observation } from './harness/observation.ts';
import { observe } from './harness/observe.ts';

export { expect } from './harness/matchers.ts';

/**
 * The contract fixtures: `pki`, `processor` (factory), `gateway` (driver), and `contract`, which
 * runs one scenario end to end and attaches the observation to the test for `gatecheck run`.
 */
export const test = mergeTests(processorTest, gatewayTest).extend<{ contract: { run(scenario: Scenario): Promise<Observation> } }>({
  contract: async ({ processor, gateway }, use, testInfo) => {
    await use({
      async run(scenario) {
        const observation = await observe(scenario, { driver: gateway.driver.name, startProcessor: (s) => processor(s), startGateway: (p) => gateway.start(p) });
        await testInfo.attach('observation', { body: JSON.stringify(observation), contentType: 'application/json' });
        return observation;
      },
    });
  },
});
