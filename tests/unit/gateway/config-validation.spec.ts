import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { GatewayBootError, loadGatewayConfig, parseGatewayConfig } from '../../../gateway/index.ts';
import { closeAll, gatewayConfig, processorConfig, scratchDir, writeJson } from './helpers.ts';

test.afterEach(closeAll);

const URL = 'https://localhost:8443';
const base = () => gatewayConfig([processorConfig(URL)]);
const withProcessor = (overrides: Record<string, unknown>) => gatewayConfig([processorConfig(URL, overrides)]);

/** [what is wrong, config, field the error must name, code]. */
const cases: [string, () => unknown, string, string][] = [
  ['no processors', () => gatewayConfig([]), 'processors', 'CONFIG_INVALID'],
  ['unknown profile', () => withProcessor({ profile: 'worldpay' }), 'processors[0].profile', 'CONFIG_INVALID'],
  ['plain http base URL', () => withProcessor({ baseUrl: 'http://localhost:8080' }), 'processors[0].baseUrl', 'CONFIG_INVALID'],
  ['credentials of another profile', () => withProcessor({ profile: 'adyen' }), 'processors[0].credentials.apiKey', 'CONFIG_INVALID'],
  ['paypal without a client secret', () => withProcessor({ profile: 'paypal', credentials: { clientId: 'id' } }), 'processors[0].credentials.clientSecret', 'CONFIG_INVALID'],
  ['negative timeout', () => withProcessor({ timeouts: { connectMs: -1 } }), 'processors[0].timeouts.connectMs', 'CONFIG_INVALID'],
  ['retry attempts zero', () => withProcessor({ retry: { maxAttempts: 0 } }), 'processors[0].retry.maxAttempts', 'CONFIG_INVALID'],
  ['typo in a tls option', () => withProcessor({ tls: { caFiel: 'ca.pem' } }), 'processors[0].tls', 'CONFIG_INVALID'],
  ['malformed pin', () => withProcessor({ tls: { pins: ['md5/abc'] } }), 'processors[0].tls.pins[0]', 'CONFIG_INVALID'],
  ['cert without key', () => withProcessor({ tls: { certFile: 'client.pem' } }), 'processors[0].tls.certFile', 'CONFIG_INVALID'],
  ['unknown TLS version', () => withProcessor({ tls: { minVersion: 'SSLv3' } }), 'processors[0].tls.minVersion', 'CONFIG_INVALID'],
  ['duplicate processor names', () => gatewayConfig([processorConfig(URL), processorConfig(URL)]), 'processors[1].name', 'CONFIG_INVALID'],
  ['port out of range', () => ({ ...base(), server: { port: 70000 } }), 'server.port', 'CONFIG_INVALID'],
  ['adyen hmac key not hex', () => withProcessor({ profile: 'adyen', credentials: { apiKey: 'k' }, webhooks: { hmacKey: 'zz' } }), 'processors[0].webhooks.hmacKey', 'CONFIG_INVALID'],
  ['stripe webhooks without secrets', () => withProcessor({ webhooks: { secrets: [] } }), 'processors[0].webhooks.secrets', 'CONFIG_INVALID'],
  ['verification turned off', () => withProcessor({ tls: { rejectUnauthorized: false } }), 'processors[0].tls.rejectUnauthorized', 'CONFIG_INSECURE_TLS'],
  ['secret from an unset variable', () => withProcessor({ credentials: { secretKey: { env: 'GATECHECK_UNSET_VARIABLE' } } }), 'processors[0].credentials.secretKey', 'CONFIG_SECRET_MISSING'],
];

for (const [what, config, field, code] of cases) {
  test(`config: ${what} -> ${code} naming ${field}`, () => {
    let error: unknown;
    try {
      parseGatewayConfig(config(), { env: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatewayBootError);
    const boot = error as GatewayBootError;
    expect(boot.code).toBe(code);
    expect(boot.field).toBe(field);
    expect(boot.message).toContain(field);
  });
}

test('config: defaults fill timeouts, retry and TLS policy', () => {
  const config = parseGatewayConfig(base(), { env: {} });
  const p = config.processors[0]!;
  expect(p.tls).toMatchObject({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', minKeyBits: 2048, minClientCertDays: 7 });
  expect(config.server).toEqual({ host: '127.0.0.1', port: 0 });
});

test('config file: secrets from the environment, paths relative to the file', () => {
  const dir = scratchDir();
  const file = writeJson(dir, 'gateway.json', {
    processors: [{ name: 'p', profile: 'visa', baseUrl: URL, credentials: { username: 'u', password: { env: 'VISA_PASSWORD' } }, tls: { caFile: 'ca/bundle.pem' } }],
  });
  const config = loadGatewayConfig(file, { VISA_PASSWORD: 'from-env' });
  const p = config.processors[0]!;
  expect(p.profile === 'visa' && p.credentials.password).toBe('from-env');
  expect(p.tls.caFile).toBe(`${dir}/ca/bundle.pem`);
});

test('config file: unreadable and unparseable files name the file', () => {
  const dir = scratchDir();
  const missing = `${dir}/nope.json`;
  expect(() => loadGatewayConfig(missing)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', file: missing }));
  const broken = writeJson(dir, 'broken.json', {});
  writeFileSync(broken, '{ "processors": [ ');
  expect(() => loadGatewayConfig(broken)).toThrow(/not valid JSON/);
});
