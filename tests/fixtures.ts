import { mergeTests } from '@playwright/test';
import type { Scenario } from '../mocks/scenarios/schema.ts';
import { getProfile } from '../mocks/processors/index.ts';
import { nameFor, notApplicable } from './harness/applicable.ts';
import { assess, coarseFor, remember, verdictAnnotation } from './harness/assess.ts';
import { countingCoarseToo } from './harness/coarse-counter.ts';
import { gatewayTest } from './harness/fixtures-gateway.ts';
import { processorTest } from './harness/fixtures-processor.ts';
import type { Observation } from './harness/observation.ts';
import { observe } from './harness/observe.ts';

export { expect } from './harness/matchers.ts';

/**
 * The contract fixtures: `pki`, `project` (the gatecheck.config), `processor` (factory), `gateway`
 * (driver), and `contract`, which runs one scenario end to end, judges it under the config's terms
 * and attaches the observation to the test for `gatecheck run`. A scenario for a processor the
 * gateway does not integrate is skipped with a `not-applicable` annotation and its reason.
 */
export const test = mergeTests(processorTest, gatewayTest).extend<{ contract: { run(scenario: Scenario): Promise<Observation> } }>({
  contract: async ({ processor, gateway, project }, use, testInfo) => {
    const { processors, waive, coarse } = project.config;
    await use({
      async run(scenario) {
        const reason = notApplicable(scenario, processors);
        if (reason) {
          testInfo.annotations.push({ type: 'not-applicable', description: reason });
          testInfo.skip(true, `not applicable: ${reason}`);
        }
        const declared = coarseFor(scenario, { waive, coarse });
        const observation = await observe(scenario, {
          driver: gateway.driver.name,
          startProcessor: (s) => processor(s),
          startGateway: async (p) => countingCoarseToo(await gateway.start(p), scenario.expect.code, declared?.code ?? null),
          processorName: (profile) => nameFor(profile, processors),
        });
        await testInfo.attach('observation', { body: JSON.stringify(observation), contentType: 'application/json' });
        const profile = getProfile(scenario.processor.profile);
        const assessment = assess(scenario, observation, { paymentPath: profile.paymentRoute.path, idempotencyHeader: profile.idempotencyHeader }, { waive, coarse });
        remember(observation, assessment);
        const annotation = verdictAnnotation(assessment);
        if (annotation) testInfo.annotations.push(annotation);
        return observation;
      },
    });
  },
});
