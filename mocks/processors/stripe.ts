import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { isCardNumber } from './cards.ts';
import { bearerToken, decodeForm, header, json, redact, routePath } from './http.ts';
import { ids } from './ids.ts';
import { handlePayment, type PaymentSpec } from './payment-flow.ts';
import type { ProcessorFailure, ProcessorProfile, ProcessorRequest, ProcessorResponse } from './profile.ts';
import { ProcessorState, stateOf } from './state.ts';
import type { FieldIssue } from './validation.ts';

/** Stripe's PaymentIntents API, create-and-confirm with raw card data: a subset. See README.md. */

const credentials = { kind: 'secret-key', secretKey: 'sk_test_gatecheck_51Mock', restrictedKey: 'rk_test_gatecheck_restricted' } as const;
export const STRIPE_WEBHOOK_SECRET = 'whsec_gatecheck_test';
export const STRIPE_WEBHOOK_NEXT_SECRET = 'whsec_gatecheck_next';
const PAYMENT_PATH = '/v1/payment_intents';

/** The form-decoded body of `POST /v1/payment_intents`. */
export const StripePaymentRequest = z.object({
  amount: z.string().regex(/^[1-9]\d{0,11}$/, 'must be a positive integer amount in minor units'),
  currency: z.string().regex(/^[a-z]{3}$/, 'must be a three-letter ISO currency code in lower case'),
  confirm: z.literal('true', 'must be true'),
  payment_method_data: z.object({
    type: z.literal('card', 'must be card'),
    card: z.object({
      number: z.string().refine(isCardNumber, 'must be a card number (12 to 19 digits, Luhn-valid)'),
      exp_month: z.string().regex(/^(0?[1-9]|1[0-2])$/, 'must be a month, 1 to 12'),
      exp_year: z.string().regex(/^\d{4}$/, 'must be a four-digit year'),
      cvc: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
    }),
  }),
  metadata: z.object({ reference: z.string().min(1, 'must not be empty').max(500) }),
});
export type StripePaymentRequest = z.infer<typeof StripePaymentRequest>;

export const StripePaymentIntent = z.object({
  id: z.string().startsWith('pi_'),
  object: z.literal('payment_intent'),
  amount: z.number().int(),
  currency: z.string().regex(/^[a-z]{3}$/),
  status: z.literal('succeeded'),
  created: z.number().int(),
  metadata: z.object({ reference: z.string() }),
});

export const StripeError = z.object({
  error: z.object({
    type: z.enum(['api_error', 'card_error', 'idempotency_error', 'invalid_request_error', 'rate_limit_error']),
    code: z.string().optional(),
    decline_code: z.string().optional(),
    message: z.string(),
    param: z.string().optional(),
    payment_intent: z.object({ id: z.string(), status: z.string() }).optional(),
  }),
});

export const StripeDecline = z.object({
  error: z.object({
    type: z.literal('card_error'),
    code: z.literal('card_declined'),
    decline_code: z.enum(['insufficient_funds', 'generic_decline']),
    message: z.string(),
    payment_intent: z.object({ id: z.string().startsWith('pi_'), status: z.literal('requires_payment_method') }),
  }),
});

type StripeErrorBody = z.infer<typeof StripeError>['error'];
const error = (status: number, body: StripeErrorBody, headers?: Record<string, string>) => json(status, { error: body }, headers);

/** `payment_method_data[card][number]`: how Stripe names a parameter. */
const paramName = (path: readonly (string | number)[]) => path.map((p, i) => (i === 0 ? String(p) : `[${p}]`)).join('');

function authenticate(request: ProcessorRequest): ProcessorResponse | null {
  const key = bearerToken(header(request, 'authorization'));
  if (key === credentials.secretKey) return null;
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
  const issue = issues[0]!;
  const param = paramName(issue.path);
  return issue.missing
    ? error(400, { type: 'invalid_request_error', code: 'parameter_missing', message: `Missing required param: ${param}.`, param })
    : error(400, { type: 'invalid_request_error', message: `Invalid ${param}: ${issue.message}.`, param });
}

const spec: PaymentSpec<StripePaymentRequest> = {
  schema: StripePaymentRequest,
  decode: decodeForm,
  idempotency: { header: 'idempotency-key', maxLength: 255, replayHeaders: { 'idempotent-replayed': 'true' } },
  authenticate,
  charge: (body) => ({
    id: ids.stripe('pi'),
    amount: Number(body.amount),
    currency: body.currency,
    reference: body.metadata.reference,
    card: body.payment_method_data.card.number,
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
        currency: body.currency,
        status: 'succeeded',
        created: Math.floor(state.now().getTime() / 1000),
        metadata: { reference: payment.reference },
      }),
    declined: (_body, payment, reason) =>
      error(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: reason === 'insufficient-funds' ? 'insufficient_funds' : 'generic_decline',
        message: reason === 'insufficient-funds' ? 'Your card has insufficient funds.' : 'Your card was declined.',
        payment_intent: { id: payment.id, status: 'requires_payment_method' },
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
  basis: 'Stripe API: POST /v1/payment_intents with confirm=true, Bearer secret key, Idempotency-Key, Stripe-Signature webhooks. A subset: one endpoint, raw card data, no 3-D Secure.',
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
