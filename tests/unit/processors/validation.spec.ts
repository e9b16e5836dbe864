import { expect, test } from '@playwright/test';
import { expectShape, Harness, NAMES } from './harness.ts';

const breaks = [
  { title: 'without a card number', edit: 'dropCardNumber', field: 'cardNumber' },
  { title: 'with a currency in the wrong form', edit: 'badCurrency', field: 'currency' },
  { title: 'with an amount in the wrong form', edit: 'badAmount', field: 'amount' },
] as const;

for (const name of NAMES) {
  for (const { title, edit, field } of breaks) {
    test(`${name}: a payment ${title} -> validation error naming the field, nothing charged`, async () => {
      const h = new Harness(name);
      const request = await h.request({ mutate: h.wire.breaks[edit], key: 'key-invalid' });
      expect(h.profile.schemas.paymentRequest.safeParse(h.profile.decodeBody(request.body)).success, 'the request schema rejects it too').toBe(false);

      const response = await h.send(request);

      expect(response.status, response.body).toBe(h.wire.invalid);
      const body = expectShape(h.profile.schemas.errorResponse, response);
      expect(h.wire.namedField(body)).toBe(h.wire.fields[field]);
      expect(h.state.payments).toHaveLength(0);
    });
  }

  test(`${name}: a validation error does not bind the idempotency key`, async () => {
    const h = new Harness(name);
    expect((await h.pay({ key: 'key-fixed-later', mutate: h.wire.breaks.dropCardNumber })).status).toBe(h.wire.invalid);
    const fixed = await h.pay({ key: 'key-fixed-later' });
    expect(fixed.status, fixed.body).toBe(h.wire.approved);
    expect(h.state.payments).toHaveLength(1);
  });
}

test('stripe names a missing parameter with parameter_missing and its bracketed name', async () => {
  const h = new Harness('stripe');
  const body = JSON.parse((await h.pay({ mutate: (b) => delete b.payment_method_data.card.exp_month })).body);
  expect(body).toEqual({ error: { type: 'invalid_request_error', code: 'parameter_missing', message: 'Missing required param: payment_method_data[card][exp_month].', param: 'payment_method_data[card][exp_month]' } });
  // Stripe requires neither metadata nor a CVC.
  expect((await h.pay({ mutate: (b) => delete b.metadata })).status).toBe(200);
  expect((await h.pay({ mutate: (b) => delete b.payment_method_data.card.cvc })).status).toBe(200);
});

test('stripe refuses a parameter it does not take, naming it', async () => {
  const h = new Harness('stripe');
  const body = JSON.parse((await h.pay({ mutate: (b) => (b.shipping_rate = 'x') })).body);
  expect(body).toEqual({ error: { type: 'invalid_request_error', code: 'parameter_unknown', message: 'Received unknown parameter: shipping_rate', param: 'shipping_rate' } });
});

test('stripe reads the form body: a JSON body is missing every parameter', async () => {
  const h = new Harness('stripe');
  const request = await h.request();
  const response = await h.send({ ...request, body: JSON.stringify({ amount: 1000, currency: 'eur' }) });
  expect(response.status).toBe(400);
  expect(JSON.parse(response.body).error).toMatchObject({ code: 'parameter_missing', param: 'amount' });
});

test('a card number that fails the Luhn check is a validation error', async () => {
  for (const name of NAMES) {
    const h = new Harness(name);
    const response = await h.pay({ card: '4242424242424241' });
    expect(response.status, name).toBe(h.wire.invalid);
    expect(h.wire.namedField(JSON.parse(response.body)), name).toBe(h.wire.fields.cardNumber);
  }
});

for (const name of ['adyen', 'paypal', 'visa'] as const) {
  test(`${name}: a body that is not JSON -> validation error in the processor's shape`, async () => {
    const h = new Harness(name);
    const response = await h.send({ ...(await h.request()), body: '{"amount": ' });
    expect(response.status, response.body).toBe(h.wire.invalid);
    expectShape(h.profile.schemas.errorResponse, response);
    expect(h.state.payments).toHaveLength(0);
  });
}

test('paypal lists every broken field as a JSON pointer with PayPal issue names', async () => {
  const h = new Harness('paypal');
  const response = await h.pay({
    mutate: (b) => {
      delete b.payment_source.card.expiry;
      b.intent = 'AUTHORIZE';
    },
  });
  const body = JSON.parse(response.body);
  expect(body.name).toBe('INVALID_REQUEST');
  expect(body.details).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ field: '/intent', issue: 'INVALID_PARAMETER_VALUE', location: 'body' }),
      expect.objectContaining({ field: '/payment_source/card/expiry', issue: 'MISSING_REQUIRED_PARAMETER', location: 'body' }),
    ]),
  );
});

test('visa accepts the systems trace audit number as a JSON string or number', async () => {
  for (const stan of [451001, '451001']) {
    const h = new Harness('visa');
    expect((await h.pay({ mutate: (b) => (b.systemsTraceAuditNumber = stan) })).status).toBe(200);
  }
  const h = new Harness('visa');
  const response = await h.pay({ mutate: (b) => (b.systemsTraceAuditNumber = '4510') });
  expect(JSON.parse(response.body).responseStatus).toMatchObject({ status: 400, code: '9100', info: 'systemsTraceAuditNumber' });
});
