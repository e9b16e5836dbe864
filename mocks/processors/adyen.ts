import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { isCardNumber } from './cards.ts';
import { header, json, parseJson, routePath } from './http.ts';
import { ids } from './ids.ts';
import { handlePayment, type PaymentSpec } from './payment-flow.ts';
import type { ProcessorFailure, ProcessorProfile, ProcessorRequest, ProcessorResponse } from './profile.ts';
import { ProcessorState, stateOf } from './state.ts';
import { dotted, type FieldIssue } from './validation.ts';

/** Adyen Checkout API v71 /payments with raw card data, and HMAC-signed notifications: a subset. See README.md. */

const credentials = { kind: 'api-key', apiKey: 'AQE_gatecheck_test_key', merchantAccount: 'GatecheckECOM' } as const;
export const ADYEN_HMAC_KEY = '0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF';
const PAYMENT_PATH = '/v71/payments';

export const AdyenPaymentRequest = z.object({
  merchantAccount: z.string().min(1, 'must not be empty'),
  reference: z.string().min(1, 'must not be empty').max(80),
  amount: z.object({
    value: z.number().int().positive('must be a positive integer in minor units'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code in upper case'),
  }),
  paymentMethod: z.object({
    type: z.literal('scheme', 'must be scheme'),
    number: z.string().refine(isCardNumber, 'must be a card number (12 to 19 digits, Luhn-valid)'),
    expiryMonth: z.string().regex(/^(0[1-9]|1[0-2])$/, 'must be a two-digit month'),
    expiryYear: z.string().regex(/^\d{4}$/, 'must be a four-digit year'),
    cvc: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
  }),
});
export type AdyenPaymentRequest = z.infer<typeof AdyenPaymentRequest>;

const Amount = z.object({ value: z.number().int(), currency: z.string() });

export const AdyenAuthorised = z.object({
  pspReference: z.string().length(16),
  resultCode: z.literal('Authorised'),
  merchantReference: z.string(),
  amount: Amount,
});

export const AdyenRefused = z.object({
  pspReference: z.string().length(16),
  resultCode: z.literal('Refused'),
  refusalReason: z.enum(['Not enough balance', 'Refused']),
  refusalReasonCode: z.enum(['51', '2']),
  merchantReference: z.string(),
});

export const AdyenError = z.object({
  status: z.number().int(),
  errorCode: z.string(),
  message: z.string(),
  errorType: z.string(),
  pspReference: z.string().optional(),
});
type AdyenErrorBody = z.infer<typeof AdyenError>;

const error = (body: Omit<AdyenErrorBody, 'pspReference'>, headers?: Record<string, string>) =>
  json(body.status, { ...body, pspReference: ids.psp() }, headers);

function authenticate(request: ProcessorRequest): ProcessorResponse | null {
  if (header(request, 'x-api-key') === credentials.apiKey) return null;
  return error({ status: 401, errorCode: '000', message: 'HTTP Status Response - Unauthorized', errorType: 'security' });
}

function invalid(issues: FieldIssue[]): ProcessorResponse {
  const issue = issues[0]!;
  const field = dotted(issue.path);
  const message =
    field === '' ? 'Structure of PaymentRequest is invalid: the body is not a JSON object' : issue.missing ? `Required field '${field}' is not provided.` : `Invalid field '${field}': ${issue.message}.`;
  return error({ status: 422, errorCode: '702', message, errorType: 'validation' });
}

const spec: PaymentSpec<AdyenPaymentRequest> = {
  schema: AdyenPaymentRequest,
  decode: parseJson,
  idempotency: { header: 'idempotency-key', maxLength: 64 },
  authenticate,
  // The key is valid but not linked to this merchant account.
  authorize: (body) =>
    body.merchantAccount === credentials.merchantAccount ? null : error({ status: 403, errorCode: '010', message: 'Not allowed', errorType: 'security' }),
  charge: (body) => ({ id: ids.psp(), amount: body.amount.value, currency: body.amount.currency, reference: body.reference, card: body.paymentMethod.number }),
  replies: {
    invalid,
    invalidKey: (message) => error({ status: 422, errorCode: '702', message, errorType: 'validation' }),
    inFlight: () => error({ status: 409, errorCode: '704', message: 'request already processed or in progress', errorType: 'validation' }),
    mismatch: () => error({ status: 422, errorCode: 'idempotency_mismatch', message: 'The Idempotency-Key was already used with a different request body.', errorType: 'validation' }),
    serverError: () => failure('server-error'),
    approved: (body, payment) =>
      json(200, { pspReference: payment.id, resultCode: 'Authorised', merchantReference: payment.reference, amount: { value: body.amount.value, currency: body.amount.currency } }),
    declined: (body, payment, reason) =>
      json(200, {
        pspReference: payment.id,
        resultCode: 'Refused',
        refusalReason: reason === 'insufficient-funds' ? 'Not enough balance' : 'Refused',
        refusalReasonCode: reason === 'insufficient-funds' ? '51' : '2',
        merchantReference: payment.reference,
        amount: { value: body.amount.value, currency: body.amount.currency },
      }),
  },
};

function failure(kind: ProcessorFailure, options: { retryAfterSeconds?: number } = {}): ProcessorResponse {
  switch (kind) {
    case 'rate-limited':
      return error({ status: 429, errorCode: '000', message: 'Too many requests', errorType: 'throttling' }, { 'retry-after': String(options.retryAfterSeconds ?? 1) });
    case 'server-error':
      return error({ status: 500, errorCode: '000', message: 'An internal error occurred', errorType: 'internal' });
    case 'unavailable':
      return error({ status: 503, errorCode: '000', message: 'Service unavailable', errorType: 'internal' });
    case 'client-cert-missing':
      return error({ status: 400, errorCode: '000', message: 'A client certificate is required', errorType: 'security' });
  }
}

/** The notification fields Adyen signs, in order; absent ones are empty strings. */
export type AdyenSignedFields = {
  pspReference: string;
  originalReference?: string;
  merchantAccountCode: string;
  merchantReference: string;
  amount: { value: number; currency: string };
  eventCode: string;
  success: string;
};

/** base64(HMAC-SHA256(hex-decoded key, pspReference:originalReference:...:success)). */
export function adyenSignature(item: AdyenSignedFields, hexKey: string): string {
  const data = [item.pspReference, item.originalReference ?? '', item.merchantAccountCode, item.merchantReference, item.amount.value, item.amount.currency, item.eventCode, item.success].join(':');
  return createHmac('sha256', Buffer.from(hexKey, 'hex')).update(data).digest('base64');
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

export const adyen: ProcessorProfile = {
  name: 'adyen',
  title: 'Adyen Checkout /payments (X-API-Key)',
  basis: 'Adyen Checkout API v71: POST /payments with X-API-Key and Idempotency-Key, declines as 200 Refused, HMAC-signed standard notifications. A subset: raw card data, one endpoint.',
  paymentRoute: { method: 'POST', path: PAYMENT_PATH },
  idempotencyHeader: 'idempotency-key',
  credentials,
  schemas: { paymentRequest: AdyenPaymentRequest, paymentResponse: AdyenAuthorised, declineResponse: AdyenRefused, errorResponse: AdyenError },
  decodeBody: parseJson,
  failure,
  createState: (options) => new ProcessorState('adyen', options),
  async handle(request, state) {
    const s = stateOf(state, 'adyen');
    const path = routePath(request.path);
    if (request.method.toUpperCase() === 'POST' && path === PAYMENT_PATH) return handlePayment(request, s, spec);
    return error({ status: 404, errorCode: '000', message: `HTTP Status Response - Not Found: ${request.method.toUpperCase()} ${path}`, errorType: 'validation' });
  },
  webhooks: {
    secrets: { hmacKey: ADYEN_HMAC_KEY },
    /**
     * `event.id` is the pspReference, `event.type` the eventCode; `payload` may set
     * originalReference, merchantReference, amount and success. `secret` is a hex key to sign
     * with instead; Adyen sends one signature, so `extraSecrets` does not apply.
     */
    sign(event, options = {}) {
      if (options.extraSecrets?.length) throw new Error('gatecheck: adyen notifications carry one HMAC signature; extraSecrets does not apply');
      const p = event.payload;
      const amount = typeof p.amount === 'object' && p.amount !== null ? (p.amount as { value: number; currency: string }) : { value: 1000, currency: 'EUR' };
      const fields: AdyenSignedFields = {
        pspReference: event.id,
        ...(typeof p.originalReference === 'string' ? { originalReference: p.originalReference } : {}),
        merchantAccountCode: text(p.merchantAccountCode, credentials.merchantAccount),
        merchantReference: text(p.merchantReference, 'gatecheck-order-1'),
        amount: { value: amount.value, currency: amount.currency },
        eventCode: event.type,
        success: text(p.success, 'true'),
      };
      const item = {
        ...fields,
        eventDate: (options.at ?? new Date()).toISOString(),
        additionalData: { hmacSignature: adyenSignature(fields, options.secret ?? ADYEN_HMAC_KEY) },
      };
      const body = JSON.stringify({ live: 'false', notificationItems: [{ NotificationRequestItem: item }] }, null, options.pretty ? 2 : undefined);
      return { headers: { 'content-type': 'application/json' }, body, eventId: `${event.id}:${event.type}` };
    },
  },
};
