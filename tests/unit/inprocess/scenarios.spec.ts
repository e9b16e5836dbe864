import { expect, test } from '@playwright/test';
import { setupServer } from 'msw/node';
import { processorHandlers, scenarioSetup } from '../../../mocks/inprocess/msw.ts';
import { scenarios } from '../../../mocks/scenarios/index.ts';

const BASE = 'https://api.stripe.test';
const pay = (key: string) =>
  fetch(`${BASE}/v1/payment_intents`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_gatecheck_51Mock', 'idempotency-key': key, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'amount=1000&currency=eur&confirm=true&payment_method=pm_card_visa&metadata[reference]=r1',
  });

test('every http scenario without wire faults has an in-process setup; TLS scenarios say they need sockets', () => {
  for (const s of scenarios.filter((x) => (x.family === 'tls' || x.family === 'mtls') && x.expect.outcome !== 'ok')) {
    expect(() => scenarioSetup(s.id), s.id).toThrow(`npx gatecheck serve ${s.id}`);
  }
  for (const s of scenarios.filter((x) => x.family === 'http' && x.processor.behaviour.kind !== 'reply' && x.processor.behaviour.kind !== 'alter')) {
    expect(() => scenarioSetup(s.id), s.id).not.toThrow();
  }
  expect(scenarioSetup('http.rate-limited-then-ok')).toEqual({ profile: 'stripe', options: { behaviour: { kind: 'failure', failure: 'rate-limited', retryAfterSeconds: 1, times: 1 }, profileOptions: {} } });
  expect(scenarioSetup('network.reset-after-commit').options.behaviour).toEqual({ kind: 'network-error', code: 'ECONNRESET', when: 'after-processing', times: 1 });
  expect(scenarioSetup('http.server-error-500').options.profileOptions).toEqual({ serverErrors: Number.MAX_SAFE_INTEGER });
});

test('http.rate-limited-then-ok in-process: one 429 with Retry-After, then the payment', async () => {
  const setup = scenarioSetup('http.rate-limited-then-ok');
  const stripe = processorHandlers(setup.profile, { baseUrl: BASE, ...setup.options });
  const server = setupServer(...stripe.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const first = await pay('k1');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await pay('k1')).status).toBe(200);
    expect(stripe.payments).toHaveLength(1);
  } finally {
    server.close();
  }
});
