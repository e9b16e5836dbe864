import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runCli } from '../doctor/run-cli.ts';

/** Deliver 5: configs that are too deep, too wide, or wrong everywhere, through `gateway` and `audit`. */

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-configs-'));
  writeFileSync(path.join(dir, 'deep.json'), `{"processors":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
  const many = Array.from({ length: 20_000 }, (_, i) => ({ name: `p${i}`, profile: 'stripe', baseUrl: `https://127.0.0.1:${10_000 + i}`, credentials: { secretKey: 'sk_test_x' } }));
  writeFileSync(path.join(dir, 'many.json'), JSON.stringify({ processors: many }));
  writeFileSync(path.join(dir, 'all-bad.json'), JSON.stringify({ server: { port: 'abc' }, processors: [{ name: 'a', profile: 'nope' }, { name: 'b' }] }));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('regression: a config nested 100,000 arrays deep overflowed the stack with no field; now CONFIG_INVALID naming the depth', async () => {
  const run = await runCli(['gateway', '--config', path.join(dir, 'deep.json')]);
  expect(run.exit).toBe(1);
  expect(run.stderr).not.toMatch(/call stack/);
  expect(run.stderr.split('\n')[0]).toMatch(/^gatecheck gateway: refused to start: CONFIG_INVALID: processors(\[0\])+ is nested more than 32 levels deep\. Fix: /);
  const audit = await runCli(['audit', '--config', path.join(dir, 'deep.json')]);
  expect(audit.exit).toBe(1);
  expect(audit.stdout + audit.stderr).not.toMatch(/call stack/);
  expect(audit.stdout).toMatch(/is nested more than 32 levels deep/);
});

test('regression: a 20,000-processor config never came up and ignored SIGTERM; now refused at once with the limit', async () => {
  const run = await runCli(['gateway', '--config', path.join(dir, 'many.json')]);
  expect(run.exit).toBe(1);
  expect(run.stderr.split('\n')[0]).toBe('gatecheck gateway: refused to start: CONFIG_INVALID: processors lists 20000 processors, more than the limit of 256. Fix: configure the processors this gateway really routes to.');
});

test('regression: audit dropped a server.port error when every processor was invalid and said "0 processor(s)"', async () => {
  const run = await runCli(['audit', '--config', path.join(dir, 'all-bad.json')]);
  expect(run.exit).toBe(1);
  const lines = run.stdout.trim().split('\n');
  expect(lines.some((l) => l.startsWith('server.port: CONFIG_INVALID: '))).toBe(true);
  expect(lines.at(-1)).toMatch(/: FAIL, 3 problem\(s\); 2 processor\(s\) \(2 invalid\)\./);
});
