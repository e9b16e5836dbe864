import { test as base } from '@playwright/test';
import { loadPki, type Pki } from '../../mocks/pki/load.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import { startProcessor, type ProcessorServer, type StartOptions } from '../../mocks/servers/start-processor.ts';

export type StartProcessor = (scenario: Scenario, options?: Omit<StartOptions, 'pki'>) => Promise<ProcessorServer>;

/** `pki` once per worker; `processor` starts a scenario's mock and closes it after the test, pass or fail. */
export const processorTest = base.extend<{ processor: StartProcessor }, { pki: Pki }>({
  pki: [async ({}, use) => use(loadPki()), { scope: 'worker' }],
  processor: async ({ pki }, use) => {
    const started: ProcessorServer[] = [];
    await use(async (scenario, options = {}) => {
      const server = await startProcessor(scenario, { ...options, pki });
      started.push(server);
      return server;
    });
    await Promise.all(started.map((s) => s.close()));
  },
});
