// `gatecheck/test`: write your own Playwright specs against the same mocks and contract.
//   import { test, expect, getScenario } from 'gatecheck/test';
//   test('my case', async ({ contract }) => expect(await contract.run(getScenario('tls.expired-leaf'))).toHonour(getScenario('tls.expired-leaf')));
export { test, expect } from './tests/fixtures.ts';
export { scenarios, scenariosOf, getScenario } from './mocks/scenarios/index.ts';
export type { Scenario, Family } from './mocks/scenarios/schema.ts';
export type { Observation } from './tests/harness/observation.ts';
