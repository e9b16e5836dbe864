import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runCli } from '../doctor/run-cli.ts';

/** `gatecheck run` ends in exactly one of held (0), breached (1), harness error (2), interrupted (130). */

const firstLine = (text: string) => text.split('\n').find((l) => l.trim()) ?? '';

const harnessCases: { name: string; args: string[]; env: Record<string, string>; first: RegExp }[] = [
  { name: 'regression: GATECHECK_WORKERS=abc was a silent false green (exit 0)', args: [], env: { GATECHECK_WORKERS: 'abc' }, first: /^gatecheck run: harness error: GATECHECK_WORKERS="abc" must be a whole number/ },
  { name: 'regression: GATECHECK_WORKERS=0 names the variable', args: [], env: { GATECHECK_WORKERS: '0' }, first: /^gatecheck run: harness error: GATECHECK_WORKERS="0" must be 1 to 16/ },
  { name: 'regression: GATECHECK_GATEWAY=bogus read "1 breached"', args: [], env: { GATECHECK_GATEWAY: 'bogus' }, first: /^gatecheck run: harness error: GATECHECK_GATEWAY="bogus" must be "reference", "process" or "mutant:<name>"/ },
  { name: 'regression: GATECHECK_GATEWAY=mutant:nope is refused up front', args: [], env: { GATECHECK_GATEWAY: 'mutant:nope' }, first: /^gatecheck run: harness error: GATECHECK_GATEWAY="mutant:nope"/ },
  { name: 'regression: GATECHECK_RUN_JSON=yes is refused', args: [], env: { GATECHECK_RUN_JSON: 'yes' }, first: /^gatecheck run: harness error: GATECHECK_RUN_JSON="yes" must be 1 or 0/ },
  { name: 'regression: NODE_TLS_REJECT_UNAUTHORIZED=0 gave 27 identical breaches instead of one refusal', args: [], env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' }, first: /^gatecheck run: harness error: NODE_TLS_REJECT_UNAUTHORIZED=0 turns TLS certificate verification off/ },
  { name: 'regression: run --grep "(" swallowed the regex error as "0 honoured, 0 breached", exit 1', args: ['--grep', '('], env: {}, first: /^gatecheck run: --grep: "\(" is not a regular expression/ },
  { name: 'regression: run --grep zzz read "0 honoured, 0 breached", exit 1', args: ['--grep', 'zzz'], env: {}, first: /^gatecheck run: harness error: no scenario matched/ },
  { name: 'regression: run --family tls --grep webhook read "0 honoured, 0 breached", exit 1', args: ['--family', 'tls', '--grep', 'webhook'], env: {}, first: /^gatecheck run: harness error: no scenario matched/ },
];

for (const c of harnessCases) {
  test(c.name, async () => {
    const run = await runCli(['run', ...c.args], c.env);
    expect(run.exit, run.stderr).toBe(2);
    expect(firstLine(run.stderr)).toMatch(c.first);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stdout).not.toMatch(/honoured|breached/);
  });
}

test('regression: an unwritable certs folder ended as "0 honoured, 0 breached", now one preflight harness error', async () => {
  const run = await runCli(['run', '--grep', 'tls.expired-leaf'], { GATECHECK_CERTS_DIR: '/dev/null/certs' });
  expect(run.exit).toBe(2);
  expect(firstLine(run.stderr)).toMatch(/^gatecheck run: harness error: the test certificates in \/dev\/null\/certs are unusable .* could not be regenerated \(ENOTDIR\); fix: /);
  expect(run.stdout).toBe('');
});

test('regression: an empty server-good.key gave 6 TLS breaches; now the preflight regenerates the set and the run holds', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-certs-'));
  try {
    const made = await runCli(['certs', '--dir', dir]);
    expect(made.exit).toBe(0);
    rmSync(path.join(dir, 'server-good.key'));
    const check = await runCli(['certs', '--check', '--dir', dir]);
    expect(check.exit).toBe(1);
    const run = await runCli(['run', '--grep', 'tls.good-chain|mtls.good-client-cert'], { GATECHECK_CERTS_DIR: dir });
    expect(run.exit, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/regenerated the test PKI .*server-good/);
    expect(readdirSync(dir).filter((f) => f.startsWith('.staging-'))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('regression: an interrupted run summarised as "12 honoured, 2 breached"; now "interrupted: N of M scenarios not run", exit 130', async () => {
  test.setTimeout(90_000);
  const child = spawn(process.execPath, ['bin/gatecheck.js', 'run', '--family', 'network', '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  // Interrupt once a scenario has started (the first gateway is up) rather than after a fixed time.
  await new Promise((r) => setTimeout(r, 8_000));
  child.kill('SIGINT');
  const exit = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  expect(exit, stderr).toBe(130);
  expect(stderr).toMatch(/^gatecheck run: interrupted: \d+ of \d+ scenarios not run|^gatecheck run: interrupted \(SIGINT\) before any verdict/m);
  expect(stdout).not.toMatch(/\d+ honoured, \d+ breached/);
});
