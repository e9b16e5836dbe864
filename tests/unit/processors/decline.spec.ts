import { expect, test } from '@playwright/test';
import { expectShape, Harness, NAMES, TEST_CARDS } from './harness.ts';

/** What each processor says for each decline card: the README's decline rows. */
const reasons = {
  stripe: { insufficient: { decline_code: 'insufficient_funds' }, generic: { decline_code: 'generic_decline' } },
  adyen: { insufficient: { refusalReason: 'Not enough balance', refusalReasonCode: '12' }, generic: { refusalReason: 'Refused', refusalReasonCode: '2' } },
  paypal: { insufficient: { issue: 'INSTRUMENT_DECLINED' }, generic: { issue: 'INSTRUMENT_DECLINED' } },
  visa: { insufficient: { actionCode: '51' }, generic: { actionCode: '05' } },
} as const;

const cards = [
  { kind: 'insufficient', card: TEST_CARDS.declinedInsufficientFunds },
  { kind: 'generic', card: TEST_CARDS.declinedGeneric },
] as const;

for (const name of NAMES) {
  for (const { kind, card } of cards) {
    test(`${name}: card ${card} is declined (${kind}) in the decline shape, committed as declined`, async () => {
      const h = new Harness(name);
      const response = await h.pay({ card, reference: 'order-decline' });

      expect(response.status, response.body).toBe(h.wire.declined);
      expect(response.status).toBeLessThan(500);
      const body = expectShape(h.profile.schemas.declineResponse, response);
      expect(h.profile.schemas.paymentResponse.safeParse(body).success).toBe(false);
      const fields = name === 'stripe' ? body.error : name === 'paypal' ? body.details[0] : body;
      expect(fields).toMatchObject(reasons[name][kind]);
      expect(h.state.payments).toHaveLength(1);
      expect(h.state.payments[0]).toMatchObject({ outcome: 'declined', amount: 1000, currency: 'EUR' });
    });
  }
}

test('stripe attaches the failed PaymentIntent to the card error', async () => {
  const h = new Harness('stripe');
  const body = JSON.parse((await h.pay({ card: TEST_CARDS.declinedGeneric })).body);
  expect(body.error.payment_intent).toEqual({ id: h.state.payments[0]!.id, status: 'requires_payment_method' });
  expect(body.error.message).toBe('Your card was declined.');
});

test('a visa decline carries no approval code', async () => {
  const h = new Harness('visa');
  const body = JSON.parse((await h.pay({ card: TEST_CARDS.declinedInsufficientFunds })).body);
  expect(body).not.toHaveProperty('approvalCode');
  expect(h.profile.schemas.declineResponse.safeParse({ ...body, approvalCode: 'A1B2C3' }).success).toBe(false);
});
