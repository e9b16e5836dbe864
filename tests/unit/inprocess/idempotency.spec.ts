import { TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { stripeClient, TRANSPORTS } from './clients.ts';
import { ADAPTERS, BASE_URL, expect, test } from './fixtures.ts';

for (const adapter of ADAPTERS) {
  for (const transport of TRANSPORTS) {
    test(`${adapter} + ${transport.name}: a retry with the same key is replayed, not charged again`, async ({ mock }) => {
      const stripe = mock(adapter, 'stripe');
      const client = stripeClient(transport, { baseUrl: BASE_URL.stripe });
      const first = await client.charge({ card: TEST_CARDS.approved, idempotencyKey: 'order-0001' });
      const again = await client.charge({ card: TEST_CARDS.approved, idempotencyKey: 'order-0001' });
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(JSON.parse(again.body)).toEqual(JSON.parse(first.body));
      expect(stripe.payments).toHaveLength(1);
      expect(stripe.requests.map((r) => r.headers['idempotency-key'])).toEqual(['order-0001', 'order-0001']);
    });

    test(`${adapter} + ${transport.name}: the same key with other parameters is refused (400 idempotency_error)`, async ({ mock }) => {
      const stripe = mock(adapter, 'stripe');
      const client = stripeClient(transport, { baseUrl: BASE_URL.stripe });
      await client.charge({ card: TEST_CARDS.approved, idempotencyKey: 'order-0002' });
      const other = await client.charge({ card: TEST_CARDS.approved, amount: 2000, idempotencyKey: 'order-0002' });
      expect(other.status).toBe(400);
      expect(JSON.parse(other.body)).toMatchObject({ error: { type: 'idempotency_error' } });
      expect(stripe.payments).toHaveLength(1);
    });
  }
}

test('a retry without a key is charged twice: what payments shows when a client forgets the key', async ({ mock }) => {
  const stripe = mock('nock', 'stripe');
  const client = stripeClient(TRANSPORTS[0]!, { baseUrl: BASE_URL.stripe });
  await client.charge({ card: TEST_CARDS.approved });
  await client.charge({ card: TEST_CARDS.approved });
  expect(stripe.payments).toHaveLength(2);
});
