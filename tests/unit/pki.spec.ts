import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { checkPki } from '../../mocks/pki/check.ts';
import { describeKey, describeSignature } from '../../mocks/pki/describe.ts';
import { loadPki } from '../../mocks/pki/load.ts';
import { certSpecs, certSpec, CLIENT_KEY_PASSPHRASE } from '../../mocks/pki/specs.ts';

const run = promisify(execFile);
const DAY_MS = 86_400_000;
const pki = loadPki();
const cert = (id: string) => new X509Certificate(pki.read(pki.certPath(id)));

test.describe('every certificate matches its spec', () => {
  for (const spec of certSpecs) {
    test(`${spec.id}: validity, names, usage, key, signature and issuer`, () => {
      const c = cert(spec.id);
      const generatedAt = Date.parse(pki.manifest.generatedAt);
      expect(Math.abs(Date.parse(c.validFrom) - (generatedAt + spec.notBeforeDays * DAY_MS))).toBeLessThan(DAY_MS);
      expect(Math.abs(Date.parse(c.validTo) - (generatedAt + spec.notAfterDays * DAY_MS))).toBeLessThan(DAY_MS);
      const sans = (c.subjectAltName ?? '').split(', ').filter(Boolean);
      expect(sans).toEqual(spec.sans.map((s) => (s.includes('.') && /^\d/.test(s) ? `IP Address:${s}` : s === '::1' ? 'IP Address:0:0:0:0:0:0:0:1' : `DNS:${s}`)));
      expect((c.keyUsage ?? []).sort()).toEqual(spec.extKeyUsage.map((u) => (u === 'serverAuth' ? '1.3.6.1.5.5.7.3.1' : '1.3.6.1.5.5.7.3.2')).sort());
      expect(describeKey(c)).toBe(spec.key.type === 'ec' ? 'EC P-256' : `RSA ${spec.key.bits}`);
      expect(describeSignature(pki.read(pki.certPath(spec.id)))).toBe(spec.signatureHash === 'SHA-1' ? 'ecdsa-with-SHA1' : 'ecdsa-with-SHA256');
      expect(c.ca).toBe(spec.role === 'root' || spec.role === 'intermediate');
      const issuer = spec.issuer ? cert(spec.issuer) : c;
      expect(c.issuer).toBe(issuer.subject);
      expect(c.verify(issuer.publicKey)).toBe(true);
    });
  }
});

test('the manifest lists every spec with its files, dates and purpose', () => {
  expect(pki.manifest.certs.map((c) => c.id)).toEqual(certSpecs.map((s) => s.id));
  for (const entry of pki.manifest.certs) {
    expect(entry.notAfter).toBe(new Date(cert(entry.id).validTo).toISOString());
    expect(entry.purpose).toBe(certSpec(entry.id).purpose);
    expect(path.isAbsolute(entry.cert)).toBe(false);
  }
});

type Verify = { name: string; args: string[]; ok: boolean; reason?: RegExp };
const verifications = (): Verify[] => [
  { name: 'good chain', args: ['-CAfile', pki.certPath('root-ca'), '-untrusted', pki.chainPath('server-good'), '-verify_hostname', 'localhost', pki.certPath('server-good')], ok: true },
  { name: 'expired leaf', args: ['-CAfile', pki.certPath('root-ca'), '-untrusted', pki.chainPath('server-expired'), pki.certPath('server-expired')], ok: false, reason: /certificate has expired/ },
  { name: 'not-yet-valid leaf', args: ['-CAfile', pki.certPath('root-ca'), '-untrusted', pki.chainPath('server-not-yet-valid'), pki.certPath('server-not-yet-valid')], ok: false, reason: /certificate is not yet valid/ },
  { name: 'wrong host', args: ['-CAfile', pki.certPath('root-ca'), '-untrusted', pki.chainPath('server-wrong-host'), '-verify_hostname', 'localhost', pki.certPath('server-wrong-host')], ok: false, reason: /hostname mismatch/ },
  { name: 'self-signed leaf', args: ['-CAfile', pki.certPath('root-ca'), pki.certPath('server-self-signed')], ok: false, reason: /self-signed certificate/ },
  { name: 'untrusted root', args: ['-CAfile', pki.certPath('root-ca'), '-untrusted', pki.chainPath('server-untrusted'), pki.certPath('server-untrusted')], ok: false, reason: /unable to get local issuer certificate/ },
  { name: 'clientAuth-only EKU as a server', args: ['-CAfile', pki.certPath('root-ca'), '-untrusted', pki.chainPath('server-client-eku'), '-purpose', 'sslserver', pki.certPath('server-client-eku')], ok: false, reason: /(unsupported|unsuitable) certificate purpose/ },
  { name: 'SHA-1 signature', args: ['-auth_level', '2', '-CAfile', pki.certPath('root-ca'), '-untrusted', pki.chainPath('server-sha1'), pki.certPath('server-sha1')], ok: false, reason: /digest algorithm too weak/i },
  { name: 'RSA-1024 key', args: ['-auth_level', '2', '-CAfile', pki.certPath('root-ca'), '-untrusted', pki.chainPath('server-rsa1024'), pki.certPath('server-rsa1024')], ok: false, reason: /EE certificate key too weak/ },
  { name: 'next root, old bundle', args: ['-CAfile', pki.bundlePath('trust-current'), '-untrusted', pki.chainPath('server-next'), pki.certPath('server-next')], ok: false, reason: /unable to get local issuer certificate/ },
  { name: 'next root, migration-ready bundle', args: ['-CAfile', pki.bundlePath('trust-current-and-next'), '-untrusted', pki.chainPath('server-next'), pki.certPath('server-next')], ok: true },
  { name: 'cross-sign, stale bundle with only the expired old root', args: ['-CAfile', pki.bundlePath('trust-old-root-only'), '-untrusted', pki.chainPath('server-cross'), pki.certPath('server-cross')], ok: false, reason: /certificate has expired/ },
  { name: 'cross-sign, bundle with the modern root', args: ['-CAfile', pki.bundlePath('trust-modern-root'), '-untrusted', pki.chainPath('server-cross'), pki.certPath('server-cross')], ok: true },
  { name: 'good client cert', args: ['-CAfile', pki.certPath('client-ca'), '-purpose', 'sslclient', pki.certPath('client-good')], ok: true },
  { name: 'client cert from an untrusted CA', args: ['-CAfile', pki.certPath('client-ca'), '-untrusted', pki.chainPath('client-untrusted'), pki.certPath('client-untrusted')], ok: false, reason: /unable to get local issuer certificate/ },
  { name: 'client cert with serverAuth-only EKU', args: ['-CAfile', pki.certPath('client-ca'), '-purpose', 'sslclient', pki.certPath('client-server-eku')], ok: false, reason: /(unsupported|unsuitable) certificate purpose/ },
];

test.describe('openssl verify agrees with the spec', () => {
  for (const v of verifications()) {
    test(v.name, async () => {
      const result = await run('openssl', ['verify', ...v.args]).then((r) => ({ ok: true, out: r.stdout + r.stderr }), (e) => ({ ok: false, out: `${e.stdout}${e.stderr}` }));
      expect(result.ok, result.out).toBe(v.ok);
      if (v.reason) expect(result.out).toMatch(v.reason);
    });
  }
});

test('client-mismatch ships a key that is not its own; client-good does not', () => {
  const publicOf = (id: string) => createPublicKey(createPrivateKey(pki.read(pki.keyPath(id)))).export({ type: 'spki', format: 'der' });
  const certKey = (id: string) => cert(id).publicKey.export({ type: 'spki', format: 'der' });
  expect(publicOf('client-mismatch').equals(certKey('client-mismatch'))).toBe(false);
  expect(cert('client-mismatch').checkPrivateKey(createPrivateKey(pki.read(pki.keyPath('client-mismatch'))))).toBe(false);
  expect(cert('client-good').checkPrivateKey(createPrivateKey(pki.read(pki.keyPath('client-good'))))).toBe(true);
});

test('client-encrypted opens only with its passphrase', () => {
  const pem = pki.read(pki.keyPath('client-encrypted'));
  expect(pem).toContain('ENCRYPTED PRIVATE KEY');
  expect(() => createPrivateKey(pem)).toThrow();
  expect(() => createPrivateKey({ key: pem, passphrase: 'wrong' })).toThrow(/bad decrypt/);
  expect(cert('client-encrypted').checkPrivateKey(createPrivateKey({ key: pem, passphrase: CLIENT_KEY_PASSPHRASE }))).toBe(true);
});

test.describe('certs --check', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-certs-'));
    cpSync(pki.dir, dir, { recursive: true });
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[]) =>
    run('npx', ['gatecheck', 'certs', '--check', '--dir', dir, ...args]).then((r) => ({ code: 0, out: r.stdout + r.stderr }), (e) => ({ code: e.code as number, out: `${e.stdout}${e.stderr}` }));

  test('passes on a whole set', async () => {
    expect(checkPki(dir).ok).toBe(true);
    expect((await cli([])).code).toBe(0);
  });

  test('fails naming the file when a certificate is missing', async () => {
    unlinkSync(path.join(dir, 'server-good.pem'));
    const result = await cli([]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${path.join(dir, 'server-good.pem')}: file is missing`);
  });

  test('fails naming the file when a certificate is corrupted', async () => {
    writeFileSync(path.join(dir, 'intermediate-ca.pem'), '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n');
    const result = await cli([]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${path.join(dir, 'intermediate-ca.pem')}: not a parseable certificate`);
  });

  test('fails when a certificate meant to be valid expires within 7 days', () => {
    const sixDaysBeforeGoodExpires = new Date(Date.parse(cert('server-good').validTo) - 6 * DAY_MS);
    const report = checkPki(dir, sixDaysBeforeGoodExpires);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/server-good\.pem: expires in \d day\(s\), within 7/);
  });

  test('after a passing check, the next judges the same dates the same way; a same-size edit of a file is still caught', () => {
    const full = checkPki(dir);
    expect(full.ok).toBe(true);
    expect(existsSync(path.join(dir, '.checked.json'))).toBe(true);
    // Unchanged folder: the stamped check gives the full check's report, a later date still expires a certificate.
    expect(checkPki(dir)).toEqual(full);
    const sixDaysBeforeGoodExpires = new Date(Date.parse(cert('server-good').validTo) - 6 * DAY_MS);
    expect(checkPki(dir, sixDaysBeforeGoodExpires).problems.join('\n')).toMatch(/server-good\.pem: expires in \d day\(s\), within 7/);
    // One base64 character changed, same size: the stamp no longer matches, the full check finds it.
    const file = path.join(dir, 'server-good.pem');
    const pem = readFileSync(file, 'utf8');
    const at = pem.indexOf('\n', 40) + 10;
    writeFileSync(file, pem.slice(0, at) + (pem[at] === 'A' ? 'B' : 'A') + pem.slice(at + 1));
    expect(readFileSync(file).length).toBe(Buffer.byteLength(pem));
    const after = checkPki(dir);
    expect(after.ok).toBe(false);
    expect(after.certs.find((c) => c.id === 'server-good')?.status).not.toBe('valid');
  });

  test('fails when the manifest is missing', async () => {
    unlinkSync(path.join(dir, 'manifest.json'));
    const result = await cli([]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${path.join(dir, 'manifest.json')} is missing`);
  });
});
