import { test as base } from '@playwright/test';
import type { BootResult, GatewayDriver, ProcessorConfig, RunningGateway } from '../drivers/driver.ts';
import { selectDriver } from '../drivers/select.ts';

export type GatewayFixture = { driver: GatewayDriver; start(processors: ProcessorConfig[], env?: Record<string, string>): Promise<BootResult> };

/** `gateway` starts gateways through the selected driver and stops them after the test, pass or fail. */
export const gatewayTest = base.extend<{ gateway: GatewayFixture }, { driver: GatewayDriver }>({
  driver: [async ({}, use) => use(selectDriver()), { scope: 'worker' }],
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
