import { expect, test } from '@playwright/test';
import { getScenario } from '../../../mocks/scenarios/index.ts';
import type { Observation } from '../../harness/observation.ts';
import { encodingsOf, findLeaks, secretsOf } from '../../harness/secrets.ts';
import { judge } from '../../harness/verdict.ts';
import type { ProcessorConfig } from '../../drivers/driver.ts';

/** Deliver 4: the leak and replay clauses, judged on what leaks and what the processor recorded. */

const visa = { name: 'visa-main', profile: 'visa', baseUrl: 'https://127.0.0.1:1', credentials: { username: 'gatecheck-visa-user', password: 'gatecheck-visa-pass' } } as ProcessorConfig;
const secrets = secretsOf([visa], ['4242424242424242']);

test('regression: Visa Basic credentials logged as base64 were not found (secrets were searched verbatim only)', () => {
  const header = `authorization: Basic ${Buffer.from('gatecheck-visa-user:gatecheck-visa-pass').toString('base64')}`;
  expect(findLeaks(secrets, { logs: header })).toEqual(['visa-main Basic credentials (username:password) in logs, base64']);
});

test('secrets are found URL-encoded, JSON-escaped and base64 (padding or not), and plain text stays clean', () => {
  const tricky = { label: 'key', value: 'sk_test/with+"quote"&more' };
  expect(findLeaks([tricky], { q: `?key=${encodeURIComponent(tricky.value)}` })).toEqual(['key in q, URL-encoded']);
  expect(findLeaks([tricky], { j: JSON.stringify({ k: tricky.value }) })).toEqual(['key in j, JSON-escaped']);
  expect(findLeaks([tricky], { b: `x${Buffer.from(tricky.value).toString('base64')}y` })).toEqual(['key in b, base64']);
  expect(findLeaks(secrets, { logs: 'payment succeeded for card ************4242' })).toEqual([]);
  expect(encodingsOf('short').map((f) => f.form)).toEqual(['']);
});

const base = (scenarioId: string, payments: { status: number; body: string }[], committed: string[]): Observation => ({
  scenarioId, driver: 'x', boot: { ok: true }, idempotencyKey: 'k',
  payments: payments.map((p) => ({ ...p, taken: p.status < 300, code: null, elapsedMs: 10 })), payment: { ...payments.at(-1)!, taken: payments.at(-1)!.status < 300, code: null, elapsedMs: 10 },
  webhooks: [], requests: [], connections: 1, health: { name: 'p', state: 'up', code: null }, failures: null, wireProblems: [], leaks: [],
  committed: committed.map((id) => ({ id, idempotencyKey: 'k', amount: 1000, currency: 'EUR', reference: 'r', outcome: 'approved' })) as unknown as Observation['committed'],
});

test('regression: the replay clause read processorReference only; now any answer shape is held to the charge the processor recorded', () => {
  const scenario = getScenario('http.idempotent-replay');
  const wire = { paymentPath: '/x', idempotencyHeader: 'idempotency-key' };
  // An answer shape with no processorReference field: the first names the processor's charge, the repeat invents another.
  const fabricated = base(scenario.id, [{ status: 201, body: '{"chargeId":"pi_real_1"}' }, { status: 201, body: '{"chargeId":"ref_new_2"}' }], ['pi_real_1']);
  expect(judge(scenario, fabricated, wire).line).toMatch(/answered a repeated payment without the charge the processor recorded \(pi_real_1\)/);
  const replayed = base(scenario.id, [{ status: 201, body: '{"chargeId":"pi_real_1"}' }, { status: 201, body: '{"chargeId":"pi_real_1"}' }], ['pi_real_1']);
  expect(judge(scenario, replayed, wire).pass).toBe(true);
  const twice = base(scenario.id, [{ status: 201, body: '{}' }, { status: 201, body: '{}' }], ['pi_1', 'pi_2']);
  expect(judge(scenario, twice, wire).line).toMatch(/charged 2 times/);
});
