import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '../../config/config-error.ts';
import { PROJECT_CONFIG_ENV } from '../../config/current.ts';
import { loadProjectConfig, type LoadedConfig } from '../../config/load.ts';
import { outputDir } from '../../config/paths.ts';
import { Family } from '../../mocks/scenarios/schema.ts';
import { parseCommand, UsageError } from './usage.ts';
import { runPlaywrightForOutcome } from '../run/playwright-outcome.ts';
// Not preflight/index.ts: the certificate checks run in Playwright's globalSetup; their modules (X.509 parsing) would only slow the CLI's start.
import { checkEnvironment } from '../../tests/preflight/environment.ts';
import { HarnessError } from '../../tests/preflight/harness-error.ts';

export const runHelp = `Usage: npx gatecheck run [--config FILE] [--gateway reference|process] [--family F] [--grep G] [--workers N] [--json] [--tier T]

Runs the contract suites (every scenario) against a gateway and prints the matrix:
scenario, verdict, observed code, time. Exits 0 when every scenario held (or was waived, or
is not applicable), 1 if the gateway breached one, 2 on a harness, config or environment error
(one message with the fix, no verdict table), 130 when interrupted.
Results, attachments and (with CI=true) junit.xml go to the output folder (.gatecheck/).
  --config F   the project config (default: gatecheck.config.{ts,mts,mjs,js,json} in the
               current folder; none: the reference gateway and all four processors).
               See docs/your-gateway.md.
  --gateway    reference (the bundled gateway, in-process) or process (spawns
               GATECHECK_GATEWAY_CMD from the current folder); overrides the config's gateway
  --family F   only one family: ${Family.options.join(', ')}
  --grep G     only scenarios whose id or title matches G (a regular expression)
  --workers N  parallel workers (default 2); the scenarios that wait on purpose overlap in one of them
  --shard I/N  only the I-th of N equal parts of the selected scenarios (one CI machine each;
               the matrix's verdict is every shard's)
  --json       print the matrix as one JSON document instead
  --tier T     mocks (default: the contract matrix against local mock processors) or sandbox
               (gatecheck's mocks checked against the processors' real sandboxes; needs the
               GATECHECK_SANDBOX_* variables, see README.md "Nightly sandbox tier")`;

const Args = z.object({
  config: z.string().min(1).optional(),
  gateway: z.enum(['reference', 'process']).optional(),
  family: Family.optional(),
  grep: z.string().min(1).optional(),
  workers: z.coerce.number().int().min(1).max(16).optional(),
  shard: z.string().regex(/^[1-9]\d*\/[1-9]\d*$/, 'must be I/N, e.g. 1/2').refine((v) => !/^\d+\/\d+$/.test(v) || Number(v.split('/')[0]) <= Number(v.split('/')[1]), 'I must be at most N, e.g. 2/2').optional(),
  json: z.boolean().default(false),
  tier: z.enum(['mocks', 'sandbox']).default('mocks'),
  positionals: z.array(z.string()).max(0, 'run takes no arguments; narrow it with --family or --grep'),
});

const here = path.dirname(fileURLToPath(import.meta.url));
// .ts from the sources (gatecheck's own repository), .js from dist/: the config and reporter are siblings either way.
const ext = path.extname(fileURLToPath(import.meta.url));
const CONFIG = path.join(here, `../run/playwright.config${ext}`);
const MATRIX_REPORTER = path.join(here, `../../tests/reporters/matrix${ext}`);
const SANDBOX_REPORTERS = ['list', path.join(here, `../../tests/reporters/sandbox-outcome${ext}`)];

/** The --grep Playwright gets: scenario ids are "family.slug:" at the start of each title. */
export function titleFilter(family: string | undefined, grep: string | undefined): string | null {
  const familyPart = family ? `\\b${family}\\.[a-z0-9-]+:` : null;
  if (familyPart && grep) return `(?=.*${familyPart})(?=.*${grep})`;
  return familyPart ?? grep ?? null;
}

async function projectConfig(file: string | undefined): Promise<LoadedConfig> {
  try {
    return await loadProjectConfig({ file });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function gatewayLabel(project: LoadedConfig): string {
  const gateway = project.config.gateway;
  const from = project.file ? ` (${path.basename(project.file)})` : '';
  if (gateway === 'reference') return `reference${from}`;
  return 'driver' in gateway ? `${path.basename(gateway.driver)}${from}` : `declarative${from}`;
}

/**
 * V8 flags for the Playwright runner, which its workers inherit (they are forked with the runner's
 * execArgv): a 1 MiB young generation instead of V8's default 16 MiB semi-spaces. A worker's garbage
 * is short-lived (one scenario's servers and requests); measured, it cuts each process's peak RSS by
 * ~15% at no measurable cost in time (README, Performance).
 */
export const RUNNER_NODE_FLAGS = ['--max-semi-space-size=1'];

export async function runCommand(argv: string[]): Promise<number> {
  const args = parseCommand('run', argv, {
    config: { type: 'string' }, gateway: { type: 'string' }, family: { type: 'string' }, grep: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' }, tier: { type: 'string' }, shard: { type: 'string' },
  }, Args);
  const project = await projectConfig(args.config);
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const reporters = [...(args.tier === 'sandbox' ? SANDBOX_REPORTERS : [MATRIX_REPORTER]), ...(process.env.CI ? ['junit'] : [])];
  const playwrightArgs = [cli, 'test', '--config', CONFIG, `--project=${args.tier === 'sandbox' ? 'sandbox' : 'contract'}`, `--reporter=${reporters.join(',')}`];
  const filter = titleFilter(args.family, args.grep);
  if (filter) assertRegExp(filter, args.grep);
  if (filter) playwrightArgs.push('--grep', filter);
  if (args.shard) playwrightArgs.push('--shard', args.shard);
  const workers = args.workers ?? project.config.workers;
  const env = {
    ...process.env,
    ...(args.gateway ? { GATECHECK_GATEWAY: args.gateway } : {}),
    ...(args.json ? { GATECHECK_RUN_JSON: '1' } : {}),
    // The sandbox tier checks gatecheck's mocks against real sandboxes: no gateway starts (tests/preflight/run-gateway.ts).
    GATECHECK_TIER: args.tier,
    ...(project.file ? { [PROJECT_CONFIG_ENV]: project.file } : {}),
    ...(workers ? { GATECHECK_WORKERS: String(workers) } : {}),
    // The waiting scenarios start ahead of their tests, but only those this filter selects (tests/harness/run-selection.ts).
    ...(filter ? { GATECHECK_GREP: filter } : {}),
    GATECHECK_GATEWAY_LABEL: gatewayLabel(project),
    GATECHECK_CWD: process.cwd(),
    // The CLI has set GATECHECK_OUTPUT_DIR and GATECHECK_CERTS_DIR (cli/project-paths.ts); Playwright inherits them.
    PLAYWRIGHT_JUNIT_OUTPUT_FILE: path.join(outputDir(), 'junit.xml'),
  };
  try {
    checkEnvironment(env);
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    console.error(`gatecheck run: harness error: ${error.message}`);
    return 2;
  }
  // From the user's folder: a gateway command and its relative paths are the project's, not gatecheck's.
  return runPlaywrightForOutcome([...RUNNER_NODE_FLAGS, ...playwrightArgs], { cwd: process.cwd(), env });
}

function assertRegExp(filter: string, grep: string | undefined): void {
  try {
    new RegExp(filter);
  } catch (error) {
    throw new UsageError(`gatecheck run: --grep: ${JSON.stringify(grep)} is not a regular expression (${(error as Error).message}); escape special characters, e.g. --grep 'tls\\.expired'`);
  }
}
