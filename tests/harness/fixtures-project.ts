import { test as base } from '@playwright/test';
import { currentConfig } from '../../config/current.ts';
import type { LoadedConfig } from '../../config/load.ts';

/** `project`: the run's gatecheck.config (GATECHECK_PROJECT_CONFIG), loaded once per worker; the defaults without one. */
export const projectTest = base.extend<{}, { project: LoadedConfig }>({
  project: [async ({}, use) => use(await currentConfig()), { scope: 'worker' }],
});
