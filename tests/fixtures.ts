import { mergeTests } from '@playwright/test';
import type { Scenario } from '../mocks/scenarios/schema.ts';
import { getProfile } from '../mocks/processors/index.ts';
import { notApplicable } from './harness/applicable.ts';
import { assess, remember, verdictAnnotation } from './harness/assess.ts';
import { gatewayTest } from './harness/fixtures-gateway.ts';
import { processorTest } from './harness/fixtures-processor.ts';
import type { GatewayDriver } from './drivers/driver.ts';
import type { Observation } from './harness/observation.ts';
import { Overlap } from './harness/overlap.ts';
import { selectedByRun } from './harness/run-selection.ts';
import { startScenarioRun } from './harness/scenario-run.ts';
import { slotsOf } from './harness/slots.ts';

export { expect } from './harness/matchers.ts';

export type ContractRunOptions = {
  /**
   * The scenarios that follow this one in a file whose tests run in order in one worker
   * (`test.describe.configure({ mode: 'default' })`): started now, so their deliberate waits overlap
   * this one's. Each is still judged by its own test; only the selected, applicable ones start.
   */
  startAhead?: readonly Scenario[];
};

/** Gateway starts at once per worker: a start is CPU work (a process, a module graph), the waits that follow are not. */
const BOOT_SLOTS = 2;
/**
 * Scenario runs under way at once per worker, each with a gateway and its processors. In-process
 * gateways cost little each: eight keeps the waiting group near its longest wait (its tests' times
 * sum to ~23 s). A gateway process per scenario runs alone: a second one starting beside it made the
 * Java example's cold TLS handshake miss its 500 ms bound in CI (a double charge read on failover).
 * There the matrix is bound by the gateways' starts, not by the waits.
 */
const runsAtOnce = (driver: GatewayDriver) => (driver.inProcess ? 8 : 1);

/**
 * The contract fixtures: `pki`, `project` (the gatecheck.config), `processor` (factory), `gateway`
 * (driver), and `contract`, which runs one scenario end to end, judges it under the config's terms
 * and attaches the observation to the test for `gatecheck run`. A scenario for a processor the
 * gateway does not integrate is skipped with a `not-applicable` annotation and its reason.
 */
export const test = mergeTests(processorTest, gatewayTest).extend<
  { contract: { run(scenario: Scenario, options?: ContractRunOptions): Promise<Observation> } },
  { overlap: Overlap }
>({
  overlap: [
    async ({ pki, driver, project }, use) => {
      const bootSlot = slotsOf(BOOT_SLOTS);
      const overlap = new Overlap((scenario) => startScenarioRun(scenario, { pki, driver, project, bootSlot }), runsAtOnce(driver));
      await use(overlap);
      await overlap.abandon();
    },
    { scope: 'worker' },
  ],
  contract: async ({ overlap, project }, use, testInfo) => {
    const { processors, waive, coarse } = project.config;
    await use({
      async run(scenario, options = {}) {
        const reason = notApplicable(scenario, processors);
        if (reason) {
          testInfo.annotations.push({ type: 'not-applicable', description: reason });
          testInfo.skip(true, `not applicable: ${reason}`);
        }
        const ahead = (options.startAhead ?? []).filter((s) => selectedByRun(s) && !notApplicable(s, processors));
        const observation = await overlap.run(scenario, ahead);
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
