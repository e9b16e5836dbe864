import { TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { adyenClient, stripeClient, TRANSPORTS } from './clients.ts';
import { ADAPTERS, BASE_URL, expect, test } from './fixtures.ts';

for (const adapter of ADAPTERS) {
  for (const transport of TRANSPORTS) {
    test(`${adapter} + ${transport.name}: stripe declines insufficient funds with 402 card_declined in its decline schema`, async ({ mock }) => {
      const stripe = mock(adapter, 'stripe');
      const reply = await stripeClient(transport, { baseUrl: BASE_URL.stripe }).charge({ card: TEST_CARDS.declinedInsufficientFunds });
      expect(reply.status).toBe(402);
      const body = JSON.parse(reply.body) as unknown;
      expect(stripe.profile.schemas.declineResponse.safeParse(body).error).toBeUndefined();
      expect(body).toMatchObject({ error: { code: 'card_declined', decline_code: 'insufficient_funds' } });
      expect(stripe.payments).toEqual([expect.objectContaining({ outcome: 'declined' })]);
    });

    test(`${adapter} + ${transport.name}: adyen declines with 200 Refused (a decline is not an HTTP error)`, async ({ mock }) => {
      const adyen = mock(adapter, 'adyen');
      const reply = await adyenClient(transport, { baseUrl: BASE_URL.adyen }).pay({ card: TEST_CARDS.declinedGeneric });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ resultCode: 'Refused', refusalReasonCode: '2' });
      expect(adyen.payments).toEqual([expect.objectContaining({ outcome: 'declined' })]);
    });
  }
}
