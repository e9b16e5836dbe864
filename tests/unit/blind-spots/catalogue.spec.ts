import { expect, test } from '@playwright/test';
import { scenarios, scenariosOf } from '../../../mocks/scenarios/index.ts';
import { parseScenario } from '../../../mocks/scenarios/schema.ts';
import { mutants } from '../../mutants/index.ts';

const single = {
  id: 'network.example-one', family: 'network', title: 'A one-processor scenario as before',
  basis: 'Written before topologies existed.', processor: { transport: { kind: 'raw', fault: 'closed-port' } },
  expect: { outcome: 'rejected', code: 'NET_CONNECTION_REFUSED', retryable: true, paymentSent: false, health: 'down', withinMs: 2000 },
  runbook: { symptom: 'Payments fail fast.', cause: 'Nothing listens there.', fix: 'Check the port and rules.' },
};

test('a one-processor scenario parses as before: no secondary, no per-processor expectation, no retry gap', () => {
  const parsed = parseScenario(single);
  expect(parsed.secondary).toBeUndefined();
  expect(parsed.expect.processors).toBeUndefined();
  expect(parsed.expect.retryGap).toBeUndefined();
});

test('a secondary without per-processor expectations (and the reverse) is refused, naming the field', () => {
  expect(() => parseScenario({ ...single, secondary: { processor: { transport: { kind: 'tls', tls: { cert: 'server-good' } } } } }))
    .toThrow('gatecheck: scenario "network.example-one" is invalid: expect.processors: a scenario with a secondary processor says what each processor must see (expect.processors), and only then');
});

test('every topology scenario has a secondary and says what each processor must see', () => {
  const failover = scenariosOf('failover');
  expect(failover.length).toBeGreaterThanOrEqual(6);
  for (const s of failover) {
    expect(s.secondary, s.id).toBeDefined();
    expect(s.expect.processors, s.id).toBeDefined();
  }
  expect(scenarios.filter((s) => s.secondary).map((s) => s.family)).toEqual(failover.map(() => 'failover'));
});

test('at least 30 mutants, each naming scenarios that exist as the ones meant to kill it', () => {
  expect(mutants.length).toBeGreaterThanOrEqual(30);
  const ids = new Set(scenarios.map((s) => s.id));
  for (const m of mutants) for (const id of m.killedBy ?? []) expect(ids.has(id), `${m.name} -> ${id}`).toBe(true);
});
