import { customScenarios } from '../../mocks/custom/scenarios.ts';
import { customWire } from '../harness/custom-facts.ts';
import { customProcessorsOfProject } from '../harness/custom-processors.ts';
import { expect, test } from '../harness/fixtures-custom.ts';

/**
 * The project's own processors (gatecheck.config `processors: [{ name, custom }]`): every tls, mtls
 * and network scenario re-targeted at each, then its own HTTP-level scenarios, titled
 * `<processor>/<family>.<slug>: <title>`.
 */
for (const custom of customScenarios(await customProcessorsOfProject())) {
  const { scenario, processor } = custom;
  test(`${scenario.id}: ${scenario.title}`, async ({ customContract }) => {
    expect(await customContract.run(custom)).toHonour(scenario, customWire(processor));
  });
}
