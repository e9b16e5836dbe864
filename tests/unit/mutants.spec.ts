import { expect, test } from '@playwright/test';
import { startGateway } from '../../gateway/index.ts';
import { getScenario } from '../../mocks/scenarios/index.ts';
import { gatewayProcessorConfig } from '../../mocks/servers/gateway-config.ts';
import { startProcessor } from '../../mocks/servers/start-processor.ts';
import { selectDriver } from '../drivers/select.ts';
import { contractGatewayConfig } from '../drivers/gateway-config.ts';
import type { ProcessorConfig } from '../drivers/driver.ts';
import { mutants } from '../mutants/index.ts';
import { MUTANT_NAMES } from '../mutants/names.ts';

/**
 * Every mutant still builds: the reference gateway starts with its replaced seams and stops again.
 * Whether the contract suites kill it is `npm run mutation`'s job, not this one's.
 */
test('there are at least 30 mutants, with unique names and a sentence each', () => {
  expect(mutants.length).toBeGreaterThanOrEqual(30);
  expect(new Set(mutants.map((m) => m.name)).size).toBe(mutants.length);
  // The preflight's list of names (no gateway modules loaded) is the catalogue's.
  expect(MUTANT_NAMES).toEqual(mutants.map((m) => m.name));
  for (const m of mutants) expect(m.models.length, m.name).toBeGreaterThan(40);
});

for (const mutant of mutants) {
  test(`mutant ${mutant.name} starts and stops`, async () => {
    const processor = await startProcessor(getScenario('mtls.good-client-cert'), { profile: 'stripe' });
    try {
      const config = contractGatewayConfig([gatewayProcessorConfig(processor) as ProcessorConfig]);
      const gateway = await startGateway(config, mutant.parts());
      expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
      await gateway.close();
    } finally {
      await processor.close();
    }
  });
}

test('GATECHECK_GATEWAY=mutant:<name> selects the mutant; an unknown name says which exist', async () => {
  expect((await selectDriver(`mutant:${mutants[0]!.name}`)).name).toBe(`mutant:${mutants[0]!.name}`);
  await expect(selectDriver('mutant:nope')).rejects.toThrow(/no mutant "nope"; one of: verification-off/);
});
