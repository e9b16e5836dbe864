import { waitingGroups } from '../harness/schedule.ts';
import { expect, test } from '../fixtures.ts';

// The scenarios that wait on purpose (a timeout to hit, a Retry-After to honour), every family's,
// in groups: each group runs in order in one worker, each test starting the ones after it, so their
// waits overlap and a group takes about as long as its longest wait. Groups are what Playwright
// hands to workers and shards. The file name sorts first because Playwright hands out test groups
// in file order and these are the run's longest.
waitingGroups().forEach((group, g) => {
  test.describe(`waiting group ${g + 1}`, () => {
    test.describe.configure({ mode: 'default' });
    group.forEach((scenario, i) => {
      test(`${scenario.id}: ${scenario.title}`, async ({ contract }) => {
        expect(await contract.run(scenario, { startAhead: group.slice(i + 1) })).toHonour(scenario);
      });
    });
  });
});
