import { expect, test } from '@playwright/test';
import { expectShape, Harness, tokenRequest } from './harness.ts';

/** What a new real test account accepts and refuses, beyond the raw-card account the contract models. */

test('adyen answers /payments on Checkout v68 to v72, and 404 beside them', async () => {
  const h = new Harness('adyen');
  for (const version of [68, 69, 70, 71, 72]) {
    const response = await h.send({ ...(await h.request()), path: `/v${version}/payments` });
    expect(response.status, `v${version}: ${response.body}`).toBe(200);
  }
  for (const version of [67, 73]) expect((await h.send({ ...(await h.request()), path: `/v${version}/payments` })).status).toBe(404);
});

test('adyen requires returnUrl, as Checkout\'s PaymentRequest does', async () => {
  const h = new Harness('adyen');
  const response = await h.pay({ mutate: (b) => delete b.returnUrl });
  expect(response.status).toBe(422);
  expect(JSON.parse(response.body).message).toBe("Required field 'returnUrl' is not provided.");
});

test('adyen without the raw-card role: raw card fields -> 403 010, test_ encrypted fields authorise, a merchant account from the options', async () => {
  const h = new Harness('adyen', { rawCardAccess: false, merchantAccounts: ['AcmeShopECOM'] });
  const raw = await h.pay({ mutate: (b) => (b.merchantAccount = 'AcmeShopECOM') });
  expect(raw.status).toBe(403);
  expect(expectShape(h.profile.schemas.errorResponse, raw)).toMatchObject({ errorCode: '010', errorType: 'security' });
  const encrypted = await h.pay({
    mutate: (b) => {
      b.merchantAccount = 'AcmeShopECOM';
      b.paymentMethod = { type: 'scheme', encryptedCardNumber: 'test_4111111111111111', encryptedExpiryMonth: 'test_03', encryptedExpiryYear: 'test_2030', encryptedSecurityCode: 'test_737' };
    },
  });
  expect(encrypted.status, encrypted.body).toBe(200);
  expect(JSON.parse(encrypted.body).resultCode).toBe('Authorised');
  const defaultAccount = await h.pay();
  expect(JSON.parse(defaultAccount.body)).toMatchObject({ status: 422, errorCode: '901', errorType: 'validation' });
  const mixed = await h.pay({ mutate: (b) => (b.paymentMethod.encryptedCardNumber = 'test_4111111111111111') });
  expect(mixed.status).toBe(422);
  expect(h.state.payments).toHaveLength(1);
});

test('stripe takes the secret key as the Basic username too (curl -u sk_test_...:)', async () => {
  const h = new Harness('stripe');
  const basic = `Basic ${Buffer.from('sk_test_gatecheck_51Mock:').toString('base64')}`;
  expect((await h.pay({ headers: { authorization: basic } })).status).toBe(200);
  expect((await h.pay({ headers: { authorization: `Basic ${Buffer.from('sk_test_wrong:').toString('base64')}` } })).status).toBe(401);
});

test('stripe: a Stripe-Version as the SDKs send it is accepted; a malformed one is refused', async () => {
  const h = new Harness('stripe');
  expect((await h.pay({ headers: { 'stripe-version': '2026-10-28.endive' } })).status).toBe(200);
  expect((await h.pay({ headers: { 'stripe-version': '2024-06-20' } })).status).toBe(200);
  const bad = await h.pay({ headers: { 'stripe-version': 'latest' } });
  expect(bad.status).toBe(400);
  expect(JSON.parse(bad.body).error).toMatchObject({ type: 'invalid_request_error', message: 'Invalid Stripe API version: latest' });
});

test('stripe without raw-card access: pm_card_visa succeeds with no metadata; raw card data is refused; a card is required', async () => {
  const h = new Harness('stripe', { rawCardAccess: false });
  const pm = await h.pay({ mutate: (b) => { delete b.payment_method_data; delete b.metadata; b.payment_method = 'pm_card_visa'; } });
  expect(pm.status, pm.body).toBe(200);
  expect(expectShape(h.profile.schemas.paymentResponse, pm)).toMatchObject({ status: 'succeeded', payment_method: 'pm_card_visa', metadata: {} });
  const raw = await h.pay();
  expect(raw.status).toBe(400);
  expect(JSON.parse(raw.body).error.message).toMatch(/^Sending credit card numbers directly to the Stripe API is generally unsafe/);
  const none = await h.pay({ mutate: (b) => delete b.payment_method_data });
  expect(JSON.parse(none.body).error).toMatchObject({ code: 'parameter_missing', param: 'payment_method' });
  const both = await h.pay({ mutate: (b) => (b.payment_method = 'pm_card_visa') });
  expect(JSON.parse(both.body).error).toMatchObject({ param: 'payment_method_data' });
  expect(h.state.payments).toHaveLength(1);
});

test('paypal: the REST apps from the options are the ones the token endpoint knows', async () => {
  const h = new Harness('paypal', { oauthClients: [{ clientId: 'acme-app', clientSecret: 'acme-secret' }] });
  expect((await h.send(tokenRequest({ user: 'acme-app', password: 'acme-secret' }))).status).toBe(200);
  expect((await h.send(tokenRequest())).status, 'the default app is not configured here').toBe(401);
});
