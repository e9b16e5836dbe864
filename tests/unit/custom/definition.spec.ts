import { expect, test } from '@playwright/test';
import { ProjectConfig } from '../../../config/schema.ts';
import { authHeaders, parseCustomProcessor } from '../../../mocks/custom/definition.ts';
import { customScenarios, TRANSPORT_FAMILIES } from '../../../mocks/custom/scenarios.ts';
import { scenarios } from '../../../mocks/scenarios/index.ts';
import { fillTemplate } from '../../../gateway/processors/custom.ts';
import { sampleProcessor } from './helpers.ts';

const rules = async () => {};

test('a definition names the processor and every failing field, with the fix', () => {
  expect(() => parseCustomProcessor({ name: 'Mobile Money', auth: { scheme: 'bearer' }, payment: { path: 'transfers' }, answers: { approved: [402] }, rules: 'x' })).toThrow(
    /custom processor "Mobile Money" is invalid: name: .*auth.*payment.path: a path such as \/transfers.*answers.approved.0.*rules: a function \(server: Mockttp\)/,
  );
  expect(() => sampleProcessor(rules, { answers: { approved: [201], declined: [201] } })).toThrow(/answers.declined: status 201 cannot mean both approved and declined/);
});

test('auth schemes become the headers the gateway sends', () => {
  const p = sampleProcessor(rules, { auth: [{ scheme: 'api-key', header: 'x-api-key', key: 'k' }, { scheme: 'bearer', token: 't' }] });
  expect(authHeaders(p)).toEqual({ 'x-api-key': 'k', authorization: 'Bearer t' });
  expect(authHeaders(sampleProcessor(rules, { auth: { scheme: 'basic', username: 'u', password: 'p' } }))).toEqual({ authorization: `Basic ${Buffer.from('u:p').toString('base64')}` });
  expect(authHeaders(sampleProcessor(rules, { auth: { scheme: 'none' } }))).toEqual({});
});

test('gatecheck.config takes { name, custom } beside built-in profiles', () => {
  const config = ProjectConfig.parse({
    processors: ['stripe', { name: 'acme', custom: { auth: { scheme: 'none' }, payment: { path: '/pay', body: {} }, answers: { approved: [200] }, rules } }],
  });
  expect(config.processors[1]).toMatchObject({ name: 'acme', custom: { name: 'acme', basePath: '', scenarios: [] } });
});

test('every tls, mtls and network scenario is re-targeted under the processor name, then its own, the catalogue untouched', () => {
  const before = scenarios.map((s) => s.id);
  const p = sampleProcessor(rules, {
    scenarios: [{ name: 'insufficient-balance', title: 'Insufficient balance is a decline', rules: async () => {}, expect: { outcome: 'rejected', code: 'PAYMENT_DECLINED' } }],
  });
  const runs = customScenarios([p]);
  const transport = scenarios.filter((s) => TRANSPORT_FAMILIES.includes(s.family));
  expect(runs.map((r) => r.scenario.id)).toEqual([...transport.map((s) => `acme/${s.id}`), 'acme/http.insufficient-balance']);
  expect(runs.at(-1)!.scenario.expect).toMatchObject({ outcome: 'rejected', code: 'PAYMENT_DECLINED', retryable: false, paymentSent: true, health: 'up' });
  expect(runs.at(-1)!.rules).not.toBe(p.rules);
  expect(runs[0]!.rules).toBe(p.rules);
  expect(scenarios.map((s) => s.id)).toEqual(before);
});

test("the gateway's body template fills placeholders; a lone {amount} stays a number", () => {
  const payment = { amount: 1000, currency: 'EUR', source: '4242', reference: 'r-1' };
  expect(fillTemplate({ amount: { value: '{amount}', text: 'EUR {amount}' }, who: ['{source}'], ref: '{reference}/{idempotencyKey}', n: 3 }, payment, 'k')).toEqual({
    amount: { value: 1000, text: 'EUR 1000' }, who: ['4242'], ref: 'r-1/k', n: 3,
  });
});
