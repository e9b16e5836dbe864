import { expect, test } from '@playwright/test';
import { CLIENT_KEY_PASSPHRASE } from '../../../mocks/pki/specs.ts';
import { getProfile } from '../../../mocks/processors/index.ts';
import { cert, closeAll, gateway, gatewayConfig, httpsFake, json, key, pay, pki, processorConfig } from './helpers.ts';

test.afterEach(closeAll);

/** Secrets given through the environment, as a deployment would. */
const env = {
  GC_STRIPE_KEY: 'sk_test_redaction_4f9a8b7c6d5e',
  GC_ADYEN_KEY: 'AQE_redaction_key_77aa88bb',
  GC_PAYPAL_SECRET: 'paypal-redaction-secret-991',
  GC_VISA_PASSWORD: 'visa-redaction-password-123',
  GC_PASSPHRASE: CLIENT_KEY_PASSPHRASE,
  GC_WEBHOOK_SECRET: 'whsec_redaction_secret_abc',
  GC_ADYEN_HMAC: 'ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789',
};
const CARDS = ['4242424242424242', '4000000000000002'];

/** Every processor answers with the worst case: its error echoes what the gateway sent. */
async function echoingProcessor() {
  return httpsFake((req, res, i) => {
    const sent = `${req.headers.authorization ?? ''} ${req.headers['x-api-key'] ?? ''} ${decodeURIComponent(req.body)}`;
    if (req.path === '/v1/oauth2/token') return json(res, 200, { access_token: 'A21AA-redaction-token-xyz', token_type: 'Bearer', expires_in: 3600 });
    if (i % 2 === 1) return json(res, 402, { error: { type: 'card_error', code: 'card_declined', message: `Card ${sent} declined` } });
    return json(res, 401, { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${sent}` }, name: 'AUTHENTICATION_FAILURE', message: sent, responseStatus: { status: 401, code: '9124', message: sent } });
  });
}

test('redaction: no secret, token, key or card number in responses, logs, health or metrics', async () => {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  const outputs: string[] = [];
  try {
    for (const profile of ['stripe', 'adyen', 'paypal', 'visa'] as const) {
      const fake = await echoingProcessor();
      const credentials = {
        stripe: { secretKey: { env: 'GC_STRIPE_KEY' } },
        adyen: { apiKey: { env: 'GC_ADYEN_KEY' } },
        paypal: { clientId: 'gatecheck-client-id', clientSecret: { env: 'GC_PAYPAL_SECRET' } },
        visa: { username: 'gatecheck-visa-user', password: { env: 'GC_VISA_PASSWORD' } },
      }[profile];
      const webhooks = { stripe: { secrets: [{ env: 'GC_WEBHOOK_SECRET' }] }, adyen: { hmacKey: { env: 'GC_ADYEN_HMAC' } }, paypal: getProfile('paypal').webhooks!.secrets, visa: undefined }[profile];
      const gw = await gateway(gatewayConfig([processorConfig(fake.url, {
        name: profile, profile, credentials, ...(webhooks ? { webhooks } : {}),
        tls: { certFile: cert('client-encrypted'), keyFile: key('client-encrypted'), passphrase: { env: 'GC_PASSPHRASE' } },
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      })], { health: { probeOnStart: true, probeIntervalMs: 0 } }));
      for (const source of CARDS) outputs.push(JSON.stringify((await pay(gw, { source })).body));
      outputs.push(await (await fetch(`${gw.url}/webhooks/${profile}`, { method: 'POST', body: '{}' })).text());
      outputs.push(await (await fetch(`${gw.url}/health?probe=true`)).text());
      outputs.push(await (await fetch(`${gw.url}/metrics`)).text());
      await gw.close();
      outputs.push(gw.logs().map((l) => JSON.stringify(l)).join('\n'));
    }
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
  const everything = outputs.join('\n');
  const keyBody = pki.read(key('client-encrypted')).split('\n').find((line) => line.length > 40)!;
  const forbidden = [...Object.values(env), ...CARDS, 'A21AA-redaction-token-xyz', keyBody,
    Buffer.from(`gatecheck-visa-user:${env.GC_VISA_PASSWORD}`).toString('base64'),
    Buffer.from(`gatecheck-client-id:${env.GC_PAYPAL_SECRET}`).toString('base64')];
  for (const secret of forbidden) expect(everything, `leaked: ${secret.slice(0, 12)}...`).not.toContain(secret);
  // What stays: the masked card and the redaction marker prove the echo went through the redactor.
  expect(everything).toContain('************0002');
  expect(everything).toContain('[REDACTED]');
});

test('redaction: every failure log line carries its code', async () => {
  const fake = await echoingProcessor();
  const gw = await gateway(gatewayConfig([processorConfig(fake.url, { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } })]));
  await pay(gw);
  await pay(gw, { key: null });
  const failures = gw.logs().filter((l) => l.level === 'warn' || l.level === 'error' || /fail|refused|rejected|declined/.test(l.msg));
  expect(failures.length).toBeGreaterThan(1);
  for (const line of failures) expect(line.code, line.msg).toMatch(/^[A-Z_]+$/);
});
