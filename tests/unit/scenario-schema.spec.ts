import { expect, test } from '@playwright/test';
import { errorCodes } from '../../mocks/scenarios/codes.ts';
import { buildCatalogue, scenarios } from '../../mocks/scenarios/index.ts';
import { parseScenario, type ScenarioInput } from '../../mocks/scenarios/schema.ts';
import { certSpecs } from '../../mocks/pki/specs.ts';

const good = {
  id: 'tls.example',
  family: 'tls',
  title: 'An example scenario for the schema tests',
  basis: 'None: a fixture for the schema tests.',
  processor: { transport: { kind: 'tls', tls: { cert: 'server-good' } } },
  expect: { outcome: 'rejected', code: 'TLS_CERT_EXPIRED', retryable: false, paymentSent: false, health: 'down', withinMs: 2000 },
  runbook: { symptom: 'Something visible.', cause: 'Something underneath.', fix: 'Something to do.' },
};

test('a well-formed definition parses and fills in the gateway defaults', () => {
  const scenario = parseScenario(good);
  expect(scenario.gateway.caBundle).toBe('trust-current');
  expect(scenario.processor.profile).toBe('stripe');
});

const malformed: [string, (s: typeof good) => unknown, string][] = [
  ['an id outside its family', (s) => ({ ...s, id: 'mtls.example' }), 'id: id must start with its family'],
  ['an id that is not family.slug', (s) => ({ ...s, id: 'tls_Example' }), 'id: use family.kebab-slug'],
  ['an unknown code', (s) => ({ ...s, expect: { ...s.expect, code: 'NETWORK_ERROR' } }), 'expect.code:'],
  ['a code on a good path', (s) => ({ ...s, expect: { ...s.expect, outcome: 'ok', health: 'up' } }), 'expect.code: code must be null exactly when outcome is "ok"'],
  ['no runbook fix', (s) => ({ ...s, runbook: { ...s.runbook, fix: undefined } }), 'runbook.fix:'],
  ['an unknown transport', (s) => ({ ...s, processor: { transport: { kind: 'carrier-pigeon' } } }), 'processor.transport.kind:'],
  ['a bad TLS version', (s) => ({ ...s, processor: { transport: { kind: 'tls', tls: { cert: 'server-good', minVersion: 'SSLv3' } } } }), 'processor.transport.tls.minVersion:'],
  ['a negative time bound', (s) => ({ ...s, expect: { ...s.expect, withinMs: -1 } }), 'expect.withinMs:'],
];

for (const [name, mutate, message] of malformed) {
  test(`rejects ${name}, naming the scenario and the field`, () => {
    expect(() => parseScenario(mutate(good))).toThrow(`scenario "${(mutate(good) as { id: string }).id}" is invalid: ${message}`);
  });
}

test('the registry refuses a duplicate id', () => {
  expect(() => buildCatalogue([good, good] as ScenarioInput[])).toThrow('scenario id "tls.example" is defined twice');
});

test('the catalogue has at least 16 tls and 6 mtls scenarios, each with a basis and runbook', () => {
  expect(scenarios.filter((s) => s.family === 'tls').length).toBeGreaterThanOrEqual(16);
  expect(scenarios.filter((s) => s.family === 'mtls').length).toBeGreaterThanOrEqual(6);
  for (const s of scenarios) {
    expect(s.basis.length, s.id).toBeGreaterThan(10);
    expect(s.runbook.fix.length, s.id).toBeGreaterThan(10);
  }
});

test('every certificate and code a scenario names exists', () => {
  const ids = new Set(certSpecs.map((c) => c.id));
  for (const s of scenarios) {
    const t = s.processor.transport;
    if (t.kind === 'tls') expect(ids.has(t.tls.cert), `${s.id}: ${t.tls.cert}`).toBe(true);
    for (const pin of s.gateway.pins) expect(ids.has(pin), `${s.id}: pin ${pin}`).toBe(true);
    if (s.gateway.clientCert) expect(ids.has(s.gateway.clientCert), `${s.id}: ${s.gateway.clientCert}`).toBe(true);
    if (s.expect.code) expect(errorCodes).toContain(s.expect.code);
  }
});
