import { expect as base } from '@playwright/test';
import { getProfile } from '../../mocks/processors/index.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import type { Observation } from './observation.ts';
import { judge } from './verdict.ts';

/** `expect(observation).toHonour(scenario)`: every contract clause, one line on failure. */
export const expect = base.extend({
  toHonour(observation: Observation, scenario: Scenario) {
    const profile = getProfile(scenario.processor.profile);
    const verdict = judge(scenario, observation, { paymentPath: profile.paymentRoute.path, idempotencyHeader: profile.idempotencyHeader });
    return { pass: verdict.pass, name: 'toHonour', message: () => verdict.line };
  },
});
