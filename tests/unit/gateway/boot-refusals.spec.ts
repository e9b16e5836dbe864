import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { clock } from '../../../gateway/clock.ts';
import { GatewayBootError, startGateway } from '../../../gateway/index.ts';
import { CLIENT_KEY_PASSPHRASE } from '../../../mocks/pki/specs.ts';
import { cert, closeAll, gateway, gatewayConfig, key, processorConfig, scratchDir } from './helpers.ts';

test.afterEach(closeAll);

const URL = 'https://localhost:8443';
const visa = (tls: Record<string, unknown>) =>
  gatewayConfig([processorConfig(URL, { name: 'visa', profile: 'visa', credentials: { username: 'u', password: 'p' }, tls })]);
const client = (id: string, extra: Record<string, unknown> = {}) => ({ certFile: cert(id), keyFile: key(id), ...extra });

async function refusal(config: unknown): Promise<GatewayBootError> {
  try {
    const gw = await startGateway(config);
    await gw.close();
  } catch (error) {
    if (error instanceof GatewayBootError) return error;
    throw error;
  }
  throw new Error('the gateway started; expected a boot refusal');
}

type Case = { what: string; config: () => unknown; code: string; field: string; file?: () => string; says: RegExp };
const cases: Case[] = [
  { what: 'CA bundle file missing', config: () => visa({ caFile: '/nonexistent/ca.pem' }), code: 'CONFIG_CA_BUNDLE_UNREADABLE', field: 'processors[0].tls.caFile', file: () => '/nonexistent/ca.pem', says: /cannot read the CA bundle \(ENOENT\)/ },
  { what: 'CA bundle empty', config: () => visa({ caFile: empty() }), code: 'CONFIG_CA_BUNDLE_UNREADABLE', field: 'processors[0].tls.caFile', says: /holds no PEM certificate/ },
  { what: 'CA bundle is a key, not a certificate', config: () => visa({ caFile: key('root-ca') }), code: 'CONFIG_CA_BUNDLE_UNREADABLE', field: 'processors[0].tls.caFile', says: /holds no PEM certificate/ },
  { what: 'CA bundle corrupt', config: () => visa({ caFile: corrupt() }), code: 'CONFIG_CA_BUNDLE_UNREADABLE', field: 'processors[0].tls.caFile', says: /does not parse/ },
  { what: 'client certificate missing', config: () => visa({ certFile: '/nonexistent/client.pem', keyFile: key('client-good') }), code: 'CONFIG_CLIENT_CERT_UNREADABLE', field: 'processors[0].tls.certFile', says: /cannot read the client certificate/ },
  { what: 'client key missing', config: () => visa({ certFile: cert('client-good'), keyFile: '/nonexistent/client.key' }), code: 'CONFIG_CLIENT_CERT_UNREADABLE', field: 'processors[0].tls.keyFile', says: /cannot read the client private key/ },
  { what: 'client key is not a key', config: () => visa({ certFile: cert('client-good'), keyFile: cert('client-good') }), code: 'CONFIG_CLIENT_CERT_UNREADABLE', field: 'processors[0].tls.keyFile', says: /does not parse/ },
  { what: 'key does not match the certificate', config: () => visa(client('client-mismatch')), code: 'CONFIG_CLIENT_KEY_MISMATCH', field: 'processors[0].tls.keyFile', file: () => key('client-mismatch'), says: /is not the private key of the certificate/ },
  { what: 'encrypted key without passphrase', config: () => visa(client('client-encrypted')), code: 'CONFIG_CLIENT_KEY_PASSPHRASE', field: 'processors[0].tls.passphrase', says: /is encrypted and .* is not set/ },
  { what: 'wrong passphrase', config: () => visa(client('client-encrypted', { passphrase: 'not-the-passphrase' })), code: 'CONFIG_CLIENT_KEY_PASSPHRASE', field: 'processors[0].tls.passphrase', says: /wrong passphrase/ },
  { what: 'expired client certificate', config: () => visa(client('client-expired')), code: 'CONFIG_CLIENT_CERT_EXPIRED', field: 'processors[0].tls.certFile', file: () => cert('client-expired'), says: /expired on/ },
  { what: 'client certificate expiring within minClientCertDays', config: () => visa(client('client-good', { minClientCertDays: 400 })), code: 'CONFIG_CLIENT_CERT_EXPIRED', field: 'processors[0].tls.certFile', says: /within tls.minClientCertDays \(400\)/ },
  { what: 'TLS floor 1.1', config: () => visa({ minVersion: 'TLSv1.1' }), code: 'CONFIG_INSECURE_TLS', field: 'processors[0].tls.minVersion', says: /below 1.2 is not allowed/ },
  { what: 'TLS floor 1.0', config: () => visa({ minVersion: 'TLSv1' }), code: 'CONFIG_INSECURE_TLS', field: 'processors[0].tls.minVersion', says: /below 1.2 is not allowed/ },
  { what: 'security level 0 in ciphers', config: () => visa({ ciphers: 'DEFAULT:@SECLEVEL=0' }), code: 'CONFIG_INSECURE_TLS', field: 'processors[0].tls.ciphers', says: /lowers the OpenSSL security level/ },
  { what: 'key policy below 2048 bits', config: () => visa({ minKeyBits: 1024 }), code: 'CONFIG_INSECURE_TLS', field: 'processors[0].tls.minKeyBits', says: /not strong cryptography/ },
  { what: 'cipher string OpenSSL rejects', config: () => visa({ ciphers: 'NO-SUCH-CIPHER' }), code: 'CONFIG_INVALID', field: 'processors[0].tls.ciphers', says: /OpenSSL refuses/ },
];

let dir: string;
const empty = () => {
  const file = `${dir}/empty.pem`;
  writeFileSync(file, '');
  return file;
};
const corrupt = () => {
  const file = `${dir}/corrupt.pem`;
  writeFileSync(file, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
  return file;
};
test.beforeEach(() => void (dir = scratchDir()));

for (const c of cases) {
  test(`boot refuses: ${c.what} -> ${c.code}`, async () => {
    const error = await refusal(c.config());
    expect(error.code).toBe(c.code);
    expect(error.field).toBe(c.field);
    expect(error.message).toMatch(c.says);
    expect(error.message).toContain(c.field);
    expect(error.message).toMatch(/Fix: /);
    if (c.file) {
      expect(error.file).toBe(c.file());
      expect(error.message).toContain(c.file());
    }
  });
}

test('boot refuses: NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment -> CONFIG_INSECURE_TLS', async () => {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  try {
    const error = await refusal(visa(client('client-good')));
    expect(error.code).toBe('CONFIG_INSECURE_TLS');
    expect(error.field).toBe('env NODE_TLS_REJECT_UNAUTHORIZED');
  } finally {
    delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  }
});

test('boot accepts the encrypted key with its passphrase', async () => {
  const gw = await gateway(visa(client('client-encrypted', { passphrase: CLIENT_KEY_PASSPHRASE })));
  expect(gw.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test('boot warns when the client certificate expires within 30 days', async () => {
  // client-good is valid for a year: seen from 340 days on, it expires in about 25 days.
  const later = { ...clock, now: () => Date.now() + 340 * 86_400_000 };
  const gw = await gateway(visa(client('client-good')), { clock: later });
  const warning = gw.logs().find((l) => l.level === 'warn' && l.code === 'CONFIG_CLIENT_CERT_EXPIRED');
  expect(warning?.msg).toMatch(/expires in 2\d days/);
  expect(warning?.field).toBe('processors[0].tls.certFile');
});

test('boot warns about a live key pointed at a sandbox host', async () => {
  const gw = await gateway(gatewayConfig([processorConfig(URL, { credentials: { secretKey: 'sk_live_gatecheck_0000' } })]));
  const warning = gw.logs().find((l) => l.code === 'AUTH_MODE_MISMATCH');
  expect(warning?.msg).toMatch(/a live credential is configured for a test host/);
  expect(JSON.stringify(gw.logs())).not.toContain('sk_live_gatecheck_0000');
});
