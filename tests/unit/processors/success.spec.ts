import { expect, test } from '@playwright/test';
import { expectShape, expectValidRequest, Harness, NAMES, TEST_CARDS, wireReference } from './harness.ts';

for (const name of NAMES) {
  test(`${name}: the approved card is charged once and answered in the success shape`, async () => {
    const h = new Harness(name);
    const request = await h.request({ card: TEST_CARDS.approved, amount: 1234, reference: 'order-success', key: 'key-success' });
    expectValidRequest(h.profile, request);

    const response = await h.send(request);

    expect(response.status, response.body).toBe(h.wire.approved);
    expectShape(h.profile.schemas.paymentResponse, response);
    expect(h.profile.schemas.declineResponse.safeParse(JSON.parse(response.body)).success).toBe(false);
    expect(h.state.payments).toEqual([
      { id: expect.any(String), idempotencyKey: 'key-success', amount: 1234, currency: 'EUR', reference: wireReference(name, 'order-success'), outcome: 'approved' },
    ]);
  });
}

test('each approval names the committed payment the way its processor does', async () => {
  const ids: Record<string, string> = {};
  for (const name of NAMES) {
    const h = new Harness(name);
    const body = JSON.parse((await h.pay()).body);
    const id = name === 'stripe' ? body.id : name === 'adyen' ? body.pspReference : name === 'paypal' ? body.id : String(body.transactionIdentifier);
    expect(id).toBe(h.state.payments[0]!.id);
    ids[name] = id;
  }
  expect(ids.stripe).toMatch(/^pi_[A-Za-z0-9]{24}$/);
  expect(ids.adyen).toMatch(/^[A-Z0-9]{16}$/);
  expect(ids.paypal).toMatch(/^[A-Z0-9]{17}$/);
  expect(ids.visa).toMatch(/^[1-9]\d{14}$/);
});

test('amounts arrive in each wire format and are committed in minor units', async () => {
  for (const name of NAMES) {
    const h = new Harness(name);
    const response = await h.pay({ amount: 100_005 });
    expect(response.status).toBe(h.wire.approved);
    expect(h.state.payments[0]!.amount, name).toBe(100_005);
  }
});

test('any other Luhn-valid card number is approved', async () => {
  for (const name of NAMES) {
    const h = new Harness(name);
    expect((await h.pay({ card: '5555555555554444' })).status, name).toBe(h.wire.approved);
  }
});
