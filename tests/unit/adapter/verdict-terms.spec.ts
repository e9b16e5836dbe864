import { expect, test } from '@playwright/test';
import { getScenario, scenarios } from '../../../mocks/scenarios/index.ts';
import { notApplicable } from '../../harness/applicable.ts';
import { assess, NO_TERMS, type VerdictTerms } from '../../harness/assess.ts';
import type { Observation } from '../../harness/observation.ts';
import { classifyRow, countRows, summaryCounts } from '../../reporters/row-verdict.ts';

const wire = { paymentPath: '/v1/payment_intents', idempotencyHeader: 'idempotency-key' };
const expired = getScenario('tls.expired-leaf');
const answered = (code: string, over: Partial<Observation> = {}): Observation => {
  const payment = { status: 502, taken: false, code, body: '{}', elapsedMs: 40 };
  return {
    scenarioId: expired.id, driver: 'declarative', boot: { ok: true }, idempotencyKey: 'k1', payment, payments: [payment], webhooks: [],
    requests: [], committed: [], connections: 1, health: { name: 'stripe', state: 'down', code }, failures: { before: 0, after: 1 }, wireProblems: [], leaks: [], ...over,
  };
};
const coarse: VerdictTerms = { waive: [], coarse: [{ scenario: expired.id, code: 'TLS_HANDSHAKE_FAILED', reason: 'JSSE reports every chain problem alike' }] };

test('no terms: judge() unchanged', () => {
  expect(assess(expired, answered('TLS_CERT_EXPIRED'), wire, NO_TERMS)).toMatchObject({ verdict: 'honoured', line: 'tls.expired-leaf: honoured. Reproduce: npx gatecheck serve tls.expired-leaf' });
  expect(assess(expired, answered('TLS_HANDSHAKE_FAILED'), wire, NO_TERMS).verdict).toBe('breached');
});

test('a coarse code replaces the expected one and reads honoured (coarse: CODE) with its reason, never plain honoured', () => {
  expect(assess(expired, answered('TLS_HANDSHAKE_FAILED'), wire, coarse)).toMatchObject({
    verdict: 'coarse', code: 'TLS_HANDSHAKE_FAILED', line: 'tls.expired-leaf: honoured (coarse: TLS_HANDSHAKE_FAILED): JSSE reports every chain problem alike',
  });
});

test('a gateway that reports the specific code despite a coarse declaration is plainly honoured', () => {
  expect(assess(expired, answered('TLS_CERT_EXPIRED'), wire, coarse).verdict).toBe('honoured');
});

test('a coarse code still breaches what the gateway got wrong, and says it was judged coarse', () => {
  const sent = answered('TLS_HANDSHAKE_FAILED', { requests: [{ method: 'POST', path: '/v1/payment_intents', headers: {}, body: '', at: '' }] });
  const a = assess(expired, sent, wire, coarse);
  expect(a.verdict).toBe('breached');
  expect(a.line).toMatch(/^tls\.expired-leaf: \(coarse: TLS_HANDSHAKE_FAILED\) card data reached the processor/);
});

test('a scenario waiver drops every breach and reads waived: <reason>', () => {
  const terms: VerdictTerms = { coarse: [], waive: [{ scenario: expired.id, reason: 'legacy stack, tracked as PAY-1' }] };
  expect(assess(expired, answered('NET_CONNECTION_RESET', { health: { name: 'stripe', state: 'up', code: null } }), wire, terms)).toMatchObject({
    verdict: 'waived', reason: 'legacy stack, tracked as PAY-1', line: 'tls.expired-leaf: waived: legacy stack, tracked as PAY-1 (code, health)',
  });
});

test('a clause waiver drops only that clause: the rest still breaches', () => {
  const terms: VerdictTerms = { coarse: [], waive: [{ scenario: expired.id, clause: 'metrics', reason: 'no failure counter yet (PAY-2)' }] };
  expect(assess(expired, answered('TLS_CERT_EXPIRED', { failures: { before: 0, after: 0 } }), wire, terms)).toMatchObject({ verdict: 'waived', reason: 'no failure counter yet (PAY-2)' });
  const both = assess(expired, answered('TLS_HANDSHAKE_FAILED', { failures: { before: 0, after: 0 } }), wire, terms);
  expect(both.verdict).toBe('breached');
  expect(both.breaches.map((b) => b.clause)).toEqual(['code', 'health']);
});

test('a waiver for a scenario the gateway honours changes nothing: honoured', () => {
  const terms: VerdictTerms = { coarse: [], waive: [{ scenario: expired.id, reason: 'legacy stack, tracked as PAY-1' }] };
  expect(assess(expired, answered('TLS_CERT_EXPIRED'), wire, terms).verdict).toBe('honoured');
});

test('not applicable: a scenario needing a processor the gateway does not integrate, with the reason', () => {
  const processors = [{ profile: 'stripe' as const, name: 'card-main' }, { profile: 'visa' as const, name: 'visa' }];
  const adyen = scenarios.find((s) => s.processor.profile === 'adyen')!;
  expect(notApplicable(adyen, processors)).toBe('the gateway integrates stripe, visa; this scenario needs adyen');
  expect(notApplicable(expired, processors)).toBeNull();
});

test('rows: annotations and status give the verdict; the summary counts each kind', () => {
  const rows = [
    classifyRow('passed', [], true),
    classifyRow('passed', [{ type: 'verdict', description: 'honoured (coarse: TLS_HANDSHAKE_FAILED): JSSE' }], true),
    classifyRow('passed', [{ type: 'verdict', description: 'waived: PAY-1 legacy' }], true),
    classifyRow('skipped', [{ type: 'not-applicable', description: 'the gateway integrates stripe; this scenario needs adyen' }], false),
    classifyRow('failed', [], true),
    classifyRow('failed', [], false),
    classifyRow('timedOut', [], false),
  ];
  expect(rows).toEqual([
    { verdict: 'honoured', reason: null },
    { verdict: 'honoured (coarse)', reason: 'honoured (coarse: TLS_HANDSHAKE_FAILED): JSSE' },
    { verdict: 'waived', reason: 'PAY-1 legacy' },
    { verdict: 'not applicable', reason: 'the gateway integrates stripe; this scenario needs adyen' },
    { verdict: 'breached', reason: null },
    { verdict: 'error', reason: null },
    { verdict: 'error', reason: null },
  ]);
  expect(summaryCounts(countRows(rows))).toBe('1 honoured, 1 honoured (coarse), 1 waived, 1 not applicable, 1 breached, 2 harness errors');
});
