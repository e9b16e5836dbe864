import { expect, test } from '@playwright/test';
import { audit } from '../../../cli/audit/audit.ts';
import { env, goodConfig, pki, tempDir } from './configs.ts';

/**
 * Each row plants one misconfiguration in an otherwise good config; audit must flag exactly that
 * one, with the right code and field, and no other error.
 */
type Dir = ReturnType<typeof tempDir>;
type Row = {
  what: string;
  plant: (config: ReturnType<typeof goodConfig>, dir: Dir) => void;
  code: string;
  field: string;
  env?: NodeJS.ProcessEnv;
  expiryDays?: number;
};

const rows: Row[] = [
  { what: 'CA bundle file missing', plant: (c, d) => (c.processors[0].tls.caFile = `${d.dir}/missing.pem`), code: 'CONFIG_CA_BUNDLE_UNREADABLE', field: 'processors[0].tls.caFile' },
  { what: 'CA bundle empty', plant: (c, d) => (c.processors[0].tls.caFile = d.write('empty.pem', '')), code: 'CONFIG_CA_BUNDLE_UNREADABLE', field: 'processors[0].tls.caFile' },
  { what: 'CA bundle holds a private key, not certificates', plant: (c) => (c.processors[0].tls.caFile = pki.keyPath('root-ca')), code: 'CONFIG_CA_BUNDLE_UNREADABLE', field: 'processors[0].tls.caFile' },
  { what: 'CA bundle holds only an expired root (2021 DST Root CA X3)', plant: (c) => (c.processors[0].tls.caFile = pki.bundlePath('trust-old-root-only')), code: 'CONFIG_CA_BUNDLE_UNREADABLE', field: 'processors[0].tls.caFile' },
  { what: 'client certificate file missing', plant: (c, d) => (c.processors[1].tls.certFile = `${d.dir}/missing.pem`), code: 'CONFIG_CLIENT_CERT_UNREADABLE', field: 'processors[1].tls.certFile' },
  { what: 'client key does not match the certificate', plant: (c) => Object.assign(c.processors[1].tls, { certFile: pki.certPath('client-mismatch'), keyFile: pki.keyPath('client-mismatch') }), code: 'CONFIG_CLIENT_KEY_MISMATCH', field: 'processors[1].tls.keyFile' },
  { what: 'client key passphrase wrong', plant: (c) => (c.processors[2].tls.passphrase = 'not-the-passphrase'), code: 'CONFIG_CLIENT_KEY_PASSPHRASE', field: 'processors[2].tls.passphrase' },
  { what: 'client key passphrase missing', plant: (c) => delete c.processors[2].tls.passphrase, code: 'CONFIG_CLIENT_KEY_PASSPHRASE', field: 'processors[2].tls.passphrase' },
  { what: 'passphrase variable not set in the environment', plant: () => undefined, env: {}, code: 'CONFIG_SECRET_MISSING', field: 'processors[2].tls.passphrase' },
  { what: 'client certificate expired', plant: (c) => Object.assign(c.processors[1].tls, { certFile: pki.certPath('client-expired'), keyFile: pki.keyPath('client-expired') }), code: 'CONFIG_CLIENT_CERT_EXPIRED', field: 'processors[1].tls.certFile' },
  {
    what: 'client certificate expires within the horizon (--expiry-days 400)',
    plant: (c) => c.processors.splice(2, 1),
    expiryDays: 400, code: 'CONFIG_CLIENT_CERT_EXPIRED', field: 'processors[1].tls.certFile',
  },
  { what: 'TLS 1.1 allowed', plant: (c) => (c.processors[0].tls.minVersion = 'TLSv1.1'), code: 'CONFIG_INSECURE_TLS', field: 'processors[0].tls.minVersion' },
  { what: 'security level 0 in the cipher list', plant: (c) => (c.processors[0].tls.ciphers = 'DEFAULT:@SECLEVEL=0'), code: 'CONFIG_INSECURE_TLS', field: 'processors[0].tls.ciphers' },
  { what: 'RSA-1024 keys accepted', plant: (c) => (c.processors[0].tls.minKeyBits = 1024), code: 'CONFIG_INSECURE_TLS', field: 'processors[0].tls.minKeyBits' },
  { what: 'verification turned off in the config', plant: (c) => (c.processors[0].tls.rejectUnauthorized = false), code: 'CONFIG_INSECURE_TLS', field: 'processors[0].tls.rejectUnauthorized' },
  { what: 'NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment', plant: () => undefined, env: { ...env, NODE_TLS_REJECT_UNAUTHORIZED: '0' }, code: 'CONFIG_INSECURE_TLS', field: 'env NODE_TLS_REJECT_UNAUTHORIZED' },
  { what: 'mutual-TLS profile (visa) without a client certificate', plant: (c) => { delete c.processors[1].tls.certFile; delete c.processors[1].tls.keyFile; }, code: 'TLS_CLIENT_CERT_REQUIRED', field: 'processors[1].tls.certFile' },
  { what: 'live key pointed at a sandbox host', plant: (c) => Object.assign(c.processors[0], { baseUrl: 'https://localhost:8443', credentials: { secretKey: 'sk_live_gatecheck_51Mock' } }), code: 'AUTH_MODE_MISMATCH', field: 'processors[0].credentials.secretKey' },
  { what: 'test key in a config whose other processors use production hosts', plant: (c) => { c.processors[1].baseUrl = 'https://api.visa.com'; c.processors[2].baseUrl = 'https://api.visa.com'; }, code: 'AUTH_MODE_MISMATCH', field: 'processors[0].credentials.secretKey' },
  { what: 'plain http base URL', plant: (c) => (c.processors[0].baseUrl = 'http://api.stripe.com'), code: 'CONFIG_INVALID', field: 'processors[0].baseUrl' },
  { what: 'secret from an unset environment variable', plant: (c) => (c.processors[0].credentials.secretKey = { env: 'GATECHECK_AUDIT_UNSET' }), code: 'CONFIG_SECRET_MISSING', field: 'processors[0].credentials.secretKey' },
  { what: 'two processors with one name', plant: (c) => (c.processors[2].name = 'visa'), code: 'CONFIG_INVALID', field: 'processors[2].name' },
  { what: 'server port out of range', plant: (c) => (c.server = { port: 70000 }), code: 'CONFIG_INVALID', field: 'server.port' },
];

let dir: Dir;
test.beforeEach(() => void (dir = tempDir()));
test.afterEach(() => dir.remove());

test('the good config passes: no finding at all', async () => {
  const report = await audit(dir.write('gateway.json', goodConfig()), { env });
  expect(report.findings).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.processors.map((p) => p.name)).toEqual(['stripe', 'visa', 'visa-encrypted']);
});

for (const row of rows) {
  test(`flags ${row.what}: ${row.field} ${row.code}`, async () => {
    const config = goodConfig();
    row.plant(config, dir);
    const report = await audit(dir.write('gateway.json', config), { env: row.env ?? env, expiryDays: row.expiryDays });
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.field} ${f.code}`)).toEqual([`${row.field} ${row.code}`]);
    expect(report.ok).toBe(false);
    expect(errors[0]!.fix.length).toBeGreaterThan(10);
  });
}

test('collects every problem of every processor in one run, in config order', async () => {
  const config = goodConfig();
  config.processors[0].tls.caFile = `${dir.dir}/missing.pem`;
  config.processors[0].tls.minVersion = 'TLSv1';
  config.processors[1].credentials.password = { env: 'GATECHECK_AUDIT_UNSET' };
  Object.assign(config.processors[1].tls, { certFile: pki.certPath('client-mismatch'), keyFile: pki.keyPath('client-mismatch') });
  config.processors[2].tls.passphrase = 'wrong';
  config.processors[2].tls.rejectUnauthorized = false;
  const report = await audit(dir.write('gateway.json', config), { env });
  expect(report.findings.map((f) => `${f.field} ${f.code}`)).toEqual([
    'processors[0].tls.minVersion CONFIG_INSECURE_TLS',
    'processors[0].tls.caFile CONFIG_CA_BUNDLE_UNREADABLE',
    'processors[1].credentials.password CONFIG_SECRET_MISSING',
    'processors[1].tls.keyFile CONFIG_CLIENT_KEY_MISMATCH',
    'processors[2].tls.rejectUnauthorized CONFIG_INSECURE_TLS',
    'processors[2].tls.passphrase CONFIG_CLIENT_KEY_PASSPHRASE',
  ]);
});

test('warnings do not fail the audit: tls.maxVersion capped at TLS 1.2', async () => {
  const config = goodConfig();
  config.processors[0].tls.maxVersion = 'TLSv1.2';
  const report = await audit(dir.write('gateway.json', config), { env });
  expect(report.ok).toBe(true);
  expect(report.findings).toMatchObject([{ field: 'processors[0].tls.maxVersion', code: 'TLS_PROTOCOL_VERSION', severity: 'warning' }]);
});

test('a config that is not JSON is one problem naming --config', async () => {
  const report = await audit(dir.write('gateway.json', '{ "processors": [ '), { env });
  expect(report.findings.map((f) => `${f.field} ${f.code}`)).toEqual(['--config CONFIG_INVALID']);
});
