import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { ProjectConfig } from '../../../config/schema.ts';
import { gatecheck, node } from './cli.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;

test.beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-init-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');

/** Loads a gatecheck.config.mjs the way a user's Node does (gatecheck resolved from the project's node_modules) and validates it. */
async function loadConfig(projectDir: string) {
  mkdirSync(path.join(projectDir, 'node_modules'), { recursive: true });
  symlinkSync(root, path.join(projectDir, 'node_modules', 'gatecheck'), 'dir');
  const run = await node(['--input-type=module', '-e', "const m = await import('./gatecheck.config.mjs'); console.log(JSON.stringify(m.default));"], projectDir);
  expect(run.exit, run.stderr).toBe(0);
  return ProjectConfig.safeParse(JSON.parse(run.stdout));
}

test('init in an empty project writes the config, the CI workflow and .gitignore, and exits 0', async () => {
  const run = await gatecheck(['init', '--processors', 'stripe,visa'], dir);
  expect(run.exit, run.stderr).toBe(0);
  expect(run.stdout).toContain('created  gatecheck.config.mjs');
  expect(run.stdout).toContain('created  .github/workflows/gatecheck.yml');
  expect(read('.gitignore').split('\n')).toContain('.gatecheck/');
  const workflow = read('.github/workflows/gatecheck.yml');
  expect(workflow).toContain('- run: npx gatecheck run\n');
  expect(workflow).toContain('- run: npx gatecheck run --tier sandbox\n');
  expect(workflow).toContain("cron: '23 3 * * *'");
  const config = await loadConfig(dir);
  expect(config.success, JSON.stringify(config.error?.issues)).toBe(true);
  expect(config.data?.processors).toEqual([{ profile: 'stripe', name: 'stripe' }, { profile: 'visa', name: 'visa' }]);
  expect(config.data?.gateway).toBe('reference');
});

test('the config\'s commented examples (a declarative gateway, a waiver, a coarse code) are valid once uncommented', async () => {
  expect((await gatecheck(['init'], dir)).exit).toBe(0);
  const lines = read('gatecheck.config.mjs').split('\n').filter((l) => l !== "  gateway: 'reference',");
  const start = lines.indexOf('  // gateway: {');
  const end = lines.indexOf('  // },', start);
  expect(start, 'the gateway sketch').toBeGreaterThan(0);
  expect(end, 'the end of the gateway sketch').toBeGreaterThan(start);
  const edited = lines.map((l, i) => ((i >= start && i <= end) || /^ {2}\/\/ (waive|coarse|workers):/.test(l) ? l.replace(/^ {2}\/\/ /, '  ') : l));
  const project = path.join(dir, 'uncommented');
  mkdirSync(project);
  writeFileSync(path.join(project, 'gatecheck.config.mjs'), edited.join('\n'));
  const config = await loadConfig(project);
  expect(config.success, JSON.stringify(config.error?.issues)).toBe(true);
  const gateway = config.data!.gateway;
  expect(typeof gateway === 'object' && 'payment' in gateway ? gateway.payment.path : null).toBe('/api/charges');
  expect(config.data!.waive).toHaveLength(1);
  expect(config.data!.coarse).toHaveLength(1);
  expect(config.data!.workers).toBe(2);
});

test('init never overwrites: existing files are reported, left byte for byte, and the exit code is 1', async () => {
  mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(path.join(dir, 'gatecheck.config.ts'), 'export default {};\n');
  writeFileSync(path.join(dir, '.github/workflows/gatecheck.yml'), 'name: mine\n');
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/'); // no final newline
  const run = await gatecheck(['init'], dir);
  expect(run.exit).toBe(1);
  expect(run.stdout).toContain('exists   gatecheck.config.mjs: left alone: gatecheck.config.ts exists');
  expect(run.stdout).toContain('exists   .github/workflows/gatecheck.yml: left alone');
  expect(run.stdout).toContain('appended .gitignore: ignores .gatecheck/');
  expect(read('gatecheck.config.ts')).toBe('export default {};\n');
  expect(read('.github/workflows/gatecheck.yml')).toBe('name: mine\n');
  expect(() => read('gatecheck.config.mjs')).toThrow(/ENOENT/);
  expect(read('.gitignore')).toBe('node_modules/\n# gatecheck: generated certificates, reports and traces\n.gatecheck/\n');
});

test('a second init changes nothing: every file is reported as there', async () => {
  expect((await gatecheck(['init'], dir)).exit).toBe(0);
  const before = ['gatecheck.config.mjs', '.github/workflows/gatecheck.yml', '.gitignore'].map(read);
  const run = await gatecheck(['init', '--json'], dir);
  expect(run.exit).toBe(1);
  expect(JSON.parse(run.stdout).files.map((f: { outcome: string }) => f.outcome)).toEqual(['exists', 'exists', 'present']);
  expect(['gatecheck.config.mjs', '.github/workflows/gatecheck.yml', '.gitignore'].map(read)).toEqual(before);
});

test('a .gitignore that already ignores the output folder (as /.gatecheck) is left as it is', async () => {
  writeFileSync(path.join(dir, '.gitignore'), 'dist\n/.gatecheck\n');
  const run = await gatecheck(['init'], dir);
  expect(run.exit, run.stderr).toBe(0);
  expect(run.stdout).toContain('present  .gitignore: already ignores .gatecheck/');
  expect(read('.gitignore')).toBe('dist\n/.gatecheck\n');
});

for (const [flags, message] of [
  [['--processors', 'stripe,worldpay'], '--processors: Invalid option: expected one of "stripe"|"adyen"|"paypal"|"visa"'],
  [['--processors', ','], '--processors: name at least one processor'],
  [['--force'], "Unknown option '--force'"],
  [['somewhere'], 'argument: init takes no arguments'],
] as const) {
  test(`usage error, exit 2, nothing written: ${flags.join(' ')}`, async () => {
    const run = await gatecheck(['init', ...flags], dir);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain(message);
    expect(() => read('gatecheck.config.mjs')).toThrow(/ENOENT/);
  });
}
