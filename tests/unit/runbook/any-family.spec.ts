import { expect, test } from '@playwright/test';
import { scenarios } from '../../../mocks/scenarios/index.ts';
import { parseScenario } from '../../../mocks/scenarios/schema.ts';
import { renderRunbook } from '../../../cli/runbook/render.ts';

/** The generator knows no family by name: any catalogue renders, deterministically. */
const made = (id: string, family: string, code: string | null, extra: object = {}) =>
  parseScenario({
    id, family, title: `A made-up ${family} scenario`, basis: 'A generator test, not part of the catalogue.',
    processor: { transport: { kind: 'tls', tls: { cert: 'server-good' } } },
    expect: code
      ? { outcome: 'rejected', code, retryable: false, paymentSent: false, health: 'down', withinMs: 2000 }
      : { outcome: 'ok', code: null, retryable: false, paymentSent: true, health: 'up', withinMs: 2000 },
    runbook: { symptom: `Symptom of ${id}.`, cause: `Cause of ${id}.`, fix: `Fix of ${id}.` },
    ...extra,
  });

test('a family the generator has never seen gets its sections, symptoms, causes, fixes and commands', () => {
  const text = renderRunbook([made('webhook.made-up', 'webhook', 'WEBHOOK_MALFORMED'), made('auth.made-up', 'auth', 'AUTH_CLOCK_SKEW'), made('http.made-up-ok', 'http', null)]);
  expect(text).toContain('## WEBHOOK_MALFORMED');
  expect(text).toContain('## AUTH_CLOCK_SKEW');
  expect(text).toContain('- Symptom of webhook.made-up.');
  expect(text).toContain('- `auth.made-up`: Cause of auth.made-up.\n  Fix: Fix of auth.made-up.');
  expect(text).toContain('    npx gatecheck serve webhook.made-up');
  expect(text).toContain('| `http.made-up-ok` | A made-up http scenario | `npx gatecheck serve http.made-up-ok` |');
  expect(text).toContain('lastErrorCode AUTH_CLOCK_SKEW');
  // Codes no scenario produces are listed with their fix, so every code the gateway can emit is covered.
  expect(text).toMatch(/\| `TLS_CERT_EXPIRED` \| .* \| .* \|/);
});

test('the confirm command fits the code: doctor below HTTP, audit for config, health above', () => {
  const text = renderRunbook([
    made('tls.made-up', 'tls', 'TLS_PIN_MISMATCH', { gateway: { pins: ['server-good'] } }),
    made('mtls.made-up', 'mtls', 'CONFIG_CLIENT_KEY_MISMATCH'),
  ]);
  expect(text).toContain('npx gatecheck doctor <processor baseUrl> --ca <tls.caFile> --pin <each of tls.pins>');
  expect(text).toMatch(/## CONFIG_CLIENT_KEY_MISMATCH[\s\S]*npx gatecheck audit --config <gateway config>/);
});

test('deterministic: the same catalogue renders the same text, with no dates or absolute paths', () => {
  const once = renderRunbook(scenarios);
  expect(renderRunbook(scenarios)).toBe(once);
  expect(once).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  expect(once).not.toContain(process.cwd());
});
