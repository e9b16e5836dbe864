import type { BootResult, GatewayDriver, ProcessorConfig, RunningGateway } from '../drivers/driver.ts';
import { driverFor } from '../drivers/select.ts';
import { projectTest } from './fixtures-project.ts';

export type GatewayFixture = { driver: GatewayDriver; start(processors: ProcessorConfig[], env?: Record<string, string>): Promise<BootResult> };

/** `gateway` starts gateways through the run's driver (GATECHECK_GATEWAY, else the project config) and stops them after the test, pass or fail. */
export const gatewayTest = projectTest.extend<{ gateway: GatewayFixture }, { driver: GatewayDriver }>({
  driver: [async ({ project }, use) => use(await driverFor(project)), { scope: 'worker' }],
  gateway: async ({ driver }, use) => {
    const running: RunningGateway[] = [];
    await use({
      driver,
      async start(processors, env) {
        const result = await driver.start(processors, env);
        if (result.ok) running.push(result.gateway);
        return result;
      },
    });
    await Promise.all(running.map((g) => g.stop()));
  },
});
