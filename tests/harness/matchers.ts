import { expect as base } from '@playwright/test';
import { getProfile } from '../../mocks/processors/index.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import type { Observation } from './observation.ts';
import { judge, type WireFacts } from './verdict.ts';

/** `expect(observation).toHonour(scenario)`: every contract clause, one line on failure. */
export const expect = base.extend({
  /** `wire`: the payment route and idempotency header when the processor is not a built-in profile (a custom one). */
  toHonour(observation: Observation, scenario: Scenario, wire?: WireFacts) {
    const profile = getProfile(scenario.processor.profile);
    const verdict = judge(scenario, observation, wire ?? { paymentPath: profile.paymentRoute.path, idempotencyHeader: profile.idempotencyHeader });
    return { pass: verdict.pass, name: 'toHonour', message: () => verdict.line };
  },
});
