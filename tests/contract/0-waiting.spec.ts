import { waitingScenarios } from '../harness/schedule.ts';
import { expect, test } from '../fixtures.ts';

// The scenarios that wait on purpose (a timeout to hit, a Retry-After to honour), every family's:
// in order, in one worker, each starting the ones after it, so their waits overlap and the whole
// group takes about as long as its longest wait. The file name sorts first because Playwright
// hands out test groups in file order and this group is the run's longest.
test.describe.configure({ mode: 'default' });

const waiting = waitingScenarios();
waiting.forEach((scenario, i) => {
  test(`${scenario.id}: ${scenario.title}`, async ({ contract }) => {
    expect(await contract.run(scenario, { startAhead: waiting.slice(i + 1) })).toHonour(scenario);
  });
});
