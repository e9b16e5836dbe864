import { expect, test } from '@playwright/test';
import { getProfile, profiles } from '../../../mocks/processors/index.ts';
import { ProfileName } from '../../../mocks/processors/profile.ts';
import { expectShape, Harness, NAMES } from './harness.ts';

const notFound = {
  stripe: { error: { type: 'invalid_request_error' } },
  adyen: { status: 404, errorType: 'validation' },
  paypal: { name: 'RESOURCE_NOT_FOUND' },
  visa: { responseStatus: { status: 404, code: '9404' } },
} as const;

for (const name of NAMES) {
  for (const [method, path] of [['POST', '/v1/charges'], ['GET', profiles[name].paymentRoute.path], ['POST', `${profiles[name].paymentRoute.path}/extra`]] as const) {
    test(`${name}: ${method} ${path} -> 404 in the processor's error shape`, async () => {
      const h = new Harness(name);
      const request = await h.request();
      const response = await h.send({ ...request, method, path });
      expect(response.status, response.body).toBe(404);
      expect(expectShape(h.profile.schemas.errorResponse, response)).toMatchObject(notFound[name]);
      expect(h.state.payments).toHaveLength(0);
    });
  }

  test(`${name}: a query string does not change the route`, async () => {
    const h = new Harness(name);
    const request = await h.request();
    expect((await h.send({ ...request, path: `${request.path}?expand=latest_charge` })).status).toBe(h.wire.approved);
  });
}

test('profiles holds every profile name under its own name', () => {
  expect(Object.keys(profiles).sort()).toEqual([...ProfileName.options].sort());
  for (const name of ProfileName.options) {
    expect(profiles[name].name).toBe(name);
    expect(getProfile(name)).toBe(profiles[name]);
  }
});

test('getProfile names the valid profiles when asked for an unknown one', () => {
  expect(() => getProfile('worldpay')).toThrow('gatecheck: unknown processor profile "worldpay"; valid profiles: stripe, adyen, paypal, visa');
});

test('handle() refuses a state made by another profile, or by hand', async () => {
  const request = await new Harness('adyen').request();
  await expect(profiles.stripe.handle(request, profiles.adyen.createState())).rejects.toThrow('gatecheck: stripe.handle() was given a adyen state; create one with stripe.createState()');
  await expect(profiles.stripe.handle(request, { payments: [], revokeTokens() {} })).rejects.toThrow(/needs a state made by stripe\.createState\(\)/);
});

test('each profile declares its routes, idempotency header and credentials as README.md says', () => {
  expect(profiles.stripe).toMatchObject({ paymentRoute: { method: 'POST', path: '/v1/payment_intents' }, idempotencyHeader: 'idempotency-key', credentials: { kind: 'secret-key', secretKey: 'sk_test_gatecheck_51Mock', restrictedKey: 'rk_test_gatecheck_restricted' } });
  expect(profiles.adyen).toMatchObject({ paymentRoute: { path: '/v71/payments' }, idempotencyHeader: 'idempotency-key', credentials: { kind: 'api-key', apiKey: 'AQE_gatecheck_test_key', merchantAccount: 'GatecheckECOM' } });
  expect(profiles.paypal).toMatchObject({ paymentRoute: { path: '/v2/checkout/orders' }, tokenRoute: { method: 'POST', path: '/v1/oauth2/token' }, idempotencyHeader: 'paypal-request-id', credentials: { kind: 'oauth2-client', clientId: 'gatecheck-client-id', clientSecret: 'gatecheck-client-secret' } });
  expect(profiles.visa).toMatchObject({ paymentRoute: { path: '/visadirect/fundstransfer/v1/pullfundstransactions' }, idempotencyHeader: 'x-request-id', credentials: { kind: 'basic-mtls', username: 'gatecheck-visa-user', password: 'gatecheck-visa-password', clientCaCertId: 'client-ca' } });
  expect(profiles.visa.webhooks).toBeUndefined();
});
