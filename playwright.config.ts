import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { applyProjectPaths } from './cli/project-paths.ts';
import { contractProjects, contractSchedule } from './tests/harness/contract-projects.ts';

// gatecheck's own repository: its test PKI lives in certs/ (gatecheck.config.json says so), for
// this run and every worker and CLI child it starts. A user's project gets .gatecheck/ instead.
await applyProjectPaths([], fileURLToPath(new URL('.', import.meta.url)));

const ci = !!process.env.CI;
const schedule = contractSchedule();

export default defineConfig({
  // Regenerates the test PKI (certs/) when they are missing, unparseable or within 7 days of expiry.
  globalSetup: './tests/global-setup.ts',
  forbidOnly: ci,
  // A contract verdict must be deterministic: a retry would hide a flaky gateway or harness.
  retries: 0,
  // Two cores on every machine here; the harness is I/O bound, so use them both.
  // GATECHECK_WORKERS, plus GATECHECK_WAIT_WORKERS when set (tests/harness/contract-projects.ts).
  workers: schedule.workers,
  // A scenario's own time bound is asserted by the suite; this only stops a hung test.
  timeout: 30_000,
  reporter: ci
    ? [['list'], ['junit', { outputFile: 'test-results/junit.xml' }], ['html', { open: 'never', outputFolder: 'playwright-report' }]]
    : [['list']],
  projects: [
    { name: 'unit', testDir: 'tests/unit' },
    // Each scenario starts its own processor and gateway: spread them over the workers one by one, not
    // file by file (GATECHECK_WAIT_WORKERS=N: the scenarios that wait on purpose in a second `contract` project, N workers).
    ...contractProjects('tests/contract', schedule),
    // Real processor sandboxes: opt-in by environment variables, never part of `npm test`.
    // Over the internet a test makes up to two requests of up to 20 s each (tests/sandbox/https.ts).
    { name: 'sandbox', testDir: 'tests/sandbox', timeout: 60_000 },
  ],
});
