import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { outputDir } from '../../config/paths.ts';
import { contractProjects, contractSchedule } from '../../tests/harness/contract-projects.ts';

// The Playwright config `gatecheck run` uses, shipped compiled in dist/ beside the compiled suites.
// Everything it writes (results, attachments, reports) goes to the project's output folder
// (GATECHECK_OUTPUT_DIR, set by the CLI), never beside this file inside node_modules.
const here = path.dirname(fileURLToPath(import.meta.url));
// .ts when read from the sources (gatecheck's own repository), .js when read from dist/.
const ext = path.extname(fileURLToPath(import.meta.url));
const schedule = contractSchedule();

export default defineConfig({
  // Regenerates the test PKI in the certificates folder when it is missing, unparseable or near expiry.
  globalSetup: path.join(here, `../../tests/global-setup${ext}`),
  outputDir: path.join(outputDir(), 'test-results'),
  forbidOnly: !!process.env.CI,
  // A contract verdict must be deterministic: a retry would hide a flaky gateway or harness.
  retries: 0,
  // GATECHECK_WORKERS, plus GATECHECK_WAIT_WORKERS when set (tests/harness/contract-projects.ts).
  workers: schedule.workers,
  // A scenario's own time bound is asserted by the suite; this only stops a hung test.
  timeout: 30_000,
  projects: [
    // Each scenario starts its own processor and gateway: spread them over the workers one by one, not
    // file by file (GATECHECK_WAIT_WORKERS=N: the scenarios that wait on purpose in a second `contract` project, N workers).
    ...contractProjects(path.join(here, '../../tests/contract'), schedule),
    // Real processor sandboxes (`gatecheck run --tier sandbox`): opt-in by GATECHECK_SANDBOX_* variables.
    { name: 'sandbox', testDir: path.join(here, '../../tests/sandbox'), timeout: 60_000 },
  ],
});
