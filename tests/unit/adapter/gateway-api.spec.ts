import { expect, test } from '@playwright/test';
import { DeclarativeGateway } from '../../../config/schema.ts';
import { readHealth } from '../../drivers/health-reading.ts';
import { codeMapper, locate, pointerGet } from '../../drivers/locate.ts';
import { countFailures, parseSamples } from '../../drivers/metrics-reading.ts';
import { paymentRequest } from '../../drivers/payment-request.ts';

const gateway = (over: Record<string, unknown> = {}) => DeclarativeGateway.parse({ command: 'x', payment: { path: '/api/charges', body: {} }, ...over });
const identity = codeMapper({});

test('JSON pointers (RFC 6901) and patterns find the error code', () => {
  expect(pointerGet({ a: [{ 'b/c': { '~d': 1 } }] }, '/a/0/b~1c/~0d')).toBe(1);
  expect(pointerGet({ a: 1 }, '')).toEqual({ a: 1 });
  expect(locate({ pointer: '/failure/reason' }, '{"failure":{"reason":"CERT_EXPIRED"}}')).toBe('CERT_EXPIRED');
  expect(locate({ pointer: '/error/code' }, '\uFEFF{"error":{"code":"X"}}')).toBe('X');
  expect(locate({ pointer: '/error/code' }, '<html>502</html>')).toBeNull();
  expect(locate({ pointer: '/error' }, '{"error":{"code":"X"}}')).toBeNull();
  expect(locate({ pattern: '<code>([A-Z_]+)</code>' }, '<fault><code>PSP_DOWN</code></fault>')).toBe('PSP_DOWN');
  expect(locate({ pattern: 'code=(\\w+)' }, 'nothing here')).toBeNull();
});

test('the code map translates the gateway\'s codes; an unmapped code is kept as it is', () => {
  const map = codeMapper({ CERT_EXPIRED: 'TLS_CERT_EXPIRED' });
  expect(map('CERT_EXPIRED')).toBe('TLS_CERT_EXPIRED');
  expect(map('SOMETHING_ELSE')).toBe('SOMETHING_ELSE');
  expect(map('toString')).toBe('toString');
});

test('health: an array of named entries (the reference gateway)', () => {
  const body = JSON.stringify({ processors: [{ name: 'stripe', state: 'down', lastErrorCode: 'TLS_CERT_EXPIRED' }, { name: 'visa', state: 'unknown', lastErrorCode: null }] });
  expect(readHealth(body, gateway().health, identity)).toEqual([{ name: 'stripe', state: 'down', code: 'TLS_CERT_EXPIRED' }, { name: 'visa', state: 'unknown', code: null }]);
});

test('health: an object keyed by name, boolean states, mapped codes, nested pointers', () => {
  const shape = gateway({ health: { path: '/healthz', processors: '/checks/psps', state: '/ok', code: '/last/reason', up: ['true'], down: ['false'] } }).health;
  const body = JSON.stringify({ checks: { psps: { 'card-main': { ok: false, last: { reason: 'CERT_EXPIRED' } }, acquirer: { ok: true }, other: { ok: null } } } });
  expect(readHealth(body, shape, codeMapper({ CERT_EXPIRED: 'TLS_CERT_EXPIRED' }))).toEqual([
    { name: 'card-main', state: 'down', code: 'TLS_CERT_EXPIRED' },
    { name: 'acquirer', state: 'up', code: null },
    { name: 'other', state: 'unknown', code: null },
  ]);
  expect(readHealth('not json', shape, identity)).toEqual([]);
});

test('metrics: labels in any order, escaped values, other series ignored, summed over processors', () => {
  const text = [
    '# HELP shop_psp_errors_total failures', '# TYPE shop_psp_errors_total counter',
    'shop_psp_errors_total{reason="CERT_EXPIRED",psp="card-main"} 2',
    'shop_psp_errors_total{psp="visa",reason="CERT_EXPIRED"} 1 1700000000000',
    'shop_psp_errors_total{psp="visa",reason="NETWORK"} 5',
    'shop_psp_errors_total_created{psp="visa",reason="CERT_EXPIRED"} 1.7e9',
    'shop_psp_requests_total{psp="visa"} 9',
    'odd_total{note="a \\"quoted\\" value",reason="CERT_EXPIRED"} 4',
  ].join('\n');
  expect(countFailures(text, 'shop_psp_errors_total', 'reason', 'TLS_CERT_EXPIRED', codeMapper({ CERT_EXPIRED: 'TLS_CERT_EXPIRED' }))).toBe(3);
  expect(countFailures(text, 'shop_psp_errors_total', 'code', 'NETWORK', identity)).toBe(0);
  expect(parseSamples(text).find((s) => s.name === 'odd_total')?.labels.note).toBe('a "quoted" value');
});

test('the payment request: placeholders in path, headers and a JSON body ("{amount}" stays a number) or a text body', () => {
  const payment = { amount: 1000, currency: 'EUR', source: '4242424242424242', reference: 'gatecheck-tls.good-chain' };
  const json = paymentRequest(gateway({ payment: { path: '/api/charges', headers: { 'x-request-id': '{idempotencyKey}' }, body: { amount_cents: '{amount}', money: '{amountDecimal} {currency}', card: { number: '{card}' }, ids: ['{reference}'] } } }).payment, payment, 'k-1');
  expect(json).toEqual({ method: 'POST', path: '/api/charges', headers: { 'x-request-id': 'k-1' }, body: JSON.stringify({ amount_cents: 1000, money: '10.00 EUR', card: { number: '4242424242424242' }, ids: ['gatecheck-tls.good-chain'] }) });
  const form = paymentRequest(gateway({ payment: { method: 'PUT', path: '/charges/{reference}', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'amount={amount}&card={card}' } }).payment, payment, 'k-1');
  expect(form).toMatchObject({ method: 'PUT', path: '/charges/gatecheck-tls.good-chain', body: 'amount=1000&card=4242424242424242' });
});
