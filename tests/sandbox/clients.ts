import { randomInt, randomUUID } from 'node:crypto';
import { ADYEN_TEST_CARD_FOR, adyenEncryptedTestCard, STRIPE_PAYMENT_METHOD_FOR } from '../../mocks/processors/cards.ts';
import { profiles, TEST_CARDS } from '../../mocks/processors/index.ts';
import type { ProfileName } from '../../mocks/processors/profile.ts';
import type { SandboxCredentials, SandboxTarget } from './env.ts';
import type { WireRequest } from './https.ts';
import type { SandboxSession } from './session.ts';

/**
 * A small client per profile, speaking the wire contract of mocks/processors/README.md, built here
 * so the sandbox tier depends on neither the gateway nor the mock's code, only on the profile's
 * schemas. It sends only what a real test account accepts by default (no raw-card access): Stripe
 * test PaymentMethods, Adyen's test_-prefixed encrypted card fields with Adyen's test Visa.
 */
export interface SandboxClient {
  /** The HTTP status the mock answers an approval, a decline and a wrong credential with. */
  status: { approved: number; declined: number; refused: number };
  /** `card` is one of TEST_CARDS: each client sends what its sandbox takes for that card. */
  /** Headers that authenticate a payment; PayPal's fetches a token first (held to tokenResponse). */
  authenticate(session: SandboxSession): Promise<Record<string, string>>;
  payment(target: SandboxTarget, card: string, auth: Record<string, string>): WireRequest;
  /** A request carrying a deliberately wrong credential, and the secret it carries. */
  refusal(target: SandboxTarget): { request: WireRequest; wrongSecret: string };
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const reference = () => `gatecheck-sandbox-${randomUUID().slice(0, 8)}`;
const digits = (length: number) => Array.from({ length }, () => randomInt(10)).join('');
const json = { 'content-type': 'application/json', accept: 'application/json' };

function credentials<P extends ProfileName>(target: SandboxTarget, profile: P): Extract<SandboxCredentials, { profile: P }> {
  if (target.credentials.profile !== profile) throw new Error(`gatecheck: ${profile} client given ${target.credentials.profile} credentials`);
  return target.credentials as Extract<SandboxCredentials, { profile: P }>;
}

function stripePaymentMethod(card: string): string {
  const pm = STRIPE_PAYMENT_METHOD_FOR[card as keyof typeof STRIPE_PAYMENT_METHOD_FOR];
  if (!pm) throw new Error(`gatecheck: no Stripe test PaymentMethod for card ending ${card.slice(-4)}; use one of TEST_CARDS`);
  return pm;
}

function adyenCard(card: string) {
  const test = ADYEN_TEST_CARD_FOR[card as keyof typeof ADYEN_TEST_CARD_FOR];
  if (!test) throw new Error(`gatecheck: no Adyen test card for card ending ${card.slice(-4)}; use one of TEST_CARDS`);
  return adyenEncryptedTestCard(test.number, test.holderName);
}

const stripe: SandboxClient = {
  status: { approved: 200, declined: 402, refused: 401 },
  authenticate: async (session) => ({ authorization: `Bearer ${credentials(session.target, 'stripe').secretKey}` }),
  payment: (_target, card, auth) => ({
    method: 'POST',
    path: profiles.stripe.paymentRoute.path,
    headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'idempotency-key': randomUUID() },
    body: new URLSearchParams({
      amount: '1000',
      currency: 'eur',
      confirm: 'true',
      payment_method: stripePaymentMethod(card),
      // No redirect-based methods: a confirm then needs no return_url, whatever the dashboard enables.
      'automatic_payment_methods[enabled]': 'true',
      'automatic_payment_methods[allow_redirects]': 'never',
      'metadata[reference]': reference(),
    }).toString(),
  }),
  refusal(target) {
    const wrongSecret = `sk_test_gatecheck_wrong_${randomUUID().replaceAll('-', '')}`;
    return { wrongSecret, request: stripe.payment(target, TEST_CARDS.approved, { authorization: `Bearer ${wrongSecret}` }) };
  },
};

const adyen: SandboxClient = {
  status: { approved: 200, declined: 200, refused: 401 },
  authenticate: async (session) => ({ 'x-api-key': credentials(session.target, 'adyen').apiKey }),
  payment: (target, card, auth) => ({
    method: 'POST',
    path: profiles.adyen.paymentRoute.path,
    headers: { ...auth, ...json, 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      merchantAccount: credentials(target, 'adyen').merchantAccount,
      reference: reference(),
      amount: { value: 1000, currency: 'EUR' },
      paymentMethod: adyenCard(card),
      returnUrl: 'https://gatecheck.invalid/adyen/return',
    }),
  }),
  refusal(target) {
    const wrongSecret = `AQE_gatecheck_wrong_${randomUUID().replaceAll('-', '')}`;
    return { wrongSecret, request: adyen.payment(target, TEST_CARDS.approved, { 'x-api-key': wrongSecret }) };
  },
};

const paypalToken = (clientId: string, secret: string): WireRequest => ({
  method: 'POST',
  path: profiles.paypal.tokenRoute!.path,
  headers: { authorization: basic(clientId, secret), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  body: 'grant_type=client_credentials',
});

const paypal: SandboxClient = {
  status: { approved: 201, declined: 422, refused: 401 },
  async authenticate(session) {
    const c = credentials(session.target, 'paypal');
    const token = (await session.call(paypalToken(c.clientId, c.clientSecret), { schema: 'tokenResponse', status: 200 })) as { access_token: string };
    return { authorization: `Bearer ${token.access_token}` };
  },
  payment: (_target, card, auth) => ({
    method: 'POST',
    path: profiles.paypal.paymentRoute.path,
    headers: { ...auth, ...json, 'paypal-request-id': randomUUID(), prefer: 'return=representation' },
    body: JSON.stringify({
      intent: 'CAPTURE',
      purchase_units: [{ reference_id: reference(), amount: { currency_code: 'USD', value: '10.00' } }],
      payment_source: { card: { number: card, expiry: '2030-12', security_code: '123' } },
    }),
  }),
  refusal(target) {
    const wrongSecret = `gatecheck-wrong-${randomUUID()}`;
    return { wrongSecret, request: paypalToken(credentials(target, 'paypal').clientId, wrongSecret) };
  },
};

const visa: SandboxClient = {
  status: { approved: 200, declined: 200, refused: 401 },
  authenticate: async (session) => {
    const c = credentials(session.target, 'visa');
    return { authorization: basic(c.username, c.password) };
  },
  payment: (_target, card, auth) => ({
    method: 'POST',
    path: profiles.visa.paymentRoute.path,
    headers: { ...auth, ...json, 'x-request-id': randomUUID() },
    body: JSON.stringify({
      systemsTraceAuditNumber: digits(6),
      retrievalReferenceNumber: digits(12),
      amount: '10.00',
      senderCurrencyCode: 'USD',
      senderPrimaryAccountNumber: card,
      senderCardExpiryDate: '2030-12',
      acquiringBin: '408999',
      acquirerCountryCode: '840',
      businessApplicationId: 'AA',
    }),
  }),
  refusal(target) {
    const wrongSecret = `gatecheck-wrong-${randomUUID()}`;
    return { wrongSecret, request: visa.payment(target, TEST_CARDS.approved, { authorization: basic(credentials(target, 'visa').username, wrongSecret) }) };
  },
};

export const clients: Record<ProfileName, SandboxClient> = { stripe, adyen, paypal, visa };
