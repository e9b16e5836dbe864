import type { CustomScenario } from '../../mocks/custom/scenarios.ts';
import { startCustomProcessor, type CustomProcessorServer } from '../../mocks/custom/start.ts';
import { test as base } from '../fixtures.ts';
import { customFacts } from './custom-facts.ts';
import type { Observation } from './observation.ts';
import { observe } from './observe.ts';

/**
 * `customContract.run(custom)`: one custom processor scenario end to end (its mockttp rules behind
 * the scenario's front, the selected gateway pointed at it), the observation attached like the
 * built-in contract's; every processor it started is closed after the test, pass or fail.
 */
export const test = base.extend<{ customContract: { run(custom: CustomScenario): Promise<Observation> } }>({
  customContract: async ({ pki, gateway }, use, testInfo) => {
    const started: CustomProcessorServer[] = [];
    await use({
      async run(custom) {
        const observation = await observe(custom.scenario, {
          driver: gateway.driver.name,
          startProcessor: async () => {
            const server = await startCustomProcessor(custom, { pki });
            started.push(server);
            return server;
          },
          startGateway: (processors) => gateway.start(processors),
          facts: customFacts,
        });
        await testInfo.attach('observation', { body: JSON.stringify(observation), contentType: 'application/json' });
        return observation;
      },
    });
    await Promise.all(started.map((s) => s.close()));
  },
});

export { expect } from './matchers.ts';
