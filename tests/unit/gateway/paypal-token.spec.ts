import { expect, test } from '@playwright/test';
import { clock } from '../../../gateway/clock.ts';
import { closeAll, gateway, gatewayConfig, httpsFake, json, pay, processorConfig, serverTls, tlsFake, type SeenRequest } from './helpers.ts';

test.afterEach(closeAll);

const CLIENT = { clientId: 'gatecheck-client-id', clientSecret: 'gatecheck-client-secret' };
const order = (id: string) => ({ id, status: 'COMPLETED', purchase_units: [{ reference_id: 'order-1', payments: { captures: [{ id: `CAP-${id}`, status: 'COMPLETED', amount: { currency_code: 'EUR', value: '10.00' } }] } }] });

/** A tiny PayPal: issues tokens, accepts only live ones, can revoke them all (expiry mid-flight). */
async function fakePaypal(options: { expiresIn?: number; tokenStatus?: number; refuseEveryToken?: boolean } = {}) {
  let issued = 0;
  const valid = new Set<string>();
  const fake = await httpsFake((req: SeenRequest, res) => {
    if (req.path === '/v1/oauth2/token') {
      const basic = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64');
      if (options.tokenStatus) return json(res, options.tokenStatus, { error: 'server_error' });
      if (req.headers.authorization !== `Basic ${basic}` || req.body !== 'grant_type=client_credentials') return json(res, 401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
      const token = `A21AA-token-${++issued}`;
      valid.add(token);
      return json(res, 200, { scope: 'https://uri.paypal.com/services/payments', access_token: token, token_type: 'Bearer', app_id: 'APP-1', expires_in: options.expiresIn ?? 32400, nonce: 'n' });
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!valid.has(token) || options.refuseEveryToken) return json(res, 401, { error: 'invalid_token', error_description: 'Token signature verification failed' });
    return json(res, 201, order(`ORDER-${req.headers['paypal-request-id']}`));
  });
  const paths = () => fake.requests.map((r) => r.path);
  return { ...fake, paths, revokeAll: () => valid.clear(), issued: () => issued };
}

const paypal = (url: string, over: Record<string, unknown> = {}) => processorConfig(url, { name: 'paypal', profile: 'paypal', credentials: CLIENT, ...over });

test('paypal: one token for many payments (cached)', async () => {
  const fake = await fakePaypal();
  const gw = await gateway(gatewayConfig([paypal(fake.url)]));
  for (const key of ['a', 'b', 'c']) expect((await pay(gw, { key })).status).toBe(201);
  expect(fake.paths()).toEqual(['/v1/oauth2/token', '/v2/checkout/orders', '/v2/checkout/orders', '/v2/checkout/orders']);
  const payment = fake.requests[1]!;
  expect(payment.headers).toMatchObject({ authorization: 'Bearer A21AA-token-1', 'paypal-request-id': 'a', prefer: 'return=representation' });
});

test('paypal: a token revoked mid-flight gets one refresh and one retry with the same PayPal-Request-Id', async () => {
  const fake = await fakePaypal();
  const gw = await gateway(gatewayConfig([paypal(fake.url)]));
  expect((await pay(gw, { key: 'first' })).status).toBe(201);
  fake.revokeAll();
  const reply = await pay(gw, { key: 'second' });
  expect(reply.status).toBe(201);
  expect(fake.paths()).toEqual(['/v1/oauth2/token', '/v2/checkout/orders', '/v2/checkout/orders', '/v1/oauth2/token', '/v2/checkout/orders']);
  expect(fake.requests.slice(2).filter((r) => r.path === '/v2/checkout/orders').map((r) => r.headers['paypal-request-id'])).toEqual(['second', 'second']);
});

test('paypal: a token still refused after the refresh is AUTH_REJECTED, with exactly one refresh', async () => {
  const fake = await fakePaypal({ refuseEveryToken: true });
  const gw = await gateway(gatewayConfig([paypal(fake.url)]));
  const reply = await pay(gw);
  expect(reply.body.error.code).toBe('AUTH_REJECTED');
  expect(fake.paths()).toEqual(['/v1/oauth2/token', '/v2/checkout/orders', '/v1/oauth2/token', '/v2/checkout/orders']);
});

test('paypal: the token is refreshed before it expires', async () => {
  const fake = await fakePaypal({ expiresIn: 60 });
  let offset = 0;
  const gw = await gateway(gatewayConfig([paypal(fake.url)]), { clock: { ...clock, now: () => Date.now() + offset } });
  expect((await pay(gw, { key: 'one' })).status).toBe(201);
  offset = 55_000; // within the last tenth of the 60 s lifetime
  expect((await pay(gw, { key: 'two' })).status).toBe(201);
  expect(fake.paths().filter((p) => p === '/v1/oauth2/token')).toHaveLength(2);
  expect(fake.paths().filter((p) => p === '/v2/checkout/orders')).toHaveLength(2);
});

test('paypal: token endpoint refuses the client -> AUTH_TOKEN_FAILED, no payment sent', async () => {
  const fake = await fakePaypal();
  const gw = await gateway(gatewayConfig([paypal(fake.url, { credentials: { clientId: 'gatecheck-client-id', clientSecret: 'wrong-secret' } })]));
  const reply = await pay(gw);
  expect(reply.body.error).toMatchObject({ code: 'AUTH_TOKEN_FAILED', retryable: false, processor: 'paypal' });
  expect(reply.status).toBe(502);
  expect(fake.paths()).toEqual(['/v1/oauth2/token']);
});

test('paypal: token endpoint down (503) -> PROCESSOR_UNAVAILABLE, retried, no payment sent', async () => {
  const fake = await fakePaypal({ tokenStatus: 503 });
  const gw = await gateway(gatewayConfig([paypal(fake.url)]));
  const reply = await pay(gw);
  expect(reply.body.error.code).toBe('PROCESSOR_UNAVAILABLE');
  expect(fake.paths()).toEqual(['/v1/oauth2/token', '/v1/oauth2/token', '/v1/oauth2/token']);
});

test('paypal: token endpoint behind broken TLS -> the TLS code', async () => {
  const server = await tlsFake(serverTls('server-expired'));
  const gw = await gateway(gatewayConfig([paypal(server.url)]));
  expect((await pay(gw)).body.error.code).toBe('TLS_CERT_EXPIRED');
  expect(server.received.bytes).toBe(0);
});

test('paypal: the access token never reaches the logs', async () => {
  const fake = await fakePaypal();
  const gw = await gateway(gatewayConfig([paypal(fake.url)]));
  await pay(gw);
  fake.revokeAll();
  await pay(gw);
  const text = JSON.stringify(gw.logs());
  expect(text).not.toContain('A21AA-token-');
  expect(text).not.toContain(CLIENT.clientSecret);
});
