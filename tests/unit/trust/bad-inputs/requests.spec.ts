import { expect, test } from '@playwright/test';
import { closeAll, gateway, gatewayConfig, httpsFake, json, processorConfig, stripeIntent } from '../../gateway/helpers.ts';

/**
 * Deliver 6, payment and webhook requests: each malformed request gets its HTTP status, its code
 * and a first message line naming the field; no byte reaches the processor and nothing is left open.
 */
test.afterEach(closeAll);

const good = { amount: 1000, currency: 'EUR', source: '4242424242424242', reference: 'order-1' };
type Row = { name: string; body: string; key?: string | null; status: number; message: RegExp };
const payments: Row[] = [
  { name: 'not JSON', body: '{"amount":', status: 400, message: /^the body is not JSON$/ },
  { name: 'empty body', body: '', status: 400, message: /^the body is not JSON$/ },
  { name: 'an array', body: '[]', status: 400, message: /^invalid payment: body: / },
  { name: 'null', body: 'null', status: 400, message: /^invalid payment: body: / },
  { name: 'amount 0', body: JSON.stringify({ ...good, amount: 0 }), status: 400, message: /^invalid payment: amount: / },
  { name: 'negative amount', body: JSON.stringify({ ...good, amount: -5 }), status: 400, message: /^invalid payment: amount: / },
  { name: 'amount as a string', body: JSON.stringify({ ...good, amount: '1000' }), status: 400, message: /^invalid payment: amount: / },
  { name: 'amount too large', body: JSON.stringify({ ...good, amount: 1e13 }), status: 400, message: /^invalid payment: amount: / },
  { name: 'currency "ZZZ"', body: JSON.stringify({ ...good, currency: 'ZZZ' }), status: 400, message: /^invalid payment: currency: not an ISO 4217 currency code/ },
  { name: 'currency of two letters', body: JSON.stringify({ ...good, currency: 'EU' }), status: 400, message: /^invalid payment: currency: an ISO 4217 code/ },
  { name: 'currency as a number', body: JSON.stringify({ ...good, currency: 978 }), status: 400, message: /^invalid payment: currency: / },
  { name: 'card number too short', body: JSON.stringify({ ...good, source: '4242' }), status: 400, message: /^invalid payment: source: a card number: 12 to 19 digits/ },
  { name: 'card number failing Luhn', body: JSON.stringify({ ...good, source: '4242424242424241' }), status: 400, message: /^invalid payment: source: not a valid card number \(fails the Luhn check\)$/ },
  { name: 'card number with spaces', body: JSON.stringify({ ...good, source: '4242 4242 4242 4242' }), status: 400, message: /^invalid payment: source: / },
  { name: 'empty reference', body: JSON.stringify({ ...good, reference: '' }), status: 400, message: /^invalid payment: reference: / },
  { name: 'reference of 81 characters', body: JSON.stringify({ ...good, reference: 'r'.repeat(81) }), status: 400, message: /^invalid payment: reference: / },
  { name: 'no Idempotency-Key', body: JSON.stringify(good), key: null, status: 400, message: /^the Idempotency-Key header is required/ },
  { name: 'Idempotency-Key with a space', body: JSON.stringify(good), key: 'a b', status: 400, message: /^the Idempotency-Key header is required \(printable ASCII without spaces\)$/ },
  { name: 'Idempotency-Key of 256 characters', body: JSON.stringify(good), key: 'k'.repeat(256), status: 400, message: /^the Idempotency-Key header is required/ },
  { name: 'a body over 1 MB', body: JSON.stringify({ ...good, reference: 'x'.repeat(1_100_000) }), status: 413, message: /^request body larger than 1048576 bytes$/ },
];

for (const row of payments) {
  test(`bad payment: ${row.name} -> ${row.status} INVALID_REQUEST, nothing sent to the processor`, async () => {
    const fake = await httpsFake((_req, res) => json(res, 200, stripeIntent()));
    const gw = await gateway(gatewayConfig([processorConfig(fake.url)]));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (row.key !== null) headers['idempotency-key'] = row.key ?? 'k-bad-input';
    const res = await fetch(`${gw.url}/v1/payments`, { method: 'POST', headers, body: row.body });
    expect(res.status).toBe(row.status);
    const error = (await res.json()).error;
    expect(error.code).toBe('INVALID_REQUEST');
    expect(String(error.message).split('\n')[0]).toMatch(row.message);
    expect(fake.requests).toHaveLength(0);
  });
}

const WHSEC = 'whsec_gatecheck_bad_inputs';
type HookRow = { name: string; path: string; method?: string; headers: Record<string, string>; body: string; status: number; code: string };
const hooks: HookRow[] = [
  { name: 'no signature header', path: '/webhooks/stripe-main', headers: {}, body: '{"id":"evt_1"}', status: 400, code: 'WEBHOOK_MALFORMED' },
  { name: 'a garbled signature header', path: '/webhooks/stripe-main', headers: { 'stripe-signature': 'nonsense' }, body: '{"id":"evt_1"}', status: 400, code: 'WEBHOOK_MALFORMED' },
  { name: 'a wrong signature', path: '/webhooks/stripe-main', headers: { 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` }, body: '{"id":"evt_1"}', status: 400, code: 'WEBHOOK_SIGNATURE_INVALID' },
  { name: 'an unknown processor', path: '/webhooks/nope', headers: {}, body: '{}', status: 404, code: 'INVALID_REQUEST' },
  { name: 'GET instead of POST', path: '/webhooks/stripe-main', method: 'GET', headers: {}, body: '', status: 405, code: 'INVALID_REQUEST' },
];

for (const row of hooks) {
  test(`bad webhook: ${row.name} -> ${row.status} ${row.code}`, async () => {
    const gw = await gateway(gatewayConfig([processorConfig('https://localhost:9', { webhooks: { secrets: [WHSEC] } })]));
    const res = await fetch(`${gw.url}${row.path}`, { method: row.method ?? 'POST', headers: row.headers, ...(row.method === 'GET' ? {} : { body: row.body }) });
    expect(res.status).toBe(row.status);
    const error = (await res.json()).error;
    expect(error.code).toBe(row.code);
    expect(String(error.message).length).toBeGreaterThan(5);
    expect(JSON.stringify(error)).not.toContain(WHSEC);
  });
}
