import { expect, test } from '@playwright/test';
import { ApiError, CheckoutPaymentIntent, Client, Environment, OrdersController, type OrderRequest } from '@paypal/paypal-server-sdk';
import { LoopbackAgent, serve, type Served } from './served.ts';

/**
 * PayPal's official server SDK (`@paypal/paypal-server-sdk`, devDependency) against the paypal
 * profile served over real TLS. The SDK's base URL is fixed per environment
 * (https://api-m.sandbox.paypal.com), so its https agent dials the served mock instead (see
 * LoopbackAgent); the OAuth2 client credentials flow, headers and bodies are the SDK's own.
 */

/** A REST app from configuration, not the profile's default. */
const APP = { clientId: 'AcmeShop-sandbox-client', clientSecret: 'AcmeShop-sandbox-secret' };

let served: Served;
let agent: LoopbackAgent;
test.beforeEach(async () => {
  served = await serve('paypal', { oauthClients: [APP] });
  agent = new LoopbackAgent(served);
});
test.afterEach(async () => {
  agent.destroy();
  await served.close();
});

function orders(app = APP): OrdersController {
  const client = new Client({
    clientCredentialsAuthCredentials: { oAuthClientId: app.clientId, oAuthClientSecret: app.clientSecret },
    environment: Environment.Sandbox,
    timeout: 10_000,
    // No proxy from the environment: every socket is the LoopbackAgent's.
    httpClientOptions: { httpsAgent: agent },
    unstable_httpClientOptions: { proxy: false },
  });
  return new OrdersController(client);
}

const order = (withCard?: string): OrderRequest => ({
  intent: CheckoutPaymentIntent.Capture,
  purchaseUnits: [{ referenceId: 'order-1', amount: { currencyCode: 'EUR', value: '10.00' } }],
  ...(withCard ? { paymentSource: { card: { number: withCard, expiry: '2030-12', securityCode: '123' } } } : {}),
});

async function thrown(promise: Promise<unknown>): Promise<{ statusCode: number; body: string }> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, 'the SDK call was expected to throw').toBeInstanceOf(ApiError);
  const e = error as ApiError;
  return { statusCode: e.statusCode, body: typeof e.body === 'string' ? e.body : '' };
}

test('create and capture: an order without payment_source is CREATED, capture with a card COMPLETES it, one charge', async () => {
  const api = orders();
  const created = await api.createOrder({ body: order(), paypalRequestId: 'create-1', prefer: 'return=representation' });
  expect(created.statusCode).toBe(201);
  expect(created.result).toMatchObject({ status: 'CREATED', intent: 'CAPTURE' });
  expect(created.result.links?.map((l) => l.rel)).toContain('approve');
  expect(served.server.payments()).toEqual([]);

  const captured = await api.captureOrder({ id: created.result.id!, paypalRequestId: 'capture-1', prefer: 'return=representation', body: { paymentSource: { card: { number: '4111111111111111', expiry: '2030-12', securityCode: '123' } } } });
  expect(captured.statusCode).toBe(201);
  expect(captured.result.status).toBe('COMPLETED');
  expect(captured.result.purchaseUnits?.[0]?.payments?.captures?.[0]).toMatchObject({ status: 'COMPLETED', amount: { currencyCode: 'EUR', value: '10.00' } });
  expect(served.server.payments()).toEqual([expect.objectContaining({ id: created.result.id, outcome: 'approved', amount: 1000, currency: 'EUR' })]);
  expect(new Set(agent.dialled)).toEqual(new Set(['api-m.sandbox.paypal.com:443']));
  expect(served.server.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/oauth2/token', 'POST /v2/checkout/orders', `POST /v2/checkout/orders/${created.result.id}/capture`]);
  test.info().annotations.push({ type: 'paypal SDK', description: `createOrder -> ${created.statusCode} ${created.result.status}; captureOrder -> ${captured.statusCode} ${captured.result.status}` });
});

test('create with a card payment_source completes at once; capturing it again -> 422 ORDER_ALREADY_CAPTURED; an unapproved order -> ORDER_NOT_APPROVED', async () => {
  const api = orders();
  const paid = await api.createOrder({ body: order('4111111111111111'), paypalRequestId: 'create-card', prefer: 'return=representation' });
  expect(paid.result.status).toBe('COMPLETED');
  const again = await thrown(api.captureOrder({ id: paid.result.id!, paypalRequestId: 'capture-again' }));
  expect(again.statusCode).toBe(422);
  expect(again.body).toContain('ORDER_ALREADY_CAPTURED');
  const created = await api.createOrder({ body: order(), paypalRequestId: 'create-2' });
  const unapproved = await thrown(api.captureOrder({ id: created.result.id!, paypalRequestId: 'capture-2' }));
  expect(unapproved.statusCode).toBe(422);
  expect(unapproved.body).toContain('ORDER_NOT_APPROVED');
  expect(served.server.payments()).toHaveLength(1);
});

test('decline: a declining card -> 422 UNPROCESSABLE_ENTITY INSTRUMENT_DECLINED', async () => {
  const error = await thrown(orders().createOrder({ body: order('4000000000000002'), paypalRequestId: 'create-declined' }));
  expect(error.statusCode).toBe(422);
  expect(JSON.parse(error.body)).toMatchObject({ name: 'UNPROCESSABLE_ENTITY', details: [{ issue: 'INSTRUMENT_DECLINED' }] });
  test.info().annotations.push({ type: 'paypal SDK', description: `declining card -> ${error.statusCode} INSTRUMENT_DECLINED` });
});

test('bad credential: an unknown client secret -> the token endpoint answers 401 invalid_client, no order is sent', async () => {
  const error = await orders({ clientId: APP.clientId, clientSecret: 'wrong-secret' }).createOrder({ body: order() }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  expect(String((error as { body?: unknown }).body ?? (error as Error).message)).toContain('invalid_client');
  expect(served.server.requests().map((r) => r.path)).toEqual(['/v1/oauth2/token']);
});

test('idempotent replay: the same PayPal-Request-Id gives the same order, charged once', async () => {
  const api = orders();
  const first = await api.createOrder({ body: order('4111111111111111'), paypalRequestId: 'req-42', prefer: 'return=representation' });
  const again = await api.createOrder({ body: order('4111111111111111'), paypalRequestId: 'req-42', prefer: 'return=representation' });
  expect(again.result.id).toBe(first.result.id);
  expect(served.server.payments()).toHaveLength(1);
});
