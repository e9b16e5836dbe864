import { expect, test } from '@playwright/test';
import { cert, closeAll, gateway, gatewayConfig, getJson, httpsFake, json, key, pay, processorConfig, serverTls, stripeIntent, tlsFake } from './helpers.ts';

test.afterEach(closeAll);

const decline = { error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' } };
const once = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 };

test('health: unknown before any observation, up after a payment, with certificate expiry', async () => {
  const fake = await httpsFake((_req, res) => json(res, 200, stripeIntent()));
  const gw = await gateway(gatewayConfig([processorConfig(fake.url, { tls: { certFile: cert('client-good'), keyFile: key('client-good') } })]));
  const before = await getJson(`${gw.url}/health`);
  expect(before.status).toBe(200);
  expect(before.body.processors[0]).toMatchObject({ name: 'stripe-main', profile: 'stripe', state: 'unknown', lastErrorCode: null, checkedAt: null, certificate: null });
  expect(before.body.processors[0].clientCertificate).toMatchObject({ subject: expect.stringContaining('CN=gateway.merchant.test') });
  await pay(gw);
  const after = await getJson(`${gw.url}/health`);
  expect(after.body.status).toBe('ok');
  const p = after.body.processors[0];
  expect(p).toMatchObject({ state: 'up', lastErrorCode: null });
  expect(Date.parse(p.checkedAt)).toBeGreaterThan(0);
  expect(p.certificate.subject).toContain('CN=localhost');
  expect(p.certificate.daysUntilExpiry).toBeGreaterThan(300);
  expect(p.clientCertificate.daysUntilExpiry).toBeGreaterThan(300);
});

test('health: a failed payment marks the processor down with its code (503); a decline does not', async () => {
  const good = await httpsFake((_req, res) => json(res, 402, decline));
  const bad = await tlsFake(serverTls('server-wrong-host'));
  const gw = await gateway(gatewayConfig([processorConfig(bad.url, { name: 'bad', retry: once }), processorConfig(good.url, { name: 'good' })]));
  const reply = await pay(gw);
  expect(reply.body.error).toMatchObject({ code: 'PAYMENT_DECLINED', processor: 'good' });
  const health = await getJson(`${gw.url}/health`);
  expect(health.status).toBe(503);
  expect(health.body.status).toBe('degraded');
  expect(health.body.processors).toMatchObject([{ name: 'bad', state: 'down', lastErrorCode: 'TLS_HOSTNAME_MISMATCH' }, { name: 'good', state: 'up', lastErrorCode: null }]);
});

test('health: every processor down -> "down"', async () => {
  const bad = await tlsFake(serverTls('server-self-signed'));
  const gw = await gateway(gatewayConfig([processorConfig(bad.url)]));
  await pay(gw);
  const health = await getJson(`${gw.url}/health`);
  expect(health).toMatchObject({ status: 503, body: { status: 'down' } });
});

test('health: the probe runs at start and on demand, and reports the code', async () => {
  const bad = await tlsFake(serverTls('server-expired'));
  const good = await httpsFake((_req, res) => json(res, 200, stripeIntent()));
  const gw = await gateway(gatewayConfig([processorConfig(bad.url, { name: 'bad' }), processorConfig(good.url, { name: 'good' })], { health: { probeOnStart: false, probeIntervalMs: 0 } }));
  const probed = await getJson(`${gw.url}/health?probe=true`);
  expect(probed.body.processors).toMatchObject([
    { name: 'bad', state: 'down', lastErrorCode: 'TLS_CERT_EXPIRED' },
    { name: 'good', state: 'up', lastErrorCode: null, certificate: { subject: expect.stringContaining('localhost') } },
  ]);
  expect(good.requests).toHaveLength(0); // a probe is a handshake, never an HTTP request
  expect(bad.received.bytes).toBe(0);
});

test('health: the periodic probe updates the state on its own', async () => {
  const good = await httpsFake((_req, res) => json(res, 200, stripeIntent()));
  const gw = await gateway(gatewayConfig([processorConfig(good.url)], { health: { probeOnStart: true, probeIntervalMs: 100 } }));
  await expect.poll(async () => (await getJson(`${gw.url}/health`)).body.processors[0].state).toBe('up');
});

test('metrics: requests by outcome, failures by code, handshake failures, latency histogram, expiry gauges', async () => {
  let answer = 0;
  const fake = await httpsFake((_req, res) => (answer++ === 0 ? json(res, 200, stripeIntent()) : json(res, 402, decline)));
  const bad = await tlsFake(serverTls('server-not-yet-valid'));
  const gw = await gateway(gatewayConfig([
    processorConfig(fake.url, { name: 'main', tls: { certFile: cert('client-good'), keyFile: key('client-good') } }),
    processorConfig(bad.url, { name: 'other', retry: once }),
  ]));
  await pay(gw);
  await pay(gw);
  await fetch(`${gw.url}/health?probe=true`);
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  expect(text).toContain('gateway_processor_requests_total{processor="main",outcome="succeeded"} 1');
  expect(text).toContain('gateway_processor_requests_total{processor="main",outcome="declined"} 1');
  expect(text).toContain('gateway_tls_handshake_failures_total{processor="other",reason="TLS_CERT_NOT_YET_VALID"} 1');
  expect(text).toMatch(/gateway_processor_request_duration_seconds_bucket\{processor="main",le="\+Inf"\} 2/);
  expect(text).toMatch(/gateway_processor_request_duration_seconds_count\{processor="main"\} 2/);
  expect(text).toMatch(/gateway_processor_request_duration_seconds_sum\{processor="main"\} [\d.e-]+/);
  expect(text).toMatch(/gateway_certificate_expiry_days\{processor="main",kind="server"\} 3\d\d/);
  expect(text).toMatch(/gateway_certificate_expiry_days\{processor="main",kind="client"\} 3\d\d/);
  expect(text).toContain('# TYPE gateway_processor_request_duration_seconds histogram');
});

test('metrics: a failed payment counts its code', async () => {
  const bad = await tlsFake(serverTls('server-client-eku'));
  const gw = await gateway(gatewayConfig([processorConfig(bad.url)]));
  await pay(gw);
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  expect(text).toContain('gateway_processor_failures_total{processor="stripe-main",code="TLS_CERT_WRONG_PURPOSE"} 1');
  expect(text).toContain('gateway_processor_requests_total{processor="stripe-main",outcome="failed"} 1');
});
