import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import adyenLibrary, { type Types } from '@adyen/api-library';
import type Stripe from 'stripe';
import type { z } from 'zod';
import { AdyenAuthorised, AdyenError, AdyenPaymentRequest, AdyenRefused } from '../../../mocks/processors/adyen.ts';
import { PaypalCaptureRequest, PaypalCreatedOrder, PaypalOrder, PaypalOrderRequest, PaypalToken } from '../../../mocks/processors/paypal.ts';
import { StripeDecline, StripePaymentIntent, StripePaymentRequest } from '../../../mocks/processors/stripe.ts';
import { profiles } from '../../../mocks/processors/index.ts';
import type { ProfileState } from '../../../mocks/processors/profile.ts';
import { schemaPaths, valuePaths } from './schema-paths.ts';

/**
 * The mock's zod schemas checked against what each official SDK (pinned devDependencies) ships,
 * on every run: field names, and that we require whatever the SDK requires.
 * - Stripe: type-level, against stripe's .d.ts (tsc checks this file in `npm test`).
 * - Adyen: names and primitive types against the model classes' attributeTypeMap at run time;
 *   required fields type-level against the model classes.
 * - PayPal: example bodies that use every field our schema names go through the SDK's own
 *   (APIMatic) schemas: mapped without errors and back unchanged (a field the SDK does not know is
 *   dropped on the way); a body with only our required fields passes (the SDK requires no more).
 */

// ---- type-level helpers -------------------------------------------------------------------------
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** Compiles only when `T` is never: names the offending keys in the error otherwise. */
type None<T extends never> = T;

// ---- Stripe (type-level against stripe's .d.ts) -------------------------------------------------
type OurStripeRequest = z.input<typeof StripePaymentRequest>;
type OurStripeCard = NonNullable<OurStripeRequest['payment_method_data']>['card'];
export type StripeChecks = [
  // Every parameter we accept is a PaymentIntentCreateParams parameter, but one: the pinned SDK's
  // API version calls payment_method_types allowed_payment_method_types; the mock takes both names
  // (older SDKs and Stripe-Versions send the first), knowingly looser (README).
  None<Exclude<keyof OurStripeRequest, keyof Stripe.PaymentIntentCreateParams | 'payment_method_types'>>,
  // payment_method_data: Stripe keeps `card` (raw data or a token) out of its typed surface, so
  // `card` is checked against PaymentMethodCreateParams.Card, the SDK's own card parameters.
  None<Exclude<keyof NonNullable<OurStripeRequest['payment_method_data']>, keyof Stripe.PaymentIntentCreateParams.PaymentMethodData | 'card'>>,
  None<Exclude<keyof OurStripeCard, keyof Stripe.PaymentMethodCreateParams.Card>>,
  None<Exclude<keyof NonNullable<OurStripeRequest['automatic_payment_methods']>, keyof Stripe.PaymentIntentCreateParams.AutomaticPaymentMethods>>,
  // What the SDK requires (amount, currency), we require.
  None<Exclude<RequiredKeys<Stripe.PaymentIntentCreateParams>, RequiredKeys<OurStripeRequest>>>,
  // Every field of our answers is a field of Stripe's PaymentIntent / of the decline's payment intent.
  None<Exclude<keyof z.output<typeof StripePaymentIntent>, keyof Stripe.PaymentIntent>>,
  None<Exclude<keyof z.output<typeof StripeDecline>['error']['payment_intent'], keyof Stripe.PaymentIntent>>,
];

// ---- Adyen --------------------------------------------------------------------------------------
export type AdyenChecks = [
  // What the library's PaymentRequest / Amount require, we require.
  None<Exclude<RequiredKeys<Types.checkout.PaymentRequest>, RequiredKeys<z.input<typeof AdyenPaymentRequest>>>>,
  None<Exclude<RequiredKeys<Types.checkout.Amount>, RequiredKeys<z.input<typeof AdyenPaymentRequest>['amount']>>>,
];

type Attribute = { name: string; baseName: string; type: string };
const adyenModels = adyenLibrary.Types.checkout as unknown as Record<string, { attributeTypeMap?: Attribute[] }>;
/** PaymentRequest.paymentMethod is a union of every method's details; the card one is CardDetails. */
const ADYEN_UNIONS: Record<string, string> = { PaymentRequestPaymentMethod: 'CardDetails' };

/** The SDK attribute at a dotted path from `model`, or undefined. */
function adyenAttribute(model: string, dotted: string): Attribute | undefined {
  const [head, ...rest] = dotted.split('.');
  const attribute = adyenModels[model]?.attributeTypeMap?.find((a) => a.baseName === head);
  if (!attribute || rest.length === 0) return attribute;
  const next = attribute.type.replace(/ \| null$/, '');
  return adyenAttribute(ADYEN_UNIONS[next] ?? next, rest.join('.'));
}

const adyenCases: [string, z.ZodType, string][] = [
  ['paymentRequest', AdyenPaymentRequest, 'PaymentRequest'],
  ['paymentResponse', AdyenAuthorised, 'PaymentResponse'],
  ['declineResponse', AdyenRefused, 'PaymentResponse'],
  ['errorResponse', AdyenError, 'ServiceError'],
];

for (const [name, schema, model] of adyenCases) {
  test(`adyen ${name}: every field our schema names exists in @adyen/api-library's ${model}`, () => {
    const ours = schemaPaths(schema).all;
    expect(ours.length).toBeGreaterThan(3);
    const missing = ours.filter((p) => !adyenAttribute(model, p));
    expect(missing, `fields the SDK's ${model} does not have`).toEqual([]);
  });
}

test('adyen: the card fields we model are strings in the SDK, amount.value a number', () => {
  for (const field of ['number', 'expiryMonth', 'expiryYear', 'cvc', 'encryptedCardNumber', 'encryptedExpiryMonth', 'encryptedExpiryYear', 'encryptedSecurityCode', 'holderName']) {
    expect(adyenAttribute('PaymentRequest', `paymentMethod.${field}`)?.type, field).toBe('string');
  }
  expect(adyenAttribute('PaymentRequest', 'amount.value')?.type).toBe('number');
  expect(adyenAttribute('PaymentRequest', 'amount.currency')?.type).toBe('string');
});

// ---- PayPal (the SDK's own schemas, at run time) -------------------------------------------------
type ApimaticResult = { errors: false; result: unknown } | { errors: { path: (string | number)[]; message: string }[] };
type ApimaticSchemaModule = { validateAndMap(value: unknown, schema: unknown): ApimaticResult; validateAndUnmap(value: unknown, schema: unknown): ApimaticResult };

/**
 * The SDK's schema files: shipped in the package, though its `exports` map names only the entry
 * point, so they are required by file path from the resolved entry's folder.
 */
function paypalSdk() {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@paypal/paypal-server-sdk'));
  const load = <T>(file: string) => require(path.join(dir, file)) as T;
  return {
    schema: load<ApimaticSchemaModule>('schema.js'),
    orderRequest: load<{ orderRequestSchema: unknown }>('models/orderRequest.js').orderRequestSchema,
    captureRequest: load<{ orderCaptureRequestSchema: unknown }>('models/orderCaptureRequest.js').orderCaptureRequestSchema,
    order: load<{ orderSchema: unknown }>('models/order.js').orderSchema,
    token: load<{ oAuthTokenSchema: unknown }>('models/oAuthToken.js').oAuthTokenSchema,
  };
}

/** JSON -> SDK model -> JSON: errors, and what came back (a field the SDK does not know is gone). */
function roundTrip(json: unknown, sdkSchema: unknown) {
  const { schema } = paypalSdk();
  const mapped = schema.validateAndMap(json, sdkSchema);
  if (mapped.errors) return { errors: mapped.errors.map((e) => `${e.path.join('.')}: ${e.message.split('\n')[0]}`), back: undefined };
  const back = schema.validateAndUnmap(mapped.result, sdkSchema);
  return { errors: back.errors ? back.errors.map((e) => e.message) : [], back: back.errors ? undefined : back.result };
}

const card = { number: '4111111111111111', expiry: '2030-12', security_code: '123', name: 'A Shopper' };
const amount = { currency_code: 'EUR', value: '10.00' };
const paypalRequests: [string, z.ZodType, unknown, unknown, 'orderRequest' | 'captureRequest'][] = [
  [
    'order request',
    PaypalOrderRequest,
    { intent: 'CAPTURE', purchase_units: [{ reference_id: 'order-1', description: 'd', custom_id: 'c', invoice_id: 'i', amount }], payment_source: { card } },
    { intent: 'CAPTURE', purchase_units: [{ amount }] },
    'orderRequest',
  ],
  ['capture request', PaypalCaptureRequest, { payment_source: { card } }, {}, 'captureRequest'],
];

for (const [name, ours, full, minimal, sdkName] of paypalRequests) {
  test(`paypal ${name}: every field our schema names is in the SDK's schema; what the SDK requires, we require`, () => {
    const sdkSchema = paypalSdk()[sdkName];
    expect(ours.safeParse(full).success, 'the full example passes our schema').toBe(true);
    expect(valuePaths(full), 'the full example uses every field our schema names').toEqual(expect.arrayContaining(schemaPaths(ours).all));
    const trip = roundTrip(full, sdkSchema);
    expect(trip.errors).toEqual([]);
    expect(trip.back, 'nothing dropped: the SDK knows every field').toEqual(full);

    expect(ours.safeParse(minimal).success, 'the minimal example passes our schema').toBe(true);
    expect(valuePaths(minimal).sort(), 'the minimal example is exactly our required fields').toEqual(schemaPaths(ours).required);
    expect(roundTrip(minimal, sdkSchema).errors, 'the SDK requires nothing more').toEqual([]);
  });
}

/** One request to the paypal profile, in-process: the answers it really sends. */
async function paypalAnswer(state: ProfileState, request: { path: string; headers?: Record<string, string>; body: string }) {
  const response = await profiles.paypal.handle({ method: 'POST', path: request.path, headers: { 'content-type': 'application/json', ...request.headers }, body: request.body }, state);
  return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> };
}

test('paypal answers: the token, the CREATED order and the captured order the mock sends map onto the SDK\'s OAuthToken and Order', async () => {
  const sdk = paypalSdk();
  const state = profiles.paypal.createState();
  const basic = `Basic ${Buffer.from('gatecheck-client-id:gatecheck-client-secret').toString('base64')}`;
  const token = await paypalAnswer(state, { path: '/v1/oauth2/token', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
  expect(token.status).toBe(200);
  const auth = { authorization: `Bearer ${String(token.body.access_token)}` };
  const created = await paypalAnswer(state, { path: '/v2/checkout/orders', headers: auth, body: JSON.stringify({ intent: 'CAPTURE', purchase_units: [{ reference_id: 'r', amount }] }) });
  const captured = await paypalAnswer(state, { path: `/v2/checkout/orders/${String(created.body.id)}/capture`, headers: auth, body: JSON.stringify({ payment_source: { card } }) });
  expect([created.status, captured.status]).toEqual([201, 201]);
  for (const [answer, ours] of [[created.body, PaypalCreatedOrder], [captured.body, PaypalOrder]] as const) {
    expect(ours.safeParse(answer).success).toBe(true);
    const trip = roundTrip(answer, sdk.order);
    expect(trip.errors).toEqual([]);
    expect(trip.back, 'every field the mock sends is a field of the SDK\'s Order').toEqual(answer);
  }
  const trip = roundTrip(token.body, sdk.token);
  expect(trip.errors).toEqual([]);
  // The SDK's OAuthToken models access_token, token_type, expires_in (a bigint) and scope; app_id and nonce are PayPal's extras it drops.
  expect(trip.back).toMatchObject({ access_token: token.body.access_token, token_type: 'Bearer', expires_in: BigInt(32400), scope: token.body.scope });
});
