import { TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { stripeClient, TRANSPORTS, viaFetch } from './clients.ts';
import { ADAPTERS, BASE_URL, expect, test } from './fixtures.ts';

for (const adapter of ADAPTERS) {
  test(`${adapter}: a path prefix in baseUrl is stripped before the profile sees the path`, async ({ mock }) => {
    const stripe = mock(adapter, 'stripe', { baseUrl: 'https://payments-proxy.example/stripe/' });
    const reply = await stripeClient(viaFetch, { baseUrl: 'https://payments-proxy.example/stripe' }).charge({ card: TEST_CARDS.approved });
    expect(reply.status).toBe(200);
    expect(stripe.requests[0]?.path).toBe('/v1/payment_intents');
  });

  test(`${adapter}: an unknown route gets the profile's own 404`, async ({ mock }) => {
    mock(adapter, 'stripe');
    const reply = await viaFetch.send(`${BASE_URL.stripe}/v1/charges?expand=1`, { method: 'GET', headers: {} });
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL (GET: /v1/charges).' } });
  });

  for (const transport of TRANSPORTS) {
    // nock parses JSON bodies itself and throws outside the request on a malformed one: the adapter must not let it.
    test(`${adapter} + ${transport.name}: a malformed JSON body gets the profile's validation error, not a crash`, async ({ mock }) => {
      const adyen = mock(adapter, 'adyen');
      const reply = await transport.send(`${BASE_URL.adyen}/v71/payments`, {
        method: 'POST',
        headers: { 'x-api-key': 'AQE_gatecheck_test_key', 'content-type': 'application/json' },
        body: '{"merchantAccount": "GatecheckECOM",',
      });
      expect(reply.status).toBe(422);
      expect(JSON.parse(reply.body)).toMatchObject({ errorType: 'validation', errorCode: '702' });
      expect(adyen.requests[0]?.body).toBe('{"merchantAccount": "GatecheckECOM",');
      expect(adyen.requests[0]?.headers['content-type']).toBe('application/json');
    });
  }
}

test('an unknown profile name is refused naming the valid ones', ({ mock }) => {
  expect(() => mock('msw', 'square' as 'stripe')).toThrow('gatecheck: unknown processor profile "square"; valid profiles: stripe, adyen, paypal, visa');
});

test('a baseUrl that is not absolute is refused with what to give instead', ({ mock }) => {
  expect(() => mock('nock', 'stripe', { baseUrl: 'api.stripe.com' })).toThrow('gatecheck: baseUrl "api.stripe.com" is not an absolute URL; give the processor URL your client calls, e.g. "https://api.stripe.com"');
});
