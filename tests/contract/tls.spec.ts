import { busyScenariosOf } from '../harness/schedule.ts';
import { expect, test } from '../fixtures.ts';

// The family's scenarios that wait on purpose run in 0-waiting.spec.ts, side by side.
for (const scenario of busyScenariosOf('tls')) {
  test(`${scenario.id}: ${scenario.title}`, async ({ contract }) => {
    expect(await contract.run(scenario)).toHonour(scenario);
  });
}
