import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { cardOutcome, isCardNumber, STRIPE_TEST_PAYMENT_METHODS, STRIPE_TEST_TOKENS, type CardOutcome } from './cards.ts';
import { basicCredentials, bearerToken, decodeForm, header, json, redact, routePath } from './http.ts';
import { ids } from './ids.ts';
import { handlePayment, type PaymentSpec } from './payment-flow.ts';
import type { ProcessorFailure, ProcessorProfile, ProcessorRequest, ProcessorResponse } from './profile.ts';
import { ProcessorState, stateOf } from './state.ts';
import type { FieldIssue } from './validation.ts';

/** Stripe's PaymentIntents API, create-and-confirm with a test PaymentMethod, a token or (with raw-card access) card data: a subset. See README.md. */

const credentials = { kind: 'secret-key', secretKey: 'sk_test_gatecheck_51Mock', restrictedKey: 'rk_test_gatecheck_restricted' } as const;
export const STRIPE_WEBHOOK_SECRET = 'whsec_gatecheck_test';
export const STRIPE_WEBHOOK_NEXT_SECRET = 'whsec_gatecheck_next';
const PAYMENT_PATH = '/v1/payment_intents';

/** `YYYY-MM-DD`, optionally with a release name (`2025-03-31.basil`): what `Stripe-Version` takes. */
const STRIPE_VERSION = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;

/** Raw card fields or a test token (`tok_visa`): one or the other, as Stripe takes them. */
const CardData = z
  .strictObject({
    number: z.string().refine(isCardNumber, 'must be a card number (12 to 19 digits, Luhn-valid)').optional(),
    exp_month: z.string().regex(/^(0?[1-9]|1[0-2])$/, 'must be a month, 1 to 12').optional(),
    exp_year: z.string().regex(/^\d{2}(\d{2})?$/, 'must be a two- or four-digit year').optional(),
    cvc: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits').optional(),
    token: z.string().startsWith('tok_', 'must be a card token (tok_...)').optional(),
  })
  .superRefine((card, ctx) => {
    if (card.token !== undefined) {
      for (const field of ['number', 'exp_month', 'exp_year', 'cvc'] as const) {
        if (card[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'cannot be sent with a token' });
      }
      return;
    }
    for (const field of ['number', 'exp_month', 'exp_year'] as const) {
      if (card[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required' });
    }
  });

/**
 * The form-decoded body of `POST /v1/payment_intents` with `confirm=true` (create and confirm in
 * one call): amount and currency required; the card as `payment_method` (a test PaymentMethod such
 * as `pm_card_visa`) or as `payment_method_data` (raw card fields, or a `tok_...` token); metadata
 * and the other modelled parameters optional. Unknown parameters are refused, as Stripe does.
 */
export const StripePaymentRequest = z
  .strictObject({
    amount: z.string().regex(/^[1-9]\d{0,11}$/, 'must be a positive integer amount in minor units'),
    currency: z.string().regex(/^[a-z]{3}$/, 'must be a three-letter ISO currency code in lower case'),
    confirm: z.literal('true', 'must be true (the mock models create-and-confirm)'),
    payment_method: z.string().regex(/^pm_\w+$/, 'must be a PaymentMethod id (pm_...)').optional(),
    payment_method_data: z.strictObject({ type: z.literal('card', 'must be card'), card: CardData }).optional(),
    // Older API versions name it payment_method_types; the pinned SDK's version allowed_payment_method_types.
    payment_method_types: z.record(z.string(), z.literal('card', 'must be card')).optional(),
    allowed_payment_method_types: z.record(z.string(), z.literal('card', 'must be card')).optional(),
    automatic_payment_methods: z.strictObject({ enabled: z.enum(['true', 'false']), allow_redirects: z.enum(['always', 'never']).optional() }).optional(),
    return_url: z.url().optional(),
    description: z.string().max(1000).optional(),
    receipt_email: z.email().optional(),
    statement_descriptor_suffix: z.string().max(22).optional(),
    metadata: z.record(z.string(), z.string().max(500)).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.payment_method === undefined && body.payment_method_data === undefined) {
      ctx.addIssue({ code: 'custom', path: ['payment_method'], message: 'is required' });
    }
    if (body.payment_method !== undefined && body.payment_method_data !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['payment_method_data'], message: 'cannot be sent with payment_method' });
    }
  });
export type StripePaymentRequest = z.infer<typeof StripePaymentRequest>;

export const StripePaymentIntent = z.object({
  id: z.string().startsWith('pi_'),
  object: z.literal('payment_intent'),
  amount: z.number().int(),
  currency: z.string().regex(/^[a-z]{3}$/),
  status: z.literal('succeeded'),
  created: z.number().int(),
  livemode: z.boolean(),
  payment_method: z.string().startsWith('pm_'),
  metadata: z.record(z.string(), z.string()),
});

export const StripeError = z.object({
  error: z.object({
    type: z.enum(['api_error', 'card_error', 'idempotency_error', 'invalid_request_error', 'rate_limit_error']),
    code: z.string().optional(),
    decline_code: z.string().optional(),
    message: z.string(),
    param: z.string().optional(),
    payment_intent: z.object({ id: z.string(), status: z.string() }).optional(),
    payment_method: z.object({ id: z.string(), object: z.literal('payment_method') }).optional(),
  }),
});

export const StripeDecline = z.object({
  error: z.object({
    type: z.literal('card_error'),
    code: z.literal('card_declined'),
    decline_code: z.enum(['insufficient_funds', 'generic_decline']),
    message: z.string(),
    payment_intent: z.object({ id: z.string().startsWith('pi_'), status: z.literal('requires_payment_method') }),
    payment_method: z.object({ id: z.string().startsWith('pm_'), object: z.literal('payment_method') }).optional(),
  }),
});

type StripeErrorBody = z.infer<typeof StripeError>['error'];
const error = (status: number, body: StripeErrorBody, headers?: Record<string, string>) => json(status, { error: body }, headers);

/** `payment_method_data[card][number]`: how Stripe names a parameter. */
const paramName = (path: readonly (string | number)[]) => path.map((p, i) => (i === 0 ? String(p) : `[${p}]`)).join('');

function authenticate(request: ProcessorRequest): ProcessorResponse | null {
  // Stripe takes the secret key as a Bearer token or as the Basic username (curl -u sk_test_...:).
  const authorization = header(request, 'authorization');
  const key = bearerToken(authorization) ?? basicCredentials(authorization)?.user ?? null;
  if (key === credentials.secretKey) {
    const version = header(request, 'stripe-version');
    if (version !== undefined && !STRIPE_VERSION.test(version)) {
      return error(400, { type: 'invalid_request_error', message: `Invalid Stripe API version: ${version.slice(0, 64)}` });
    }
    return null;
  }
  if (key === null) {
    return error(401, { type: 'invalid_request_error', message: 'You did not provide an API key. Provide it in the Authorization header as a Bearer token.' });
  }
  if (key === credentials.restrictedKey) {
    return error(403, { type: 'invalid_request_error', code: 'restricted_key', message: `The provided key '${redact(key)}' does not have the required permissions for this endpoint.` });
  }
  if (key.startsWith('sk_live_')) {
    return error(401, { type: 'invalid_request_error', code: 'api_key_mode_mismatch', message: 'This is a test-mode endpoint, but a live-mode API key was provided.' });
  }
  return error(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${redact(key)}` });
}

function invalid(issues: FieldIssue[]): ProcessorResponse {
  const issue = issues.find((i) => i.missing) ?? issues.find((i) => i.unknown) ?? issues[0]!;
  const param = paramName(issue.path);
  if (issue.unknown) return error(400, { type: 'invalid_request_error', code: 'parameter_unknown', message: `Received unknown parameter: ${param}`, param });
  return issue.missing
    ? error(400, { type: 'invalid_request_error', code: 'parameter_missing', message: `Missing required param: ${param}.`, param })
    : error(400, { type: 'invalid_request_error', message: `Invalid ${param}: ${issue.message}.`, param });
}

/** Test mode without raw card data access: Stripe's refusal, word for word in substance. */
const rawCardRefusal = () =>
  error(400, {
    type: 'invalid_request_error',
    message:
      'Sending credit card numbers directly to the Stripe API is generally unsafe. We suggest you use test tokens that map to the test card you are using, see https://stripe.com/docs/testing. To enable raw card data APIs in test mode, see https://support.stripe.com/questions/enabling-access-to-raw-card-data-apis.',
  });

/** What the card a request pays with does: a known test PaymentMethod or token, a raw number; null when unknown. */
function outcomeOf(body: StripePaymentRequest): CardOutcome | null {
  const pm = body.payment_method;
  if (pm !== undefined) return STRIPE_TEST_PAYMENT_METHODS[pm] ?? null;
  const card = body.payment_method_data!.card;
  if (card.token !== undefined) return STRIPE_TEST_TOKENS[card.token] ?? null;
  return cardOutcome(card.number!);
}

/** The PaymentMethod a reply names: the one sent, or the one Stripe creates from card data or a token. */
const paymentMethodOf = (body: StripePaymentRequest): string => body.payment_method ?? ids.stripe('pm');

function authorize(body: StripePaymentRequest, state: ProcessorState): ProcessorResponse | null {
  const card = body.payment_method_data?.card;
  if (card?.number !== undefined && !state.rawCardAccess) return rawCardRefusal();
  if (outcomeOf(body)) return null;
  if (body.payment_method !== undefined) {
    return error(400, { type: 'invalid_request_error', code: 'resource_missing', message: `No such PaymentMethod: '${body.payment_method}'`, param: 'payment_method' });
  }
  return error(400, { type: 'invalid_request_error', code: 'resource_missing', message: `No such token: '${card!.token}'`, param: 'payment_method_data[card][token]' });
}

const spec: PaymentSpec<StripePaymentRequest> = {
  schema: StripePaymentRequest,
  decode: decodeForm,
  idempotency: { header: 'idempotency-key', maxLength: 255, replayHeaders: { 'idempotent-replayed': 'true' } },
  authenticate,
  authorize,
  charge: (body) => ({
    id: ids.stripe('pi'),
    amount: Number(body.amount),
    currency: body.currency,
    reference: body.metadata?.reference ?? body.description ?? '',
    outcome: outcomeOf(body)!,
  }),
  replies: {
    invalid,
    invalidKey: (message) => error(400, { type: 'invalid_request_error', message }),
    inFlight: () =>
      error(409, { type: 'idempotency_error', code: 'idempotency_key_in_use', message: 'There is currently another in-progress request using this Idempotency-Key. Retry after it completes.' }),
    mismatch: () =>
      error(400, { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' }),
    serverError: () => failure('server-error'),
    approved: (body, payment, state) =>
      json(200, {
        id: payment.id,
        object: 'payment_intent',
        amount: payment.amount,
        amount_received: payment.amount,
        currency: body.currency,
        status: 'succeeded',
        capture_method: 'automatic',
        confirmation_method: 'automatic',
        created: Math.floor(state.now().getTime() / 1000),
        livemode: false,
        payment_method: paymentMethodOf(body),
        description: body.description ?? null,
        metadata: body.metadata ?? {},
      }),
    declined: (body, payment, reason) =>
      error(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: reason === 'insufficient-funds' ? 'insufficient_funds' : 'generic_decline',
        message: reason === 'insufficient-funds' ? 'Your card has insufficient funds.' : 'Your card was declined.',
        payment_intent: { id: payment.id, status: 'requires_payment_method' },
        payment_method: { id: paymentMethodOf(body), object: 'payment_method' },
      }),
  },
};

function failure(kind: ProcessorFailure, options: { retryAfterSeconds?: number } = {}): ProcessorResponse {
  switch (kind) {
    case 'rate-limited':
      return error(429, { type: 'rate_limit_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' }, { 'retry-after': String(options.retryAfterSeconds ?? 1) });
    case 'server-error':
      return error(500, { type: 'api_error', message: 'Something went wrong on Stripe\'s end.' });
    case 'unavailable':
      return error(503, { type: 'api_error', message: 'Stripe is temporarily unavailable.' });
    case 'client-cert-missing':
      return error(400, { type: 'invalid_request_error', message: 'A client certificate is required.' });
  }
}

/** `t=<unix>,v1=<hex>[,v1=<hex>...]` over `${t}.${body}`, one v1 per secret. */
export function stripeSignature(body: string, t: number, secrets: readonly string[]): string {
  return [`t=${t}`, ...secrets.map((s) => `v1=${createHmac('sha256', s).update(`${t}.${body}`).digest('hex')}`)].join(',');
}

export const stripe: ProcessorProfile = {
  name: 'stripe',
  title: 'Stripe PaymentIntents (secret key)',
  basis: 'Stripe API: POST /v1/payment_intents with confirm=true, Bearer secret key, Idempotency-Key, Stripe-Signature webhooks. A subset: one endpoint; test PaymentMethods (pm_card_visa...), tokens (tok_visa...) or raw card data with raw-card access; no 3-D Secure.',
  paymentRoute: { method: 'POST', path: PAYMENT_PATH },
  idempotencyHeader: 'idempotency-key',
  credentials,
  schemas: { paymentRequest: StripePaymentRequest, paymentResponse: StripePaymentIntent, declineResponse: StripeDecline, errorResponse: StripeError },
  decodeBody: decodeForm,
  failure,
  createState: (options) => new ProcessorState('stripe', options),
  async handle(request, state) {
    const s = stateOf(state, 'stripe');
    const path = routePath(request.path);
    if (request.method.toUpperCase() === 'POST' && path === PAYMENT_PATH) return handlePayment(request, s, spec);
    return error(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${request.method.toUpperCase()}: ${path}).` });
  },
  webhooks: {
    // The gateway knows the current secret; rotation scenarios add STRIPE_WEBHOOK_NEXT_SECRET.
    secrets: { secrets: [STRIPE_WEBHOOK_SECRET] },
    sign(event, options = {}) {
      const t = Math.floor((options.at ?? new Date()).getTime() / 1000);
      const body = JSON.stringify({ id: event.id, object: 'event', type: event.type, created: t, livemode: false, data: { object: event.payload } }, null, options.pretty ? 2 : undefined);
      const secrets = [options.secret ?? STRIPE_WEBHOOK_SECRET, ...(options.extraSecrets ?? [])];
      return { headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature(body, t, secrets) }, body, eventId: event.id };
    },
  },
};
