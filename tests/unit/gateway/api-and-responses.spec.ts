import { expect, test } from '@playwright/test';
import { closeAll, gateway, gatewayConfig, httpsFake, json, pay, processorConfig, stripeIntent } from './helpers.ts';

test.afterEach(closeAll);

const once = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 };

async function post(url: string, body: string, headers: Record<string, string> = { 'idempotency-key': 'k1' }) {
  const res = await fetch(`${url}/v1/payments`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

test('api: Idempotency-Key is required', async () => {
  const fake = await httpsFake((_req, res) => json(res, 200, stripeIntent()));
  const gw = await gateway(gatewayConfig([processorConfig(fake.url)]));
  const reply = await pay(gw, { key: null });
  expect(reply.status).toBe(400);
  expect(reply.body.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('Idempotency-Key') });
  expect(fake.requests).toHaveLength(0);
});

const invalid: [string, string, RegExp][] = [
  ['not JSON', '{"amount":', /not JSON/],
  ['amount with decimals', JSON.stringify({ amount: 10.5, currency: 'EUR', source: '4242424242424242', reference: 'r' }), /amount/],
  ['card number with letters', JSON.stringify({ amount: 1000, currency: 'EUR', source: '4242abcd', reference: 'r' }), /source/],
  ['currency not ISO', JSON.stringify({ amount: 1000, currency: 'EURO', source: '4242424242424242', reference: 'r' }), /currency/],
  ['no reference', JSON.stringify({ amount: 1000, currency: 'EUR', source: '4242424242424242' }), /reference/],
];

for (const [what, body, names] of invalid) {
  test(`api: ${what} -> 400 naming the field`, async () => {
    const gw = await gateway(gatewayConfig([processorConfig('https://localhost:9')]));
    const reply = await post(gw.url, body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('INVALID_REQUEST');
    expect(reply.body.error.message).toMatch(names);
    expect(JSON.stringify(reply.body)).not.toContain('4242424242424242');
  });
}

test('api: unknown route -> 404', async () => {
  const gw = await gateway(gatewayConfig([processorConfig('https://localhost:9')]));
  expect((await fetch(`${gw.url}/v2/nothing`)).status).toBe(404);
});

type Answer = { status: number; contentType: string; body: string };
const html = (status: number): Answer => ({ status, contentType: 'text/html', body: '<html><body><h1>Bad Gateway</h1>cloudflare</body></html>' });
const intent = JSON.stringify(stripeIntent('pi_bom'));
const answers: [string, Answer, number, string | null][] = [
  ['HTML page with 200', html(200), 502, 'PROCESSOR_BAD_RESPONSE'],
  ['HTML error page from an edge proxy (502)', html(502), 503, 'PROCESSOR_UNAVAILABLE'],
  ['200 with an error body', { status: 200, contentType: 'application/json', body: '{"error":{"type":"api_error","message":"oops"}}' }, 502, 'PROCESSOR_BAD_RESPONSE'],
  ['200 that breaks the schema (status missing)', { status: 200, contentType: 'application/json', body: '{"id":"pi_1","object":"payment_intent","amount":1000,"currency":"eur"}' }, 502, 'PROCESSOR_BAD_RESPONSE'],
  ['200 with a non-final status', { status: 200, contentType: 'application/json', body: intent.replace('"succeeded"', '"requires_action"') }, 502, 'PROCESSOR_BAD_RESPONSE'],
  ['empty 200', { status: 200, contentType: 'application/json', body: '' }, 502, 'PROCESSOR_BAD_RESPONSE'],
  ['truncated JSON', { status: 200, contentType: 'application/json', body: intent.slice(0, 20) }, 502, 'PROCESSOR_BAD_RESPONSE'],
  ['valid JSON after a UTF-8 BOM', { status: 200, contentType: 'application/json', body: `\uFEFF${intent}` }, 201, null],
  ['unexpected 404', { status: 404, contentType: 'application/json', body: '{"error":{"type":"invalid_request_error","message":"Unrecognized request URL"}}' }, 502, 'PROCESSOR_BAD_RESPONSE'],
];

for (const [what, answer, status, code] of answers) {
  test(`response: ${what} -> ${code ?? 'success'}`, async () => {
    const fake = await httpsFake((_req, res) => {
      res.writeHead(answer.status, { 'content-type': answer.contentType });
      res.end(answer.body);
    });
    const gw = await gateway(gatewayConfig([processorConfig(fake.url, { retry: once })]));
    const reply = await pay(gw);
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    if (code) expect(reply.body.error.code).toBe(code);
    else expect(reply.body).toMatchObject({ status: 'succeeded', processorReference: 'pi_bom' });
  });
}

test('response: a replayed key answers with the same gateway payment id', async () => {
  const fake = await httpsFake((_req, res) => json(res, 200, stripeIntent('pi_same'), { 'idempotent-replayed': 'true' }));
  const gw = await gateway(gatewayConfig([processorConfig(fake.url)]));
  const first = await pay(gw, { key: 'same-key' });
  const second = await pay(gw, { key: 'same-key' });
  expect(first.body.id).toMatch(/^pay_[0-9a-f]{24}$/);
  expect(second.body.id).toBe(first.body.id);
});
