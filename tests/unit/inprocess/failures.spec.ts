import { TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { stripeClient, TRANSPORTS } from './clients.ts';
import { ADAPTERS, BASE_URL, expect, test } from './fixtures.ts';

for (const adapter of ADAPTERS) {
  for (const transport of TRANSPORTS) {
    test(`${adapter} + ${transport.name}: rate-limited once -> 429 with Retry-After in stripe's error shape, then the retry is charged once`, async ({ mock }) => {
      const stripe = mock(adapter, 'stripe', { behaviour: { kind: 'failure', failure: 'rate-limited', retryAfterSeconds: 2, times: 1 } });
      const client = stripeClient(transport, { baseUrl: BASE_URL.stripe });
      const limited = await client.charge({ card: TEST_CARDS.approved, idempotencyKey: 'k-429' });
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('2');
      expect(stripe.profile.schemas.errorResponse.safeParse(JSON.parse(limited.body)).error).toBeUndefined();
      expect(JSON.parse(limited.body)).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limit' } });
      expect(stripe.payments).toEqual([]);
      const retried = await client.charge({ card: TEST_CARDS.approved, idempotencyKey: 'k-429' });
      expect(retried.status).toBe(200);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(stripe.payments).toHaveLength(1);
    });

    for (const [failure, status] of [['server-error', 500], ['unavailable', 503]] as const) {
      test(`${adapter} + ${transport.name}: ${failure} -> ${status} api_error on every request, nothing charged`, async ({ mock }) => {
        const stripe = mock(adapter, 'stripe', { behaviour: { kind: 'failure', failure } });
        const client = stripeClient(transport, { baseUrl: BASE_URL.stripe });
        for (let i = 0; i < 2; i++) {
          const reply = await client.charge({ card: TEST_CARDS.approved, idempotencyKey: 'k-5xx' });
          expect(reply.status).toBe(status);
          expect(JSON.parse(reply.body)).toMatchObject({ error: { type: 'api_error' } });
        }
        expect(stripe.payments).toEqual([]);
      });
    }
  }
}
