import { expect as base } from '@playwright/test';
import { getProfile } from '../../mocks/processors/index.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import type { Observation } from './observation.ts';
import { assess, assessmentOf, NO_TERMS } from './assess.ts';
import type { WireFacts } from './verdict.ts';

/**
 * `expect(observation).toHonour(scenario)`: every contract clause, one line on failure. An
 * observation from the contract fixture is judged under the project config's terms (coarse codes,
 * waivers) there; any other is judged plainly.
 */
export const expect = base.extend({
  /** `wire`: the payment route and idempotency header when the processor is not a built-in profile (a custom one). */
  toHonour(observation: Observation, scenario: Scenario, wire?: WireFacts) {
    const profile = getProfile(scenario.processor.profile);
    const assessment = assessmentOf(observation) ?? assess(scenario, observation, wire ?? { paymentPath: profile.paymentRoute.path, idempotencyHeader: profile.idempotencyHeader }, NO_TERMS);
    return { pass: assessment.verdict !== 'breached', name: 'toHonour', message: () => assessment.line };
  },
});
