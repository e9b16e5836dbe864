import { TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { paypalClient, stripeClient, TRANSPORTS } from './clients.ts';
import { ADAPTERS, BASE_URL, expect, test } from './fixtures.ts';

const cases = [
  { key: 'sk_test_not_the_right_key', status: 401, error: { type: 'invalid_request_error' } },
  { key: 'rk_test_gatecheck_restricted', status: 403, error: { type: 'invalid_request_error', code: 'restricted_key' } },
  { key: 'sk_live_gatecheck_51Mock', status: 401, error: { code: 'api_key_mode_mismatch' } },
] as const;

for (const adapter of ADAPTERS) {
  for (const transport of TRANSPORTS) {
    for (const { key, status, error } of cases) {
      test(`${adapter} + ${transport.name}: stripe answers ${status} to key ${key.slice(0, 8)}... and charges nothing`, async ({ mock }) => {
        const stripe = mock(adapter, 'stripe');
        const reply = await stripeClient(transport, { baseUrl: BASE_URL.stripe, apiKey: key }).charge({ card: TEST_CARDS.approved, idempotencyKey: 'k-auth' });
        expect(reply.status).toBe(status);
        expect(JSON.parse(reply.body)).toMatchObject({ error });
        expect(reply.body).not.toContain(key);
        expect(stripe.payments).toEqual([]);
      });
    }

    test(`${adapter} + ${transport.name}: paypal's token endpoint rejects a wrong client secret with invalid_client`, async ({ mock }) => {
      const paypal = mock(adapter, 'paypal');
      const reply = await paypalClient(transport, { baseUrl: BASE_URL.paypal, clientSecret: 'wrong' }).token();
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body)).toEqual({ error: 'invalid_client', error_description: 'Client Authentication failed' });
      expect(paypal.payments).toEqual([]);
    });
  }
}
