import { spawnSync } from 'node:child_process';
import { cp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { expect, test } from '@playwright/test';
import { installScratch, npx, stepTimer } from './scratch.ts';
import { collect } from '../init/cli.ts';

/**
 * Proof as a user (issue 12, item 6): the packed gatecheck installed into a scratch project outside
 * the repository, the Java example gateway copied there, and `npx gatecheck run` wired by the
 * example's gatecheck.config.mjs alone (no file of gatecheck edited). Then each planted bug of
 * planted-bugs/bugs.json in its own copy: exit 1, and one breach line per scenario it must breach.
 */
const example = fileURLToPath(new URL('../../../examples/java-gateway/', import.meta.url));
const javaFound = spawnSync('sh', ['-c', 'command -v java && command -v javac'], { stdio: 'ignore' }).status === 0;

const Row = z.object({ id: z.string(), verdict: z.string(), reason: z.string().nullable(), message: z.string().nullable() });
const Matrix = z.object({ honoured: z.number(), coarse: z.number(), notApplicable: z.number(), breached: z.number(), errors: z.number(), scenarios: z.array(Row) });
const Clause = z.enum(['outcome', 'fail-closed', 'retries', 'health', 'metrics', 'discreet']);
const Bugs = z.object({
  bugs: z.array(z.object({ name: z.string(), breaches: z.array(z.object({ scenario: z.string(), clause: Clause })).min(1) })).length(5),
});

/** How each clause's breach reads in the one-line verdict (tests/harness/verdict.ts). */
const CLAUSE_WORDING: Record<z.infer<typeof Clause>, RegExp> = {
  outcome: /payment sent \(\d+\)|charged \d+ times|charged nothing|answered .* expected .*the payment taken/,
  'fail-closed': /card data reached the processor/,
  retries: /sent the payment \d+ times|opened \d+ connections|different idempotency keys|gave up after/,
  health: /\/health /,
  metrics: /failure counter/,
  discreet: /leaked the /,
};

/** The matrix `run --json` printed as its last stdout line; a run that printed none fails naming its stderr. */
function matrixOf(stdout: string, stderr: string): z.infer<typeof Matrix> {
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('{')) throw new Error(`gatecheck run --json printed no matrix: ${stderr}${stdout}`);
  return Matrix.parse(JSON.parse(last));
}
const escape = (id: string) => id.replace(/[.]/g, '\\.');

let dir: string;
let gateway: string;
const timings: string[] = [];

const timed = stepTimer(timings);

test.skip(!javaFound, 'Java not found: the Java example gateway needs java and javac (JDK 17) on PATH; .ci/run installs openjdk-17-jdk-headless when missing');
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  ({ dir } = await installScratch({ prefix: 'gatecheck-java-', step: timed }));
  gateway = path.join(dir, 'java-gateway');
  // The example as a user's repository holds it: no compiled classes, certificates or results.
  await cp(example, gateway, { recursive: true, filter: (source) => path.basename(source) !== '.gatecheck' });
});

test.afterAll(async () => {
  console.log(`java example from the install: ${timings.join(', ')}`);
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('npx gatecheck run --json in the Java example: 0 breached; every row honoured, or not applicable / coarse with its reason', async () => {
  test.setTimeout(420_000);
  const run = await timed('run (whole matrix)', () => npx(['run', '--json'], gateway));
  const matrix = matrixOf(run.stdout, run.stderr);
  // A breach or an error is named by its one line, so a failure here says which scenario and why.
  expect(matrix.scenarios.flatMap((r) => (r.message ? [r.message] : []))).toEqual([]);
  expect(matrix).toMatchObject({ breached: 0, errors: 0 });
  expect(run.exit, run.stderr).toBe(0);
  expect(matrix.honoured).toBeGreaterThan(0);
  const others = matrix.scenarios.filter((r) => r.verdict !== 'honoured');
  for (const row of others) {
    expect(['not applicable', 'honoured (coarse)'], row.id).toContain(row.verdict);
    expect(row.reason, row.id).toMatch(/\S{3,}/);
  }
  // Applicability follows the config (stripe, visa), never a silent drop: every not-applicable row names adyen or paypal.
  for (const row of others.filter((r) => r.verdict === 'not applicable')) expect(row.reason, row.id).toMatch(/needs (adyen|paypal)/);
  expect(matrix.notApplicable + matrix.coarse + matrix.honoured).toBe(matrix.scenarios.length);
});

test('each of the five planted bugs: npx gatecheck run --grep <its scenarios> exits 1 with one breach line per scenario naming the clause', async () => {
  test.setTimeout(420_000);
  const { bugs } = Bugs.parse(JSON.parse(await readFile(path.join(example, 'planted-bugs', 'bugs.json'), 'utf8')));
  const variant = async (bug: (typeof bugs)[number]) => {
    const copy = path.join(dir, 'bugs', bug.name);
    const applied = await collect(process.execPath, [path.join(gateway, 'planted-bugs', 'apply.mjs'), bug.name, copy], {});
    expect(applied.exit, applied.stderr).toBe(0);
    const grep = `(${bug.breaches.map((b) => escape(b.scenario)).join('|')}):`;
    // Two variants run at once, one worker each: each compiles its own Gateway.java once (run.sh caches it).
    const run = await timed(bug.name, () => npx(['run', '--json', '--workers', '1', '--grep', grep], copy));
    return { bug, run };
  };
  const results = [];
  for (let i = 0; i < bugs.length; i += 2) results.push(...(await Promise.all(bugs.slice(i, i + 2).map(variant))));
  for (const { bug, run } of results) {
    const matrix = matrixOf(run.stdout, run.stderr);
    expect(run.exit, `${bug.name}: ${run.stderr}`).toBe(1);
    expect(matrix.scenarios.map((r) => r.id).sort(), bug.name).toEqual(bug.breaches.map((b) => b.scenario).sort());
    for (const { scenario, clause } of bug.breaches) {
      const row = matrix.scenarios.find((r) => r.id === scenario)!;
      expect(row.verdict, `${bug.name} ${scenario}`).toBe('breached');
      const line = row.message ?? '';
      console.log(`${bug.name}: ${line}`);
      expect(line.split('\n'), `${bug.name} ${scenario}: one line`).toHaveLength(1);
      expect(line.startsWith(`${scenario}: `), line).toBe(true);
      expect(line, `${bug.name} ${scenario}: the ${clause} clause`).toMatch(CLAUSE_WORDING[clause]);
    }
  }
  // The Basic Authorization header of the visa upstream is caught as such, not only through the card number.
  const secrets = results.find((r) => r.bug.name === 'secrets-in-log')!;
  const visa = matrixOf(secrets.run.stdout, secrets.run.stderr).scenarios.find((r) => r.id === 'auth.mtls-basic-wrong-password')!;
  expect(visa.message).toContain('visa Basic credentials (username:password) in logs, base64');
});
