import { expect, test } from '@playwright/test';
import { getScenario } from '../../mocks/scenarios/index.ts';
import type { Observation } from '../harness/observation.ts';
import { judge } from '../harness/verdict.ts';

const wire = { paymentPath: '/v1/payment_intents', idempotencyHeader: 'idempotency-key' };
const request = { method: 'POST', path: '/v1/payment_intents', headers: { 'idempotency-key': 'k1' }, body: 'amount=1000', at: '' };

const rejected = (over: Partial<Observation> = {}): Observation => withPayments({
  scenarioId: 'tls.expired-leaf', driver: 'reference', boot: { ok: true }, idempotencyKey: 'k1',
  payment: { status: 502, taken: false, code: 'TLS_CERT_EXPIRED', body: '{}', elapsedMs: 40 }, payments: [], webhooks: [],
  requests: [], committed: [], connections: 1, health: { name: 'stripe', state: 'down', code: 'TLS_CERT_EXPIRED' },
  failures: { before: 0, after: 1 }, wireProblems: [], leaks: [], ...over,
});
const withPayments = (o: Observation): Observation => ({ ...o, payments: o.payments.length || !o.payment ? o.payments : [o.payment] });

test('a gateway that does everything right honours the scenario', () => {
  expect(judge(getScenario('tls.expired-leaf'), rejected(), wire).pass).toBe(true);
});

// Messages are pinned word for word: they are what on-call reads.
const breaches: [string, Partial<Observation>, string][] = [
  [
    'payment sent over an expired certificate',
    { payment: { status: 201, taken: true, code: null, body: '{}', elapsedMs: 30 }, requests: [request], health: { name: 'stripe', state: 'up', code: null }, failures: { before: 0, after: 0 } },
    'tls.expired-leaf: payment sent (201) though the processor presented an expired certificate (or one in its chain expired); card data reached the processor (1 request(s)); /health showed the processor up with no error code; the TLS_CERT_EXPIRED failure counter stayed at 0; expected TLS_CERT_EXPIRED and no request; /health down with TLS_CERT_EXPIRED; the failure counter for TLS_CERT_EXPIRED to go up. Reproduce: npx gatecheck serve tls.expired-leaf',
  ],
  [
    'a generic code',
    { payment: { status: 502, taken: false, code: 'TLS_HANDSHAKE_FAILED', body: '{}', elapsedMs: 30 }, health: { name: 'stripe', state: 'down', code: 'TLS_HANDSHAKE_FAILED' } },
    'tls.expired-leaf: answered 502 TLS_HANDSHAKE_FAILED; /health showed the processor down with TLS_HANDSHAKE_FAILED; expected TLS_CERT_EXPIRED (the processor presented an expired certificate (or one in its chain expired)); /health down with TLS_CERT_EXPIRED. Reproduce: npx gatecheck serve tls.expired-leaf',
  ],
  [
    'a retried TLS failure, too slow, leaking the card',
    { connections: 3, payment: { status: 502, taken: false, code: 'TLS_CERT_EXPIRED', body: '4242424242424242', elapsedMs: 2600 }, leaks: ['card number in payment response'] },
    'tls.expired-leaf: answered after 2600 ms; opened 3 connections; leaked the card number in payment response; expected an answer within 2000 ms; a single attempt; no secret or card number anywhere. Reproduce: npx gatecheck serve tls.expired-leaf',
  ],
];

for (const [name, over, line] of breaches) {
  test(`breach: ${name}`, () => {
    const verdict = judge(getScenario('tls.expired-leaf'), rejected(over), wire);
    expect(verdict.pass).toBe(false);
    expect(verdict.line).toBe(line);
  });
}

test('a boot refusal with the wrong code names both codes', () => {
  const verdict = judge(getScenario('mtls.client-key-mismatch'), rejected({ boot: { ok: false, code: 'CONFIG_INVALID', message: 'bad' }, payment: null }), wire);
  expect(verdict.line).toBe('mtls.client-key-mismatch: refused to start with CONFIG_INVALID (bad); expected a refusal to start with CONFIG_CLIENT_KEY_MISMATCH. Reproduce: npx gatecheck serve mtls.client-key-mismatch');
});

test('a good path that double-charges is breached', () => {
  const verdict = judge(getScenario('tls.good-chain'), rejected({
    payment: { status: 201, taken: true, code: null, body: '{}', elapsedMs: 30 }, requests: [request, request],
    committed: [{ id: 'a', idempotencyKey: 'k1', amount: 1000, currency: 'EUR', reference: 'r', outcome: 'approved' }, { id: 'b', idempotencyKey: 'k2', amount: 1000, currency: 'EUR', reference: 'r', outcome: 'approved' }],
    health: { name: 'stripe', state: 'up', code: null }, failures: null,
  }), wire);
  expect(verdict.line).toBe('tls.good-chain: charged 2 times; expected at most one charge. Reproduce: npx gatecheck serve tls.good-chain');
});

test('a good path answered only after its time bound is breached (a dripped answer waited for, not timed out)', () => {
  const verdict = judge(getScenario('network.slow-drip-then-replay'), rejected({
    scenarioId: 'network.slow-drip-then-replay', payment: { status: 201, taken: true, code: null, body: '{}', elapsedMs: 5230 }, requests: [request],
    committed: [{ id: 'a', idempotencyKey: 'k1', amount: 1000, currency: 'EUR', reference: 'r', outcome: 'approved' }],
    health: { name: 'stripe', state: 'up', code: null }, failures: null,
  }), wire);
  expect(verdict.line).toBe('network.slow-drip-then-replay: answered after 5230 ms; expected an answer within 2500 ms. Reproduce: npx gatecheck serve network.slow-drip-then-replay');
});

// The time clause judges the waiting policy: a cold gateway's TLS handshakes (each up to its bound) are not counted.
const timedOut = (elapsedMs: number, handshakeMs: number) => rejected({
  scenarioId: 'network.latency-beyond-bound', connections: 3, requests: [request, request, request], handshakeMs,
  payment: { status: 504, taken: false, code: 'NET_RESPONSE_TIMEOUT', body: '{}', elapsedMs },
  health: { name: 'stripe', state: 'down', code: 'NET_RESPONSE_TIMEOUT' }, failures: { before: 0, after: 3 },
});

test('time spent in TLS handshakes is not counted against the bound (a cold JVM on a loaded machine)', () => {
  expect(judge(getScenario('network.latency-beyond-bound'), timedOut(4119, 812), wire).pass).toBe(true);
  expect(judge(getScenario('network.latency-beyond-bound'), timedOut(4119, 0), wire).line)
    .toBe('network.latency-beyond-bound: answered after 4119 ms; expected an answer within 4000 ms. Reproduce: npx gatecheck serve network.latency-beyond-bound');
});

test('a gateway slower than its bound even without its handshakes is breached, and the line says what was not counted', () => {
  expect(judge(getScenario('network.latency-beyond-bound'), timedOut(5600, 900), wire).line)
    .toBe('network.latency-beyond-bound: answered after 5600 ms (900 ms of it in TLS handshakes, not counted); expected an answer within 4000 ms. Reproduce: npx gatecheck serve network.latency-beyond-bound');
});
