import { expect, test } from '@playwright/test';
import adyenLibrary, { type Config, type Types } from '@adyen/api-library';

// The library is CommonJS with re-exports Node's ESM loader cannot name: take them off the default export.
const { CheckoutAPI, Client, EnvironmentEnum, HttpClientException, HttpURLConnectionClient } = adyenLibrary;
type CheckoutAPI = InstanceType<typeof CheckoutAPI>;
type HttpClientException = InstanceType<typeof HttpClientException>;
type HttpURLConnectionClient = InstanceType<typeof HttpURLConnectionClient>;
import { serve, type Served } from './served.ts';

/**
 * Adyen's official Node library (`@adyen/api-library`, devDependency) against the adyen profile
 * served over real TLS, calling Checkout on the library's own default API version. The library
 * fixes its base URL (https://checkout-test.adyen.com/vNN); its documented seam is the HTTP client,
 * so the test's client is the library's own HttpURLConnectionClient with the origin swapped for the
 * served mock's and the test CA added to each request.
 */

const API_KEY = 'AQE_gatecheck_test_key';
/** A merchant account from configuration, not the profile's default. */
const MERCHANT = 'AcmeShopECOM';
const ADYEN_ORIGIN = 'https://checkout-test.adyen.com';

class ServedMockClient extends HttpURLConnectionClient {
  readonly endpoints: string[] = [];
  constructor(private readonly served: Served) {
    super();
  }
  override request(endpoint: string, json: string | Buffer, config: Config, isApiKeyRequired: boolean, requestOptions: Parameters<HttpURLConnectionClient['request']>[4] = {}): Promise<string> {
    this.endpoints.push(endpoint);
    if (!endpoint.startsWith(ADYEN_ORIGIN)) throw new Error(`gatecheck: unexpected Adyen endpoint ${endpoint}`);
    return super.request(`${this.served.origin}${endpoint.slice(ADYEN_ORIGIN.length)}`, json, config, isApiKeyRequired, { ...requestOptions, ca: this.served.ca });
  }
}

let served: Served;
test.beforeEach(async () => {
  served = await serve('adyen', { merchantAccounts: [MERCHANT] });
});
test.afterEach(async () => served.close());

function checkout(apiKey = API_KEY): { api: CheckoutAPI; http: ServedMockClient } {
  const client = new Client({ apiKey, environment: EnvironmentEnum.TEST });
  const http = new ServedMockClient(served);
  client.httpClient = http;
  return { api: new CheckoutAPI(client), http };
}

/** Adyen's test Visa as test_-encrypted fields: what a test account takes without the raw-card role. */
const encryptedVisa = (holderName?: string): Types.checkout.CardDetails => ({
  type: 'scheme' as Types.checkout.CardDetails.TypeEnum,
  encryptedCardNumber: 'test_4111111111111111',
  encryptedExpiryMonth: 'test_03',
  encryptedExpiryYear: 'test_2030',
  encryptedSecurityCode: 'test_737',
  ...(holderName ? { holderName } : {}),
});

const payment = (paymentMethod: Types.checkout.CardDetails, merchantAccount = MERCHANT): Types.checkout.PaymentRequest => ({
  amount: { currency: 'EUR', value: 1000 },
  merchantAccount,
  reference: 'order-1',
  paymentMethod,
  returnUrl: 'https://shop.example/checkout/return',
});

async function thrown(promise: Promise<unknown>): Promise<HttpClientException> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, 'the library call was expected to throw').toBeInstanceOf(HttpClientException);
  return error as HttpClientException;
}

test('approve: the library\'s default Checkout version, a merchant account from config, test_ encrypted card -> Authorised', async () => {
  const { api, http } = checkout();
  const result = await api.PaymentsApi.payments(payment(encryptedVisa()));
  expect(result.resultCode).toBe('Authorised');
  expect(result.pspReference).toMatch(/^[A-Z0-9]{16}$/);
  expect(http.endpoints).toEqual([`${ADYEN_ORIGIN}/v72/payments`]);
  expect(served.server.payments()).toEqual([expect.objectContaining({ outcome: 'approved', amount: 1000, currency: 'EUR', reference: 'order-1' })]);
  test.info().annotations.push({ type: 'adyen library', description: `POST /v72/payments (${MERCHANT}) -> ${result.resultCode} ${result.pspReference}` });
});

test('decline: a refusal simulated through the holder name -> 200 Refused with its reason (not an exception)', async () => {
  const { api } = checkout();
  const result = await api.PaymentsApi.payments(payment(encryptedVisa('NOT_ENOUGH_BALANCE')));
  expect(result).toMatchObject({ resultCode: 'Refused', refusalReason: 'Not enough balance', refusalReasonCode: '12' });
  const generic = await api.PaymentsApi.payments(payment(encryptedVisa('DECLINED')));
  expect(generic).toMatchObject({ resultCode: 'Refused', refusalReason: 'Refused', refusalReasonCode: '2' });
  test.info().annotations.push({ type: 'adyen library', description: `holderName NOT_ENOUGH_BALANCE -> ${result.resultCode} (${result.refusalReason})` });
});

test('bad credential: a wrong API key -> HttpClientException 401 security 000; a merchant account the key does not know -> 422 901', async () => {
  const wrongKey = await thrown(checkout('AQE_gatecheck_wrong_key').api.PaymentsApi.payments(payment(encryptedVisa())));
  expect({ status: wrongKey.statusCode, code: wrongKey.errorCode, type: wrongKey.apiError?.errorType }).toEqual({ status: 401, code: '000', type: 'security' });
  const otherMerchant = await thrown(checkout().api.PaymentsApi.payments(payment(encryptedVisa(), 'GatecheckECOM')));
  expect({ status: otherMerchant.statusCode, code: otherMerchant.errorCode, type: otherMerchant.apiError?.errorType, message: otherMerchant.apiError?.message }).toEqual({ status: 422, code: '901', type: 'validation', message: 'Invalid Merchant Account' });
  expect(served.server.payments()).toEqual([]);
});

test('idempotent replay: the same idempotencyKey gives the same pspReference, charged once', async () => {
  const { api } = checkout();
  const first = await api.PaymentsApi.payments(payment(encryptedVisa()), { idempotencyKey: 'order-1-attempt' });
  const again = await api.PaymentsApi.payments(payment(encryptedVisa()), { idempotencyKey: 'order-1-attempt' });
  expect(again.pspReference).toBe(first.pspReference);
  expect(served.server.payments()).toHaveLength(1);
  expect(served.server.requests().map((r) => r.headers['idempotency-key'])).toEqual(['order-1-attempt', 'order-1-attempt']);
});

test('raw card fields need the raw-card role: 403 010 Not allowed without it, Authorised with it', async () => {
  const raw: Types.checkout.CardDetails = { type: 'scheme' as Types.checkout.CardDetails.TypeEnum, number: '4111111111111111', expiryMonth: '03', expiryYear: '2030', cvc: '737' };
  const refused = await thrown(checkout().api.PaymentsApi.payments(payment(raw)));
  expect({ status: refused.statusCode, code: refused.errorCode }).toEqual({ status: 403, code: '010' });
  await served.close();
  served = await serve('adyen', { merchantAccounts: [MERCHANT], rawCardAccess: true });
  expect((await checkout().api.PaymentsApi.payments(payment(raw))).resultCode).toBe('Authorised');
});
