import http from 'node:http';
import { expect, test } from '@playwright/test';
import { closeAll, gateway, gatewayConfig, httpsFake, json, pay, processorConfig, stripeIntent } from '../gateway/helpers.ts';

/** Deliver 5: the reference gateway's own answers, each found by the bad-input sweep of issue 14. */

test.afterEach(closeAll);

/** Posts a body in chunks with node:http (fetch hides a reset behind "fetch failed"). */
function postRaw(url: string, path: string, body: Buffer, method = 'POST'): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request(`${url}${path}`, { method, headers: { 'content-type': 'application/json', 'idempotency-key': 'k-big', 'content-length': body.length } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

test('regression: a body over 1 MB was logged 413 but the client saw a reset; now the client gets the 413 answer', async () => {
  const fake = await httpsFake((_req, res) => json(res, 200, stripeIntent()));
  const gw = await gateway(gatewayConfig([processorConfig(fake.url)]));
  const big = Buffer.alloc(2 * 1024 * 1024, 'a');
  const reply = await postRaw(gw.url, '/v1/payments', big);
  expect(reply).toMatchObject({ status: 413 });
  expect(JSON.parse((reply as { body: string }).body).error).toMatchObject({ code: 'INVALID_REQUEST', message: 'request body larger than 1048576 bytes' });
  expect(fake.requests).toHaveLength(0);
});

test('regression: a card number failing the Luhn check reached the processor and counted as a processor failure; now 400 before any call', async () => {
  const fake = await httpsFake((_req, res) => json(res, 400, { error: { type: 'card_error', code: 'incorrect_number', message: 'Your card number is incorrect.' } }));
  const gw = await gateway(gatewayConfig([processorConfig(fake.url)]));
  const reply = await pay(gw, { source: '4242424242424241' });
  expect(reply.status).toBe(400);
  expect(reply.body.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'invalid payment: source: not a valid card number (fails the Luhn check)' });
  expect(fake.requests).toHaveLength(0);
  const metrics = await (await fetch(`${gw.url}/metrics`)).text();
  expect(metrics).not.toMatch(/failures_total\{[^}]*\} [1-9]/);
  const health = await (await fetch(`${gw.url}/health`)).json();
  expect(JSON.stringify(health)).not.toContain('"down"');
});

test('regression: PUT /health answered 200; now 405 (and POST /metrics too)', async () => {
  const gw = await gateway(gatewayConfig([processorConfig('https://localhost:9')]));
  for (const [method, path] of [['PUT', '/health'], ['POST', '/health'], ['DELETE', '/metrics'], ['POST', '/metrics']] as const) {
    const res = await fetch(`${gw.url}${path}`, { method });
    expect(res.status, `${method} ${path}`).toBe(405);
    expect((await res.json()).error.code).toBe('INVALID_REQUEST');
  }
  expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  expect((await fetch(`${gw.url}/health`, { method: 'HEAD' })).status).toBe(200);
});

test('regression: "ZZZ" was taken as a currency; now refused as not ISO 4217, and lower-case "eur" still works', async () => {
  const fake = await httpsFake((_req, res) => json(res, 200, stripeIntent()));
  const gw = await gateway(gatewayConfig([processorConfig(fake.url)]));
  const post = (currency: string) => fetch(`${gw.url}/v1/payments`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `k-${currency}` },
    body: JSON.stringify({ amount: 1000, currency, source: '4242424242424242', reference: 'order-1' }),
  });
  const zzz = await post('ZZZ');
  expect(zzz.status).toBe(400);
  expect((await zzz.json()).error.message).toBe('invalid payment: currency: not an ISO 4217 currency code (e.g. "EUR", "USD")');
  expect(fake.requests).toHaveLength(0);
  expect((await post('eur')).status).toBe(201);
});

test('regression: an internal error was logged INVALID_REQUEST and answered INTERNAL (not in the taxonomy); now both say INTERNAL, a listed code', async () => {
  const fake = await httpsFake((_req, res) => json(res, 200, stripeIntent()));
  const gw = await gateway(gatewayConfig([processorConfig(fake.url)]), { idempotencyKey: () => { throw new Error('seam exploded'); } });
  const reply = await pay(gw);
  expect(reply.status).toBe(500);
  expect(reply.body.error).toEqual({ code: 'INTERNAL', message: 'internal gateway error', processor: null, retryable: false });
  const logged = gw.logs().find((l) => String(l.msg ?? l.message ?? '').startsWith('internal error'));
  expect(logged, JSON.stringify(gw.logs())).toMatchObject({ code: 'INTERNAL' });
  const { gatewayCodes } = await import('../../../gateway/index.ts');
  expect(gatewayCodes).toContain('INTERNAL');
});
