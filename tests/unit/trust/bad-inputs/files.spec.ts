import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadPki } from '../../../../mocks/pki/load.ts';
import { runCli } from '../../doctor/run-cli.ts';
import { halfWritten } from './leftovers.ts';

/**
 * Deliver 6, config files and certificate files: `gateway --config` refuses to start (exit 1)
 * with the code and the field in its first line, `doctor` names the certificate problem; the
 * process is gone afterwards and nothing is left half-written.
 */
let dir: string;
const pki = loadPki();
const stripe = (extra: Record<string, unknown> = {}) => ({ name: 'stripe-main', profile: 'stripe', baseUrl: 'https://127.0.0.1:1', credentials: { secretKey: 'sk_test_x' }, ...extra });
const configs: { name: string; text: string; first: RegExp }[] = [
  { name: 'not JSON', text: '{ processors: ', first: /^gatecheck gateway: refused to start: CONFIG_INVALID: the gateway config .* is not valid JSON/ },
  { name: 'an empty file', text: '', first: /^gatecheck gateway: refused to start: CONFIG_INVALID: the gateway config .* is not valid JSON/ },
  { name: 'an array', text: '[]', first: /^gatecheck gateway: refused to start: CONFIG_INVALID: invalid gateway config/ },
  { name: 'no processors', text: '{"processors":[]}', first: /^gatecheck gateway: refused to start: CONFIG_INVALID: invalid gateway config .*processors: configure at least one processor/ },
  { name: 'an unknown profile', text: JSON.stringify({ processors: [stripe({ profile: 'nope' })] }), first: /^gatecheck gateway: refused to start: CONFIG_INVALID: invalid gateway config .*processors\[0\]\.profile/ },
  { name: 'a port as a string', text: JSON.stringify({ server: { port: 'abc' }, processors: [stripe()] }), first: /^gatecheck gateway: refused to start: CONFIG_INVALID: invalid gateway config .*server\.port/ },
  { name: 'a duplicate processor name', text: JSON.stringify({ processors: [stripe(), stripe()] }), first: /^gatecheck gateway: refused to start: CONFIG_INVALID: .*processor name "stripe-main" is used twice/ },
  { name: 'a secret from an unset variable', text: JSON.stringify({ processors: [stripe({ credentials: { secretKey: { env: 'GATECHECK_UNSET_SECRET_X' } } })] }), first: /^gatecheck gateway: refused to start: CONFIG_SECRET_MISSING: processors\[0\]\.credentials\.secretKey reads the environment variable GATECHECK_UNSET_SECRET_X/ },
  { name: 'verification turned off', text: JSON.stringify({ processors: [stripe({ tls: { rejectUnauthorized: false } })] }), first: /^gatecheck gateway: refused to start: CONFIG_INSECURE_TLS: processors\[0\]\.tls\.rejectUnauthorized/ },
  { name: 'a missing CA bundle file', text: JSON.stringify({ processors: [stripe({ tls: { caFile: '/nonexistent/ca.pem' } })] }), first: /^gatecheck gateway: refused to start: CONFIG_CA_BUNDLE_UNREADABLE: / },
  { name: 'nesting 100,000 deep', text: `{"processors":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, first: /^gatecheck gateway: refused to start: CONFIG_INVALID: processors(\[0\])+ is nested more than 32 levels deep/ },
];

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-bad-files-'));
  writeFileSync(path.join(dir, 'empty.pem'), '');
  writeFileSync(path.join(dir, 'garbage.pem'), '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const [i, c] of configs.entries()) {
  test(`bad config: ${c.name} -> gateway refuses to start, exit 1`, async () => {
    const file = path.join(dir, `config-${i}.json`);
    writeFileSync(file, c.text);
    const run = await runCli(['gateway', '--config', file]);
    expect(run.exit, run.stderr).toBe(1);
    expect(run.stderr.split('\n')[0]).toMatch(c.first);
    expect(run.stdout).not.toMatch(/listening/);
    expect(halfWritten([dir])).toEqual([]);
  });
}

const certFiles: { name: string; args: () => string[]; code: string }[] = [
  { name: 'an empty CA bundle', args: () => ['--ca', path.join(dir, 'empty.pem')], code: 'CONFIG_CA_BUNDLE_UNREADABLE' },
  { name: 'a garbled CA bundle', args: () => ['--ca', path.join(dir, 'garbage.pem')], code: 'CONFIG_CA_BUNDLE_UNREADABLE' },
  { name: 'a client key of another certificate', args: () => ['--cert', pki.certPath('client-good'), '--key', pki.keyPath('server-good')], code: 'CONFIG_CLIENT_KEY_MISMATCH' },
  { name: 'an encrypted client key without its passphrase', args: () => ['--cert', pki.certPath('client-encrypted'), '--key', pki.keyPath('client-encrypted')], code: 'CONFIG_CLIENT_KEY_PASSPHRASE' },
  { name: 'an empty client certificate', args: () => ['--cert', path.join(dir, 'empty.pem'), '--key', pki.keyPath('client-good')], code: 'CONFIG_CLIENT_CERT_UNREADABLE' },
];

for (const c of certFiles) {
  test(`bad certificate file: ${c.name} -> doctor names ${c.code}, exit 1`, async () => {
    const run = await runCli(['doctor', 'https://127.0.0.1:1', '--timeout-ms', '500', ...c.args()]);
    expect(run.exit, run.stderr).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('gatecheck doctor https://127.0.0.1:1 (as 127.0.0.1)');
    expect(run.stdout.split('\n')[1]).toMatch(new RegExp(`^  verdict\\s+FAIL ${c.code}: `));
  });
}
