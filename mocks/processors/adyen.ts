import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ADYEN_REFUSAL_HOLDER_NAMES, ADYEN_TEST_PREFIX, cardOutcome, isCardNumber, type CardOutcome } from './cards.ts';
import { header, json, parseJson, routePath } from './http.ts';
import { ids } from './ids.ts';
import { handlePayment, type PaymentSpec } from './payment-flow.ts';
import type { ProcessorFailure, ProcessorProfile, ProcessorRequest, ProcessorResponse } from './profile.ts';
import { ProcessorState, stateOf } from './state.ts';
import { dotted, type FieldIssue } from './validation.ts';

/** Adyen Checkout API v68-v72 /payments with encrypted test card fields or (with the raw-card role) raw card data, and HMAC-signed notifications: a subset. See README.md. */

const credentials = { kind: 'api-key', apiKey: 'AQE_gatecheck_test_key', merchantAccount: 'GatecheckECOM' } as const;
export const ADYEN_HMAC_KEY = '0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF';
/** The Checkout API versions the mock answers on; @adyen/api-library's default is the last. */
export const ADYEN_CHECKOUT_VERSIONS = [68, 69, 70, 71, 72] as const;
const PAYMENT_PATH = /^\/v(6[89]|7[012])\/payments$/;

/** `test_<value>`: how Adyen's test environment takes a card field "encrypted" without the client-side encryption. */
const testEncrypted = (inner: RegExp, what: string) =>
  z.string().refine((v) => v.startsWith(ADYEN_TEST_PREFIX) && inner.test(v.slice(ADYEN_TEST_PREFIX.length)), `must be ${what} with the test_ prefix (Adyen's test encryption), e.g. test_4111111111111111`);

const RAW = ['number', 'expiryMonth', 'expiryYear'] as const;
const ENCRYPTED = ['encryptedCardNumber', 'encryptedExpiryMonth', 'encryptedExpiryYear'] as const;

/** A card as raw fields or as `test_`-prefixed encrypted fields: one set, not both. */
const CardDetails = z
  .object({
    type: z.literal('scheme', 'must be scheme'),
    number: z.string().refine(isCardNumber, 'must be a card number (12 to 19 digits, Luhn-valid)').optional(),
    expiryMonth: z.string().regex(/^(0[1-9]|1[0-2])$/, 'must be a two-digit month').optional(),
    expiryYear: z.string().regex(/^\d{4}$/, 'must be a four-digit year').optional(),
    cvc: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits').optional(),
    encryptedCardNumber: testEncrypted(/^\d{12,19}$/, 'a card number').optional(),
    encryptedExpiryMonth: testEncrypted(/^(0[1-9]|1[0-2])$/, 'a two-digit month').optional(),
    encryptedExpiryYear: testEncrypted(/^\d{4}$/, 'a four-digit year').optional(),
    encryptedSecurityCode: testEncrypted(/^\d{3,4}$/, '3 or 4 digits').optional(),
    holderName: z.string().max(256).optional(),
  })
  .superRefine((card, ctx) => {
    // The set the request started on decides which fields are missing; with neither, the raw card number is.
    const encrypted = [...ENCRYPTED, 'encryptedSecurityCode' as const].some((f) => card[f] !== undefined);
    const fields = encrypted ? ENCRYPTED : RAW;
    for (const field of fields) if (card[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required' });
    const other = fields === RAW ? [...ENCRYPTED, 'encryptedSecurityCode' as const] : [...RAW, 'cvc' as const];
    for (const field of other) if (card[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'cannot be mixed with the other card fields (raw or encrypted: one set)' });
  });

/**
 * `POST /v{68..72}/payments`: the fields the API requires (amount, merchantAccount,
 * paymentMethod, reference, returnUrl) and the modelled optional ones; other fields Adyen takes
 * are ignored (not refused), which is looser than the API only for fields we do not model.
 */
export const AdyenPaymentRequest = z.object({
  merchantAccount: z.string().min(1, 'must not be empty'),
  reference: z.string().min(1, 'must not be empty').max(80),
  amount: z.object({
    value: z.number().int().positive('must be a positive integer in minor units'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code in upper case'),
  }),
  paymentMethod: CardDetails,
  returnUrl: z.string().min(1, 'must not be empty').max(8000),
  shopperReference: z.string().min(3).max(256).optional(),
  shopperInteraction: z.enum(['Ecommerce', 'ContAuth', 'Moto', 'POS']).optional(),
  channel: z.enum(['iOS', 'Android', 'Web']).optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
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
  refusalReasonCode: z.enum(['12', '2']),
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

/** The card number a request pays with, raw or test-encrypted. */
const cardNumber = (card: AdyenPaymentRequest['paymentMethod']) => card.number ?? card.encryptedCardNumber!.slice(ADYEN_TEST_PREFIX.length);

/** Adyen simulates refusals in test through the holder name; otherwise the card number decides. */
function outcomeOf(card: AdyenPaymentRequest['paymentMethod']): CardOutcome {
  const holder = card.holderName?.toUpperCase();
  if (holder !== undefined && Object.hasOwn(ADYEN_REFUSAL_HOLDER_NAMES, holder)) return { outcome: 'declined', reason: ADYEN_REFUSAL_HOLDER_NAMES[holder]! };
  return cardOutcome(cardNumber(card));
}

/** The merchant accounts this key may use (ProfileOptions.merchantAccounts, else the profile's own). */
const merchantAccountsOf = (state: ProcessorState) => (state.merchantAccounts.length > 0 ? state.merchantAccounts : [credentials.merchantAccount]);

function authorize(body: AdyenPaymentRequest, state: ProcessorState): ProcessorResponse | null {
  // A merchant account the credential does not know: Checkout answers 422 901 (a validation error).
  if (!merchantAccountsOf(state).includes(body.merchantAccount)) return error({ status: 422, errorCode: '901', message: 'Invalid Merchant Account', errorType: 'validation' });
  // Raw card data needs the API credential's raw-card role; without it Adyen answers 010.
  if (body.paymentMethod.number !== undefined && !state.rawCardAccess) return error({ status: 403, errorCode: '010', message: 'Not allowed', errorType: 'security' });
  return null;
}

const spec: PaymentSpec<AdyenPaymentRequest> = {
  schema: AdyenPaymentRequest,
  decode: parseJson,
  idempotency: { header: 'idempotency-key', maxLength: 64 },
  authenticate,
  authorize,
  charge: (body) => ({ id: ids.psp(), amount: body.amount.value, currency: body.amount.currency, reference: body.reference, outcome: outcomeOf(body.paymentMethod) }),
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
        refusalReasonCode: reason === 'insufficient-funds' ? '12' : '2',
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
  basis: 'Adyen Checkout API v68-v72: POST /payments with X-API-Key and Idempotency-Key, declines as 200 Refused, HMAC-signed standard notifications. A subset: one endpoint; cards as test_-encrypted fields, or raw with the raw-card role.',
  // The route the reference gateway and the harness use; v68 to v72 all answer.
  paymentRoute: { method: 'POST', path: '/v71/payments' },
  idempotencyHeader: 'idempotency-key',
  credentials,
  schemas: { paymentRequest: AdyenPaymentRequest, paymentResponse: AdyenAuthorised, declineResponse: AdyenRefused, errorResponse: AdyenError },
  decodeBody: parseJson,
  failure,
  createState: (options) => new ProcessorState('adyen', options),
  async handle(request, state) {
    const s = stateOf(state, 'adyen');
    const path = routePath(request.path);
    if (request.method.toUpperCase() === 'POST' && PAYMENT_PATH.test(path)) return handlePayment(request, s, spec);
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
