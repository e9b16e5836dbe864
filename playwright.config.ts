import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { applyProjectPaths } from './cli/project-paths.ts';
import { contractWorkers } from './tests/harness/workers.ts';

// gatecheck's own repository: its test PKI lives in certs/ (gatecheck.config.json says so), for
// this run and every worker and CLI child it starts. A user's project gets .gatecheck/ instead.
await applyProjectPaths([], fileURLToPath(new URL('.', import.meta.url)));

const ci = !!process.env.CI;

export default defineConfig({
  // Regenerates the test PKI (certs/) when they are missing, unparseable or within 7 days of expiry.
  globalSetup: './tests/global-setup.ts',
  forbidOnly: ci,
  // A contract verdict must be deterministic: a retry would hide a flaky gateway or harness.
  retries: 0,
  // Two cores on every machine here: GATECHECK_WORKERS, default 2 (tests/harness/workers.ts).
  workers: contractWorkers(),
  // A scenario's own time bound is asserted by the suite; this only stops a hung test.
  timeout: 30_000,
  reporter: ci
    ? [['list'], ['junit', { outputFile: 'test-results/junit.xml' }], ['html', { open: 'never', outputFolder: 'playwright-report' }]]
    : [['list']],
  projects: [
    { name: 'unit', testDir: 'tests/unit' },
    // Each scenario starts its own processor and gateway: spread over the workers one by one, not file
    // by file; the scenarios that wait on purpose overlap in one worker (tests/contract/0-waiting.spec.ts).
    { name: 'contract', testDir: 'tests/contract', fullyParallel: true },
    // Real processor sandboxes: opt-in by environment variables, never part of `npm test`.
    // Over the internet a test makes up to two requests of up to 20 s each (tests/sandbox/https.ts).
    { name: 'sandbox', testDir: 'tests/sandbox', timeout: 60_000 },
  ],
});
