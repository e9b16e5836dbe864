import { createPrivateKey, randomUUID, sign as cryptoSign } from 'node:crypto';
import { z } from 'zod';
import { loadPki, type Pki } from '../pki/load.ts';
import { decimalToMinor, isDecimalAmount } from './amounts.ts';
import { isCardNumber } from './cards.ts';
import { crc32 } from './crc32.ts';
import { basicCredentials, bearerToken, decodeForm, header, json, parseJson, routePath } from './http.ts';
import { ids } from './ids.ts';
import { handlePayment, type PaymentSpec } from './payment-flow.ts';
import type { ProcessorFailure, ProcessorProfile, ProcessorRequest, ProcessorResponse } from './profile.ts';
import { ProcessorState, stateOf } from './state.ts';
import type { FieldIssue } from './validation.ts';

/** PayPal REST: OAuth2 client credentials, Orders v2 create with intent CAPTURE and a card source, signed webhooks: a subset. See README.md. */

const credentials = { kind: 'oauth2-client', clientId: 'gatecheck-client-id', clientSecret: 'gatecheck-client-secret' } as const;
export const PAYPAL_WEBHOOK_ID = 'WH-GATECHECK-1';
/** The PKI certificate whose key signs webhooks; the gateway verifies with its certificate. */
export const PAYPAL_SIGNING_CERT_ID = 'server-good';
const TOKEN_PATH = '/v1/oauth2/token';
const PAYMENT_PATH = '/v2/checkout/orders';
const APP_ID = 'APP-80W284485P519543T';
const SCOPE = 'https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund';

export const PaypalTokenRequest = z.object({ grant_type: z.literal('client_credentials') });

export const PaypalToken = z.object({
  scope: z.string(),
  access_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  app_id: z.string(),
  expires_in: z.number().int().positive(),
  nonce: z.string(),
});

const Money = z
  .object({
    currency_code: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code in upper case'),
    value: z.string(),
  })
  .refine((m) => isDecimalAmount(m.value, m.currency_code) && decimalToMinor(m.value, m.currency_code) > 0, {
    path: ['value'],
    message: 'must be a positive decimal amount with the currency\'s decimals, e.g. "10.00"',
  });

export const PaypalOrderRequest = z.object({
  intent: z.literal('CAPTURE', 'must be CAPTURE'),
  purchase_units: z.array(z.object({ reference_id: z.string().min(1, 'must not be empty').max(256), amount: Money })).length(1, 'must hold exactly one purchase unit'),
  payment_source: z.object({
    card: z.object({
      number: z.string().refine(isCardNumber, 'must be a card number (12 to 19 digits, Luhn-valid)'),
      expiry: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
      security_code: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
    }),
  }),
});
export type PaypalOrderRequest = z.infer<typeof PaypalOrderRequest>;

export const PaypalOrder = z.object({
  id: z.string().min(1),
  status: z.literal('COMPLETED'),
  purchase_units: z
    .array(
      z.object({
        reference_id: z.string(),
        payments: z.object({
          captures: z.array(z.object({ id: z.string(), status: z.literal('COMPLETED'), amount: z.object({ currency_code: z.string(), value: z.string() }) })).min(1),
        }),
      }),
    )
    .min(1),
});

const Detail = z.object({ field: z.string().optional(), location: z.string().optional(), issue: z.string(), description: z.string().optional() });

/** PayPal's API error; `details` is always sent by the mock, and optional because real 5xx bodies may lack it. */
export const PaypalApiError = z.object({ name: z.string(), message: z.string(), debug_id: z.string(), details: z.array(Detail).optional() });
/** The OAuth2-style error of the token endpoint and of a bad bearer token. */
export const PaypalOAuthError = z.object({ error: z.string(), error_description: z.string() });
export const PaypalError = z.union([PaypalApiError, PaypalOAuthError]);

export const PaypalDecline = z.object({
  name: z.literal('UNPROCESSABLE_ENTITY'),
  message: z.string(),
  debug_id: z.string(),
  details: z.array(Detail.extend({ issue: z.literal('INSTRUMENT_DECLINED') })).length(1),
});

type ApiErrorBody = Omit<z.infer<typeof PaypalApiError>, 'debug_id'>;
const apiError = (status: number, body: ApiErrorBody, headers?: Record<string, string>) =>
  json(status, { name: body.name, message: body.message, debug_id: ids.debug(), details: body.details ?? [] }, headers);
const oauthError = (status: number, error: string, error_description: string) => json(status, { error, error_description });

const invalidToken = () => oauthError(401, 'invalid_token', 'Token signature verification failed');

function authenticate(request: ProcessorRequest, state: ProcessorState): ProcessorResponse | null {
  const token = bearerToken(header(request, 'authorization'));
  const expiresAt = token === null ? undefined : state.tokens.get(token);
  if (expiresAt === undefined || state.now().getTime() >= expiresAt) return invalidToken();
  return null;
}

/** `/purchase_units/0/amount/value`: how PayPal names a field (JSON Pointer). */
const pointer = (path: readonly (string | number)[]) => `/${path.join('/')}`;

function invalid(issues: FieldIssue[]): ProcessorResponse {
  const details = issues.map((issue) =>
    issue.path.length === 0
      ? { location: 'body', issue: 'MALFORMED_REQUEST_JSON', description: 'The request JSON is not well formed.' }
      : {
          field: pointer(issue.path),
          location: 'body',
          issue: issue.missing ? 'MISSING_REQUIRED_PARAMETER' : 'INVALID_PARAMETER_VALUE',
          description: issue.missing ? 'A required field / parameter is missing.' : `The value of a field is invalid: ${issue.message}.`,
        },
  );
  return apiError(400, { name: 'INVALID_REQUEST', message: 'Request is not well-formed, syntactically incorrect, or violates schema.', details });
}

const spec: PaymentSpec<PaypalOrderRequest> = {
  schema: PaypalOrderRequest,
  decode: parseJson,
  idempotency: { header: 'paypal-request-id', maxLength: 108 },
  authenticate,
  charge: (body) => {
    const unit = body.purchase_units[0]!;
    return {
      id: ids.paypal(),
      amount: decimalToMinor(unit.amount.value, unit.amount.currency_code),
      currency: unit.amount.currency_code,
      reference: unit.reference_id,
      card: body.payment_source.card.number,
    };
  },
  replies: {
    invalid,
    invalidKey: (message) =>
      apiError(400, { name: 'INVALID_REQUEST', message: 'Request is not well-formed, syntactically incorrect, or violates schema.', details: [{ field: 'PayPal-Request-Id', location: 'header', issue: 'INVALID_PARAMETER_VALUE', description: message }] }),
    inFlight: () =>
      apiError(409, { name: 'RESOURCE_CONFLICT', message: 'The server has detected a conflict while processing this request.', details: [{ issue: 'DUPLICATE_REQUEST_ID', description: 'A request with this PayPal-Request-Id is still being processed.' }] }),
    mismatch: () =>
      apiError(422, {
        name: 'UNPROCESSABLE_ENTITY',
        message: 'The requested action could not be performed, semantically incorrect, or failed business validation.',
        details: [{ issue: 'DUPLICATE_REQUEST_ID', description: 'The value of PayPal-Request-Id header has already been used with a different request body.' }],
      }),
    serverError: () => failure('server-error'),
    approved: (body, payment) => {
      const unit = body.purchase_units[0]!;
      return json(201, {
        id: payment.id,
        status: 'COMPLETED',
        purchase_units: [{ reference_id: unit.reference_id, payments: { captures: [{ id: ids.paypal(), status: 'COMPLETED', amount: unit.amount }] } }],
      });
    },
    declined: (_body, _payment, reason) =>
      apiError(422, {
        name: 'UNPROCESSABLE_ENTITY',
        message: 'The requested action could not be performed, semantically incorrect, or failed business validation.',
        details: [
          {
            issue: 'INSTRUMENT_DECLINED',
            description:
              reason === 'insufficient-funds'
                ? 'The instrument presented was declined by the bank: insufficient funds.'
                : 'The instrument presented was either declined by the processor or bank, or it can\'t be used for this payment.',
          },
        ],
      }),
  },
};

function issueToken(request: ProcessorRequest, state: ProcessorState): ProcessorResponse {
  const client = basicCredentials(header(request, 'authorization'));
  if (client?.user !== credentials.clientId || client.password !== credentials.clientSecret) {
    return oauthError(401, 'invalid_client', 'Client Authentication failed');
  }
  const grant = decodeForm(request.body).grant_type;
  if (!PaypalTokenRequest.safeParse({ grant_type: grant }).success) {
    return oauthError(400, 'unsupported_grant_type', grant === undefined ? 'Grant Type is NULL' : `Grant Type ${String(grant)} is not supported`);
  }
  const now = state.now();
  const token = ids.token('A21AA');
  state.issueToken(token, now.getTime() + state.tokenTtlSeconds * 1000);
  return json(200, { scope: SCOPE, access_token: token, token_type: 'Bearer', app_id: APP_ID, expires_in: state.tokenTtlSeconds, nonce: `${now.toISOString()}${ids.token('')}` });
}

function failure(kind: ProcessorFailure, options: { retryAfterSeconds?: number } = {}): ProcessorResponse {
  switch (kind) {
    case 'rate-limited':
      return apiError(
        429,
        { name: 'RATE_LIMIT_REACHED', message: 'Too many requests. Blocked due to rate limiting.', details: [{ issue: 'RATE_LIMIT_REACHED', description: 'Rate limit reached; retry later.' }] },
        { 'retry-after': String(options.retryAfterSeconds ?? 1) },
      );
    case 'server-error':
      return apiError(500, { name: 'INTERNAL_SERVER_ERROR', message: 'An internal server error has occurred.', details: [{ issue: 'INTERNAL_SERVICE_ERROR', description: 'An internal service error has occurred.' }] });
    case 'unavailable':
      return apiError(503, { name: 'SERVICE_UNAVAILABLE', message: 'Service Unavailable.', details: [{ issue: 'SERVICE_UNAVAILABLE', description: 'The service is temporarily unavailable.' }] });
    case 'client-cert-missing':
      return apiError(400, { name: 'INVALID_REQUEST', message: 'A client certificate is required.', details: [{ issue: 'CLIENT_CERTIFICATE_REQUIRED', description: 'A client certificate is required.' }] });
  }
}

/** The string PayPal signs: `${transmissionId}|${transmissionTime}|${webhookId}|${crc32(body)}`. */
export function paypalSignedString(transmissionId: string, transmissionTime: string, webhookId: string, body: string): string {
  return `${transmissionId}|${transmissionTime}|${webhookId}|${crc32(body)}`;
}

let pki: Pki | undefined;
/** Read on first use, so importing the profiles needs no certificates. */
const certs = () => (pki ??= loadPki());

export const paypal: ProcessorProfile = {
  name: 'paypal',
  title: 'PayPal Orders v2 (OAuth2 client credentials)',
  basis: 'PayPal REST: POST /v1/oauth2/token (client credentials), POST /v2/checkout/orders with intent CAPTURE and a card payment source, PayPal-Request-Id, transmission-signed webhooks. A subset: one order, captured at once.',
  paymentRoute: { method: 'POST', path: PAYMENT_PATH },
  tokenRoute: { method: 'POST', path: TOKEN_PATH },
  idempotencyHeader: 'paypal-request-id',
  credentials,
  schemas: {
    paymentRequest: PaypalOrderRequest,
    paymentResponse: PaypalOrder,
    declineResponse: PaypalDecline,
    errorResponse: PaypalError,
    tokenRequest: PaypalTokenRequest,
    tokenResponse: PaypalToken,
  },
  decodeBody: parseJson,
  failure,
  createState: (options) => new ProcessorState('paypal', options),
  async handle(request, state) {
    const s = stateOf(state, 'paypal');
    const path = routePath(request.path);
    const post = request.method.toUpperCase() === 'POST';
    if (post && path === TOKEN_PATH) return issueToken(request, s);
    if (post && path === PAYMENT_PATH) return handlePayment(request, s, spec);
    return apiError(404, { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.', details: [{ issue: 'INVALID_RESOURCE_ID', description: `No resource at ${request.method.toUpperCase()} ${path}.` }] });
  },
  webhooks: {
    get secrets() {
      return { webhookId: PAYPAL_WEBHOOK_ID, certFile: certs().certPath(PAYPAL_SIGNING_CERT_ID) };
    },
    /**
     * Signs with the key of PKI certificate `secret` (default server-good; e.g. server-rotated
     * for a key the gateway does not trust). PayPal sends one signature: `extraSecrets` does not apply.
     */
    sign(event, options = {}) {
      if (options.extraSecrets?.length) throw new Error('gatecheck: paypal webhooks carry one signature; extraSecrets does not apply');
      const certId = options.secret ?? PAYPAL_SIGNING_CERT_ID;
      const key = createPrivateKey(certs().read(certs().keyPath(certId)));
      const algo = key.asymmetricKeyType === 'ec' ? 'SHA256withECDSA' : 'SHA256withRSA';
      const time = (options.at ?? new Date()).toISOString();
      const transmissionId = randomUUID();
      const body = JSON.stringify({ id: event.id, event_version: '1.0', create_time: time, event_type: event.type, resource: event.payload }, null, options.pretty ? 2 : undefined);
      const signature = cryptoSign('sha256', Buffer.from(paypalSignedString(transmissionId, time, PAYPAL_WEBHOOK_ID, body)), key).toString('base64');
      return {
        headers: {
          'content-type': 'application/json',
          'paypal-transmission-id': transmissionId,
          'paypal-transmission-time': time,
          'paypal-transmission-sig': signature,
          'paypal-cert-url': `https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-gatecheck-${certId}`,
          'paypal-auth-algo': algo,
        },
        body,
        eventId: event.id,
      };
    },
  },
};
