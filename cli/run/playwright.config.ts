import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { outputDir } from '../../config/paths.ts';
import { contractWorkers } from '../../tests/harness/workers.ts';

// The Playwright config `gatecheck run` uses, shipped compiled in dist/ beside the compiled suites.
// Everything it writes (results, attachments, reports) goes to the project's output folder
// (GATECHECK_OUTPUT_DIR, set by the CLI), never beside this file inside node_modules.
const here = path.dirname(fileURLToPath(import.meta.url));
// .ts when read from the sources (gatecheck's own repository), .js when read from dist/.
const ext = path.extname(fileURLToPath(import.meta.url));

export default defineConfig({
  // Regenerates the test PKI in the certificates folder when it is missing, unparseable or near expiry.
  globalSetup: path.join(here, `../../tests/global-setup${ext}`),
  outputDir: path.join(outputDir(), 'test-results'),
  forbidOnly: !!process.env.CI,
  // A contract verdict must be deterministic: a retry would hide a flaky gateway or harness.
  retries: 0,
  // GATECHECK_WORKERS, default 2 (tests/harness/workers.ts).
  workers: contractWorkers(),
  // A scenario's own time bound is asserted by the suite; this only stops a hung test.
  timeout: 30_000,
  projects: [
    // Each scenario starts its own processor and gateway: spread over the workers one by one, not file
    // by file; the scenarios that wait on purpose overlap in one worker (tests/contract/0-waiting.spec.ts).
    { name: 'contract', testDir: path.join(here, '../../tests/contract'), fullyParallel: true },
    // Real processor sandboxes (`gatecheck run --tier sandbox`): opt-in by GATECHECK_SANDBOX_* variables.
    { name: 'sandbox', testDir: path.join(here, '../../tests/sandbox'), timeout: 60_000 },
  ],
});
