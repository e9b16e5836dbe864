import { expect, test } from '@playwright/test';
import { getScenario } from '../../../mocks/scenarios/index.ts';
import type { Observation, ProcessorFacts } from '../../harness/observation.ts';
import { judge } from '../../harness/verdict.ts';

const wire = { paymentPath: '/v1/payment_intents', idempotencyHeader: 'idempotency-key' };
const facts = (over: Partial<ProcessorFacts>): ProcessorFacts => ({
  role: 'primary', name: 'stripe', profile: 'stripe', paymentRequests: 0, idempotencyKeys: [], charges: 0,
  health: { name: 'stripe', state: 'down', code: 'NET_CONNECTION_REFUSED' }, ownClientCert: null, clientCertsPresented: [], foreignSecrets: [], ...over,
});
const failedOver = (topology: ProcessorFacts[], over: Partial<Observation> = {}): Observation => ({
  scenarioId: 'failover.connect-refused-primary', driver: 'reference', boot: { ok: true }, idempotencyKey: 'k1',
  payment: { status: 201, taken: true, code: null, body: '{}', elapsedMs: 40 }, payments: [{ status: 201, taken: true, code: null, body: '{}', elapsedMs: 40 }], webhooks: [],
  requests: [], committed: [], connections: 3, health: topology[0]!.health, failures: null, wireProblems: [], leaks: [], topology, ...over,
});
const primaryDown = facts({});
const visaTookIt = facts({ role: 'secondary', name: 'visa', profile: 'visa', paymentRequests: 1, idempotencyKeys: ['k1'], charges: 1, health: { name: 'visa', state: 'up', code: null }, ownClientCert: 'CN=gateway.merchant.test', clientCertsPresented: ['CN=gateway.merchant.test'] });

test('a failover taken once at the secondary, primary down with its code, honours the scenario', () => {
  expect(judge(getScenario('failover.connect-refused-primary'), failedOver([primaryDown, visaTookIt]), wire).pass).toBe(true);
});

// Messages are pinned word for word: they are what on-call reads.
const breaches: [string, string, ProcessorFacts[], string][] = [
  [
    'a charge at both processors after a written request',
    'failover.reset-after-commit-primary',
    [facts({ paymentRequests: 3, idempotencyKeys: ['k1'], charges: 1, health: { name: 'stripe', state: 'down', code: 'NET_CONNECTION_RESET' } }), facts({ role: 'secondary', name: 'stripe-secondary', paymentRequests: 1, idempotencyKeys: ['k2'], charges: 1, health: { name: 'stripe-secondary', state: 'up', code: null } })],
    'failover.reset-after-commit-primary: payment sent (201) though the processor connection was reset; charged 2 times across processors (stripe 1, stripe-secondary 1); sent the payment to stripe-secondary (secondary) (1 request(s)); expected NET_CONNECTION_RESET; at most one charge across all processors; no payment request at stripe-secondary. Reproduce: npx gatecheck serve failover.reset-after-commit-primary',
  ],
  [
    'a success at the secondary marking the primary up',
    'failover.connect-refused-primary',
    [facts({ health: { name: 'stripe', state: 'up', code: null } }), visaTookIt],
    'failover.connect-refused-primary: /health showed stripe (primary) up with no error code; expected /health: stripe down with NET_CONNECTION_REFUSED. Reproduce: npx gatecheck serve failover.connect-refused-primary',
  ],
  [
    'the mutual-TLS certificate and Basic credentials sent to the other processor',
    'failover.client-cert-isolation',
    [facts({ name: 'visa', profile: 'visa', ownClientCert: 'CN=gateway.merchant.test' }), facts({ role: 'secondary', paymentRequests: 1, idempotencyKeys: ['k1'], charges: 1, health: { name: 'stripe', state: 'up', code: null }, clientCertsPresented: ['CN=gateway.merchant.test'], foreignSecrets: ['visa credentials.password'] })],
    'failover.client-cert-isolation: presented the client certificate CN=gateway.merchant.test to stripe (secondary), configured with none; sent the visa credentials.password to stripe (secondary); expected each processor sees only its own client certificate; each processor sees only its own credentials. Reproduce: npx gatecheck serve failover.client-cert-isolation',
  ],
];

for (const [name, id, topology, line] of breaches) {
  test(`breach: ${name}`, () => {
    const verdict = judge(getScenario(id), failedOver(topology, { scenarioId: id }), wire);
    expect(verdict.pass).toBe(false);
    expect(verdict.line).toBe(line);
  });
}

test('a topology scenario observed with one processor is a breach naming the missing observation, not a pass', () => {
  const verdict = judge(getScenario('failover.connect-refused-primary'), { ...failedOver([primaryDown]), topology: undefined }, wire);
  expect(verdict.line).toBe('failover.connect-refused-primary: was observed with one processor only; expected a run with every processor of the topology. Reproduce: npx gatecheck serve failover.connect-refused-primary');
});
