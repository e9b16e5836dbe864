import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { renderRunbook } from '../../../cli/runbook/render.ts';
import { scenarios, scenariosOf } from '../../../mocks/scenarios/index.ts';
import manifest from '../../../package.json' with { type: 'json' };
import { installScratch, listing, npx, startJsonLine, stop, userEnv, stepTimer } from './scratch.ts';

/**
 * gatecheck as a user gets it: `npm pack`, installed into a scratch project outside the repository,
 * every command run there with npx. Nothing may be written inside node_modules/gatecheck.
 */
const run = promisify(execFile);
let dir: string;
let installed: string;
let before: string[];
const timings: string[] = [];

const timed = stepTimer(timings);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // msw and nock as a user of gatecheck/msw and gatecheck/nock has them (optional peer dependencies).
  const peers = ['msw', 'nock'].map((name) => `${name}@${(manifest.devDependencies as Record<string, string>)[name]}`);
  ({ dir, installed } = await installScratch({ prefix: 'gatecheck-scratch-', extra: peers, step: timed }));
  before = listing(installed);
});

test.afterAll(async () => {
  console.log(`scratch project: ${timings.join(', ')}`);
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the package holds compiled JavaScript and types, and none of the TypeScript sources, dev tools or unit tests', async () => {
  const files = before.map((l) => l.split(' ')[0]!);
  expect(files).toContain(path.join('dist', 'cli', 'main.js'));
  expect(files).toContain(path.join('dist', 'index.d.ts'));
  expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  expect(files.filter((f) => /^(dev|tests|dist[/\\]tests[/\\]unit|dist[/\\]dev)([/\\]|$)/.test(f))).toEqual([]);
});

test('npx gatecheck run --family mtls honours every mtls scenario against the reference gateway', async () => {
  test.setTimeout(120_000);
  const run = await timed('run --family mtls', () => npx(['run', '--family', 'mtls'], dir));
  expect(run.exit, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toContain(`${scenariosOf('mtls').length} honoured, 0 breached`);
  // Its certificates and results are the project's.
  await stat(path.join(dir, '.gatecheck', 'certs', 'manifest.json'));
  await stat(path.join(dir, '.gatecheck', 'test-results'));
});

test('certs --check, list and runbook --out work from the install', async () => {
  const certs = await npx(['certs', '--check'], dir);
  expect(certs.exit, certs.stderr).toBe(0);
  expect(certs.stdout).toContain(`certificates in ${path.join(dir, '.gatecheck', 'certs')}`);
  const list = await npx(['list', '--json'], dir);
  expect(list.exit, list.stderr).toBe(0);
  expect((JSON.parse(list.stdout) as { id: string }[]).map((s) => s.id)).toEqual(scenarios.map((s) => s.id));
  // runbook --out writes into an existing folder (a missing one is refused naming it).
  await mkdir(path.join(dir, 'ops'), { recursive: true });
  const runbook = await npx(['runbook', '--out', 'ops/runbook.md'], dir);
  expect(runbook.exit, runbook.stderr).toBe(0);
  expect(await readFile(path.join(dir, 'ops', 'runbook.md'), 'utf8')).toBe(renderRunbook(scenarios));
  // Without --out: the project's output folder, never the package's docs/.
  expect((await npx(['runbook'], dir)).stdout).toContain(`wrote ${path.join('.gatecheck', 'runbook.md')}`);
});

test('serve <id> --json prints the URL line; doctor and audit diagnose that processor from the install', async () => {
  const { child, line } = await startJsonLine(['serve', 'tls.good-chain', '--json'], dir);
  try {
    const url = String(line.url);
    const client = line.client as { ca: string; servername: string };
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(client.ca.startsWith(path.join(dir, '.gatecheck', 'certs'))).toBe(true);
    const doctor = await npx(['doctor', url, '--ca', client.ca, '--servername', client.servername, '--json'], dir);
    expect(doctor.exit, doctor.stdout + doctor.stderr).toBe(0);
    expect(JSON.parse(doctor.stdout)).toMatchObject({ ok: true });
    const config = { processors: [{ name: 'stripe', profile: 'stripe', baseUrl: url, credentials: { secretKey: 'sk_test_gatecheck_51Mock' }, tls: { caFile: client.ca, servername: client.servername } }] };
    await writeFile(path.join(dir, 'gateway.json'), JSON.stringify(config));
    const audit = await npx(['audit', '--config', 'gateway.json'], dir);
    expect(audit.exit, audit.stdout + audit.stderr).toBe(0);
    expect(audit.stdout).toContain('OK; 1 processor(s)');
  } finally {
    await stop(child);
  }
});

test('gateway --config starts the bundled reference gateway from the install', async () => {
  const { child, line } = await startJsonLine(['gateway', '--config', 'gateway.json', '--json'], dir);
  try {
    const health = await fetch(`${String(line.url)}/health`);
    expect(health.status).toBeLessThan(600);
    expect(await health.json()).toHaveProperty('processors');
  } finally {
    await stop(child);
  }
});

test('gatecheck/msw and gatecheck/nock load in the plain Node ESM project', async () => {
  await copyFile(path.join(import.meta.dirname, 'consumer.mjs'), path.join(dir, 'consumer.mjs'));
  const { stdout } = await run(process.execPath, ['consumer.mjs'], { cwd: dir });
  expect(stdout.trim().split('\n')).toEqual(['msw: 200, payments 1', 'nock: 200, payments 1']);
});

test('gatecheck/test: a spec of the user\'s own, with the same fixtures and toHonour, runs with npx playwright test', async () => {
  test.setTimeout(90_000);
  const spec = [
    "import { expect, getScenario, test } from 'gatecheck/test';",
    "const scenario = getScenario('tls.expired-leaf');",
    'test(scenario.id, async ({ contract }) => expect(await contract.run(scenario)).toHonour(scenario));',
  ].join('\n');
  await writeFile(path.join(dir, 'own.spec.mjs'), spec);
  const own = await run('npx', ['--no-install', 'playwright', 'test', 'own.spec.mjs', '--reporter=line'], { cwd: dir, env: userEnv() }).catch((e: { stdout: string; stderr: string }) => e);
  expect(own.stdout, own.stderr).toContain('1 passed');
});

test('nothing was written inside node_modules/gatecheck', () => {
  expect(listing(installed)).toEqual(before);
});
