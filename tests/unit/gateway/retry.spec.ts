import { expect, test } from '@playwright/test';
import { clock, type Clock } from '../../../gateway/clock.ts';
import { closeAll, closedPort, gateway, gatewayConfig, httpsFake, json, pay, processorConfig, serverTls, stripeIntent, tlsFake } from './helpers.ts';

test.afterEach(closeAll);

/** A clock whose sleeps are recorded and instant: backoff and Retry-After are asserted exactly. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { now: clock.now, sleeps, sleep: async (ms) => void sleeps.push(ms) };
}

const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2000 };
const stripeError = (type: string, code?: string) => ({ error: { type, ...(code ? { code } : {}), message: type } });

test('retry: 503 then 200, same idempotency key on both attempts, exponential backoff', async () => {
  const fake = await httpsFake((_req, res, i) => (i < 2 ? json(res, 503, stripeError('api_error')) : json(res, 200, stripeIntent())));
  const timing = recordingClock();
  const gw = await gateway(gatewayConfig([processorConfig(fake.url, { retry })]), { clock: timing });
  const reply = await pay(gw, { key: 'order-42' });
  expect(reply.status).toBe(201);
  expect(fake.requests.map((r) => r.headers['idempotency-key'])).toEqual(['order-42', 'order-42', 'order-42']);
  expect(new Set(fake.requests.map((r) => r.body)).size).toBe(1);
  expect(timing.sleeps).toEqual([100, 200]);
});

test('retry: 429 with Retry-After waits exactly what the processor asked', async () => {
  const fake = await httpsFake((_req, res, i) => (i === 0 ? json(res, 429, stripeError('rate_limit_error', 'rate_limit'), { 'retry-after': '1' }) : json(res, 200, stripeIntent())));
  const timing = recordingClock();
  const gw = await gateway(gatewayConfig([processorConfig(fake.url, { retry })]), { clock: timing });
  expect((await pay(gw)).status).toBe(201);
  expect(timing.sleeps).toEqual([1000]);
  expect(fake.requests).toHaveLength(2);
});

test('retry: a Retry-After beyond maxDelayMs is honoured by not retrying', async () => {
  const fake = await httpsFake((_req, res) => json(res, 429, stripeError('rate_limit_error', 'rate_limit'), { 'retry-after': '30' }));
  const timing = recordingClock();
  const gw = await gateway(gatewayConfig([processorConfig(fake.url, { retry })]), { clock: timing });
  const reply = await pay(gw);
  expect(reply.body.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
  expect(reply.status).toBe(503);
  expect(fake.requests).toHaveLength(1);
  expect(timing.sleeps).toEqual([]);
});

test('retry: a real Retry-After sleep happens (loose lower bound)', async () => {
  const fake = await httpsFake((_req, res, i) => (i === 0 ? json(res, 429, stripeError('rate_limit_error'), { 'retry-after': '1' }) : json(res, 200, stripeIntent())));
  const gw = await gateway(gatewayConfig([processorConfig(fake.url, { retry })]));
  const reply = await pay(gw);
  expect(reply.status).toBe(201);
  expect(reply.ms).toBeGreaterThanOrEqual(950);
});

const notRetried: [string, number, unknown, string][] = [
  ['401 bad key', 401, stripeError('invalid_request_error'), 'AUTH_REJECTED'],
  ['403 restricted key', 403, stripeError('invalid_request_error', 'restricted_key'), 'AUTH_FORBIDDEN'],
  ['401 live key on a test host', 401, stripeError('invalid_request_error', 'api_key_mode_mismatch'), 'AUTH_MODE_MISMATCH'],
  ['402 decline', 402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } }, 'PAYMENT_DECLINED'],
  ['409 key in flight', 409, stripeError('idempotency_error', 'idempotency_key_in_use'), 'IDEMPOTENCY_CONFLICT'],
  ['400 key reused with other parameters', 400, stripeError('idempotency_error'), 'IDEMPOTENCY_MISMATCH'],
  ['200 with a body that breaks the schema', 200, { id: 'pi_1', status: 'succeeded' }, 'PROCESSOR_BAD_RESPONSE'],
];

for (const [what, status, body, code] of notRetried) {
  test(`retry: never on ${what} -> ${code}`, async () => {
    const fake = await httpsFake((_req, res) => json(res, status, body));
    const timing = recordingClock();
    const gw = await gateway(gatewayConfig([processorConfig(fake.url, { retry })]), { clock: timing });
    const reply = await pay(gw);
    expect(reply.body.error?.code).toBe(code);
    expect(reply.body.error?.retryable).toBe(false);
    expect(fake.requests).toHaveLength(1);
    expect(timing.sleeps).toEqual([]);
  });
}

test('retry: a TLS failure is never retried', async () => {
  const server = await tlsFake(serverTls('server-expired'));
  const gw = await gateway(gatewayConfig([processorConfig(server.url, { retry })]), { clock: recordingClock() });
  expect((await pay(gw)).body.error.code).toBe('TLS_CERT_EXPIRED');
  expect(gw.logs().filter((l) => l.msg.startsWith('payment attempt failed'))).toHaveLength(1);
  expect(server.received.bytes).toBe(0);
});

test('retry: a reset after the request keeps the key, and the second answer is used', async () => {
  const fake = await httpsFake((_req, res, i) => (i === 0 ? res.socket?.destroy() : json(res, 200, stripeIntent('pi_after_reset'))));
  const gw = await gateway(gatewayConfig([processorConfig(fake.url, { retry })]), { clock: recordingClock() });
  const reply = await pay(gw, { key: 'reset-key' });
  expect(reply.body).toMatchObject({ status: 'succeeded', processorReference: 'pi_after_reset' });
  expect(fake.requests.map((r) => r.headers['idempotency-key'])).toEqual(['reset-key', 'reset-key']);
});

test('failover: connection refused on the primary, the secondary takes the payment', async () => {
  const secondary = await httpsFake((_req, res) => json(res, 200, stripeIntent('pi_secondary')));
  const primary = `https://localhost:${await closedPort()}`;
  const gw = await gateway(gatewayConfig([processorConfig(primary, { name: 'primary' }), processorConfig(secondary.url, { name: 'secondary' })]), { clock: recordingClock() });
  const reply = await pay(gw);
  expect(reply.body).toMatchObject({ processor: 'secondary', processorReference: 'pi_secondary' });
  const health = (await (await fetch(`${gw.url}/health`)).json()) as { status: string; processors: { name: string; state: string; lastErrorCode: string | null }[] };
  expect(health.status).toBe('degraded');
  expect(health.processors[0]).toMatchObject({ name: 'primary', state: 'down', lastErrorCode: 'NET_CONNECTION_REFUSED' });
});

test('failover: a TLS failure on the primary fails over (no byte was sent)', async () => {
  const bad = await tlsFake(serverTls('server-expired'));
  const secondary = await httpsFake((_req, res) => json(res, 200, stripeIntent('pi_secondary')));
  const gw = await gateway(gatewayConfig([processorConfig(bad.url, { name: 'primary' }), processorConfig(secondary.url, { name: 'secondary' })]));
  expect((await pay(gw)).body.processor).toBe('secondary');
  expect(bad.received.bytes).toBe(0);
});

for (const [what, status, body] of [
  ['a decline', 402, { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } }],
  ['a 503 (the request reached the processor)', 503, stripeError('api_error')],
] as const) {
  test(`failover: never after ${what}`, async () => {
    const primary = await httpsFake((_req, res) => json(res, status, body));
    const secondary = await httpsFake((_req, res) => json(res, 200, stripeIntent()));
    const gw = await gateway(gatewayConfig([processorConfig(primary.url, { name: 'primary' }), processorConfig(secondary.url, { name: 'secondary' })]), { clock: recordingClock() });
    const reply = await pay(gw);
    expect(reply.body.error.processor).toBe('primary');
    expect(secondary.requests).toHaveLength(0);
  });
}
