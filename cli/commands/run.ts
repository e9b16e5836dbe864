import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Family } from '../../mocks/scenarios/schema.ts';
import { parseCommand, UsageError } from './usage.ts';
import { runPlaywrightForOutcome } from '../run/playwright-outcome.ts';
import { checkEnvironment, HarnessError } from '../../tests/preflight/index.ts';

export const runHelp = `Usage: npx gatecheck run [--gateway reference|process] [--family F] [--grep G] [--workers N] [--json]

Runs the contract suites (every scenario) against a gateway and prints the matrix:
scenario, verdict, observed code, time. Exits 0 when every scenario held, 1 if the gateway breached one, 2 on a harness or
environment error (one message with the fix, no verdict table), 130 when interrupted.
  --gateway    reference (default: the bundled gateway, in-process) or process
               (spawns GATECHECK_GATEWAY_CMD; default: npx gatecheck gateway)
  --family F   only one family: ${Family.options.join(', ')}
  --grep G     only scenarios whose id or title matches G (a regular expression)
  --workers N  parallel workers (default 2)
  --json       print the matrix as one JSON document instead`;

const Args = z.object({
  gateway: z.enum(['reference', 'process']).optional(),
  family: Family.optional(),
  grep: z.string().min(1).optional(),
  workers: z.coerce.number().int().min(1).max(16).optional(),
  json: z.boolean().default(false),
  positionals: z.array(z.string()).max(0, 'run takes no arguments; narrow it with --family or --grep'),
});

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The --grep Playwright gets: scenario ids are "family.slug:" at the start of each title. */
export function titleFilter(family: string | undefined, grep: string | undefined): string | null {
  const familyPart = family ? `\\b${family}\\.[a-z0-9-]+:` : null;
  if (familyPart && grep) return `(?=.*${familyPart})(?=.*${grep})`;
  return familyPart ?? grep ?? null;
}

export async function runCommand(argv: string[]): Promise<number> {
  const args = parseCommand('run', argv, {
    gateway: { type: 'string' }, family: { type: 'string' }, grep: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' },
  }, Args);
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const playwrightArgs = [cli, 'test', '--config', `${root}playwright.config.ts`, '--project=contract', `--reporter=${root}tests/reporters/matrix.ts`];
  const filter = titleFilter(args.family, args.grep);
  if (filter) assertRegExp(filter, args.grep);
  if (filter) playwrightArgs.push('--grep', filter);
  if (args.workers) playwrightArgs.push('--workers', String(args.workers));
  const env = { ...process.env, ...(args.gateway ? { GATECHECK_GATEWAY: args.gateway } : {}), ...(args.json ? { GATECHECK_RUN_JSON: '1' } : {}) };
  try {
    checkEnvironment(env);
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    console.error(`gatecheck run: harness error: ${error.message}`);
    return 2;
  }
  return runPlaywrightForOutcome(playwrightArgs, { cwd: root, env });
}

function assertRegExp(filter: string, grep: string | undefined): void {
  try {
    new RegExp(filter);
  } catch (error) {
    throw new UsageError(`gatecheck run: --grep: ${JSON.stringify(grep)} is not a regular expression (${(error as Error).message}); escape special characters, e.g. --grep 'tls\\.expired'`);
  }
}
