import { scenariosOf } from '../../mocks/scenarios/index.ts';
import { expect, test } from '../fixtures.ts';

for (const scenario of scenariosOf('failover')) {
  test(`${scenario.id}: ${scenario.title}`, async ({ contract }) => {
    expect(await contract.run(scenario)).toHonour(scenario);
  });
}
