import https from 'node:https';
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { serve, type Served } from './served.ts';

/**
 * Stripe's official Node SDK (`stripe`, devDependency) against the stripe profile served over real
 * TLS: host, port and protocol are the SDK's own options, the test CA goes in through its httpAgent.
 */

const KEY = 'sk_test_gatecheck_51Mock';
let served: Served;

test.beforeEach(async () => {
  served = await serve('stripe');
});
test.afterEach(async () => served.close());

function sdk(key = KEY): Stripe {
  return new Stripe(key, { host: served.host, port: served.port, protocol: 'https', httpAgent: new https.Agent({ ca: served.ca }) });
}

/** What the SDK threw, as a plain record (StripeError subclasses). */
async function thrown(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, 'the SDK call was expected to throw').toBeInstanceOf(Stripe.errors.StripeError);
  const e = error as InstanceType<typeof Stripe.errors.StripeError>;
  return { type: e.type, statusCode: e.statusCode, code: e.code, decline_code: e.decline_code, message: e.message, param: e.param };
}

test('approve: pm_card_visa, confirm: true and no metadata -> status succeeded, one charge, the SDK\'s Stripe-Version accepted', async () => {
  const intent = await sdk().paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true });
  expect(intent).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 1000, currency: 'eur', payment_method: 'pm_card_visa', metadata: {} });
  expect(intent.id).toMatch(/^pi_/);
  expect(served.server.payments()).toEqual([expect.objectContaining({ id: intent.id, outcome: 'approved', amount: 1000, currency: 'EUR' })]);
  const [request] = served.server.requests();
  expect(request!.headers['stripe-version'], 'the SDK pins an API version').toMatch(/^\d{4}-\d{2}-\d{2}/);
  test.info().annotations.push({ type: 'stripe SDK', description: `create(pm_card_visa) -> ${intent.status} ${intent.id}` });
});

test('approve: a tok_visa token through payment_method_data, with metadata', async () => {
  const intent = await sdk().paymentIntents.create({ amount: 2500, currency: 'usd', confirm: true, payment_method_data: { type: 'card', card: { token: 'tok_visa' } } as Stripe.PaymentIntentCreateParams.PaymentMethodData, metadata: { order: 'o-1' } });
  expect(intent).toMatchObject({ status: 'succeeded', metadata: { order: 'o-1' } });
});

test('decline: pm_card_chargeDeclined -> StripeCardError card_declined / generic_decline; insufficient funds likewise', async () => {
  const generic = await thrown(sdk().paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: 'pm_card_chargeDeclined', confirm: true }));
  expect(generic).toMatchObject({ type: 'StripeCardError', statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
  const funds = await thrown(sdk().paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: 'pm_card_visa_chargeDeclinedInsufficientFunds', confirm: true }));
  expect(funds).toMatchObject({ type: 'StripeCardError', statusCode: 402, code: 'card_declined', decline_code: 'insufficient_funds' });
  expect(served.server.payments().map((p) => p.outcome)).toEqual(['declined', 'declined']);
  test.info().annotations.push({ type: 'stripe SDK', description: `pm_card_chargeDeclined -> ${generic.type} ${generic.code}/${generic.decline_code}` });
});

test('bad credential: a wrong secret key -> StripeAuthenticationError 401, nothing charged', async () => {
  const error = await thrown(sdk('sk_test_gatecheck_wrong_0000000000').paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true }));
  expect(error).toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
  expect(served.server.payments()).toEqual([]);
});

test('idempotent replay: the same Idempotency-Key gives the same PaymentIntent, marked replayed, charged once; other params -> StripeIdempotencyError', async () => {
  const params: Stripe.PaymentIntentCreateParams = { amount: 1000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true };
  const first = await sdk().paymentIntents.create(params, { idempotencyKey: 'order-42' });
  const again = await sdk().paymentIntents.create(params, { idempotencyKey: 'order-42' });
  expect(again.id).toBe(first.id);
  expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
  expect(served.server.payments()).toHaveLength(1);
  const other = await thrown(sdk().paymentIntents.create({ ...params, amount: 2000 }, { idempotencyKey: 'order-42' }));
  expect(other).toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
});

test('raw card numbers are refused as a new test account refuses them; an unknown test PaymentMethod is resource_missing', async () => {
  const raw = await thrown(sdk().paymentIntents.create({ amount: 1000, currency: 'eur', confirm: true, payment_method_data: { type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' } } as Stripe.PaymentIntentCreateParams.PaymentMethodData }));
  expect(raw).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
  expect(raw.message).toContain('Sending credit card numbers directly to the Stripe API is generally unsafe');
  const unknown = await thrown(sdk().paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: 'pm_card_nope', confirm: true }));
  expect(unknown).toMatchObject({ type: 'StripeInvalidRequestError', code: 'resource_missing', param: 'payment_method' });
  expect(served.server.payments()).toEqual([]);
});

test('with raw-card access (the profile option) the SDK may send card data', async () => {
  await served.close();
  served = await serve('stripe', { rawCardAccess: true });
  const intent = await sdk().paymentIntents.create({ amount: 1000, currency: 'eur', confirm: true, payment_method_data: { type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' } } as Stripe.PaymentIntentCreateParams.PaymentMethodData });
  expect(intent.status).toBe('succeeded');
});
