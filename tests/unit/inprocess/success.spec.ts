import { TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { adyenClient, paypalClient, stripeClient, TRANSPORTS } from './clients.ts';
import { ADAPTERS, BASE_URL, expect, test } from './fixtures.ts';

for (const adapter of ADAPTERS) {
  for (const transport of TRANSPORTS) {
    test(`${adapter} + ${transport.name}: stripe approves a good card, answers in its schema and commits one payment`, async ({ mock }) => {
      const stripe = mock(adapter, 'stripe');
      const reply = await stripeClient(transport, { baseUrl: BASE_URL.stripe }).charge({ card: TEST_CARDS.approved, idempotencyKey: 'order-0001-a' });
      expect(reply.status, reply.body).toBe(200);
      expect(reply.headers['content-type']).toBe('application/json');
      expect(stripe.profile.schemas.paymentResponse.safeParse(JSON.parse(reply.body)).error).toBeUndefined();
      expect(stripe.payments).toEqual([expect.objectContaining({ amount: 1000, currency: 'EUR', outcome: 'approved', idempotencyKey: 'order-0001-a' })]);
      expect(stripe.requests.map((r) => [r.method, r.path, r.outcome])).toEqual([['POST', '/v1/payment_intents', { status: 200 }]]);
    });

    test(`${adapter} + ${transport.name}: paypal issues a token, then captures an order with it (two routes, one state)`, async ({ mock }) => {
      const paypal = mock(adapter, 'paypal');
      const client = paypalClient(transport, { baseUrl: BASE_URL.paypal });
      const token = await client.token();
      expect(token.status, token.body).toBe(200);
      const order = await client.order((JSON.parse(token.body) as { access_token: string }).access_token, { card: TEST_CARDS.approved, requestId: 'req-1' });
      expect(order.status, order.body).toBe(201);
      expect(paypal.profile.schemas.paymentResponse.safeParse(JSON.parse(order.body)).error).toBeUndefined();
      expect(paypal.payments).toHaveLength(1);
    });

    test(`${adapter} + ${transport.name}: adyen authorises a good card`, async ({ mock }) => {
      const adyen = mock(adapter, 'adyen');
      const reply = await adyenClient(transport, { baseUrl: BASE_URL.adyen }).pay({ card: TEST_CARDS.approved });
      expect(reply.status, reply.body).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ resultCode: 'Authorised' });
      expect(adyen.payments).toEqual([expect.objectContaining({ outcome: 'approved', idempotencyKey: null })]);
    });
  }
}
