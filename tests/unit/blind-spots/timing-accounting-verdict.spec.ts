import { expect, test } from '@playwright/test';
import { getScenario } from '../../../mocks/scenarios/index.ts';
import type { RequestRecord } from '../../../mocks/servers/records.ts';
import type { Observation } from '../../harness/observation.ts';
import { judge } from '../../harness/verdict.ts';

const wire = { paymentPath: '/v1/payment_intents', idempotencyHeader: 'idempotency-key' };
const attempt = (arrivedMs: number): RequestRecord => ({ method: 'POST', path: '/v1/payment_intents', headers: { 'idempotency-key': 'k1', authorization: 'Bearer x' }, body: 'amount=1000', at: '', arrivedMs });
const charge = { id: 'a', idempotencyKey: 'k1', amount: 1000, currency: 'EUR', reference: 'r', outcome: 'approved' as const };
const paid = (requests: RequestRecord[]): Observation => ({
  scenarioId: 'http.retry-after-honoured', driver: 'reference', boot: { ok: true }, idempotencyKey: 'k1',
  payment: { status: 201, taken: true, code: null, body: '{}', elapsedMs: 1100 }, payments: [{ status: 201, taken: true, code: null, body: '{}', elapsedMs: 1100 }], webhooks: [],
  requests, committed: [charge], connections: 1, health: { name: 'stripe', state: 'up', code: null }, failures: null, wireProblems: [], leaks: [],
});

test('a retry a second after Retry-After: 1 honours the scenario; a little early within the tolerance too', () => {
  expect(judge(getScenario('http.retry-after-honoured'), paid([attempt(100), attempt(1104)]), wire).pass).toBe(true);
  expect(judge(getScenario('http.retry-after-honoured'), paid([attempt(100), attempt(1070)]), wire).pass).toBe(true);
});

test('a retry 14 ms after Retry-After: 1 is a timing breach', () => {
  const verdict = judge(getScenario('http.retry-after-honoured'), paid([attempt(100), attempt(114)]), wire);
  expect(verdict.line).toBe('http.retry-after-honoured: retried after 14 ms (attempt 2); expected at least 1000 ms between attempts (Retry-After: 1 s). Reproduce: npx gatecheck serve http.retry-after-honoured');
});

test('attempts without arrival times are not judged on timing (a record from another source)', () => {
  const untimed = paid([attempt(100), attempt(114)]).requests.map(({ arrivedMs: _, ...r }) => r);
  expect(judge(getScenario('http.retry-after-honoured'), paid(untimed), wire).pass).toBe(true);
});

const declined = (accounting: Observation['accounting']): Observation => ({
  ...paid([attempt(0)]), scenarioId: 'http.business-decline', committed: [{ ...charge, outcome: 'declined' }],
  payment: { status: 402, taken: false, code: 'PAYMENT_DECLINED', body: '{}', elapsedMs: 30 }, payments: [{ status: 402, taken: false, code: 'PAYMENT_DECLINED', body: '{}', elapsedMs: 30 }],
  failures: { before: 0, after: 0 }, ...(accounting ? { accounting } : {}),
});

test('a decline with the failure counter flat and the declined counter up honours the books', () => {
  expect(judge(getScenario('http.business-decline'), declined({ failures: { before: 3, after: 3 }, declined: { before: 0, after: 1 } }), wire).pass).toBe(true);
});

test('a decline counted as a failure, and not as a decline, is a metrics breach', () => {
  const verdict = judge(getScenario('http.business-decline'), declined({ failures: { before: 0, after: 1 }, declined: { before: 0, after: 0 } }), wire);
  expect(verdict.line).toBe('http.business-decline: counted the PAYMENT_DECLINED as a processor failure (failure counter 0 -> 1); left the declined outcome counter at 0; expected the failure counter flat for a business outcome; the outcome counter to count the decline. Reproduce: npx gatecheck serve http.business-decline');
});

test('counters the driver cannot read are not judged (null), and outages are not judged as business outcomes', () => {
  expect(judge(getScenario('http.business-decline'), declined({ failures: null, declined: null }), wire).pass).toBe(true);
  expect(judge(getScenario('http.business-decline'), declined(undefined), wire).pass).toBe(true);
});
