import { createPrivateKey, randomUUID, sign as cryptoSign } from 'node:crypto';
import { z } from 'zod';
import { loadPki, type Pki } from '../pki/load.ts';
import { decimalToMinor, isDecimalAmount } from './amounts.ts';
import { cardOutcome, isCardNumber, type DeclineReason } from './cards.ts';
import { crc32 } from './crc32.ts';
import { basicCredentials, bearerToken, decodeForm, header, json, parseJson, routePath } from './http.ts';
import { ids } from './ids.ts';
import { handlePayment, type PaymentSpec } from './payment-flow.ts';
import type { ProcessorFailure, ProcessorProfile, ProcessorRequest, ProcessorResponse } from './profile.ts';
import { ProcessorState, stateOf } from './state.ts';
import type { FieldIssue } from './validation.ts';

/** PayPal REST: OAuth2 client credentials, Orders v2 create (with or without a card source) and capture, signed webhooks: a subset. See README.md. */

const credentials = { kind: 'oauth2-client', clientId: 'gatecheck-client-id', clientSecret: 'gatecheck-client-secret' } as const;
export const PAYPAL_WEBHOOK_ID = 'WH-GATECHECK-1';
/** The PKI certificate whose key signs webhooks; the gateway verifies with its certificate. */
export const PAYPAL_SIGNING_CERT_ID = 'server-good';
const TOKEN_PATH = '/v1/oauth2/token';
const PAYMENT_PATH = '/v2/checkout/orders';
const CAPTURE_PATH = /^\/v2\/checkout\/orders\/([A-Z0-9]{1,36})\/capture$/;
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

/** A card payment source: number and expiry required, security code and name optional (as the Orders v2 card request). */
const CardSource = z.object({
  card: z.object({
    number: z.string().refine(isCardNumber, 'must be a card number (12 to 19 digits, Luhn-valid)'),
    expiry: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
    security_code: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits').optional(),
    name: z.string().max(300).optional(),
  }),
});

/**
 * `POST /v2/checkout/orders`, intent CAPTURE. With a card `payment_source` the card is charged at
 * once (order COMPLETED); without one the order is CREATED, to be captured later.
 */
export const PaypalOrderRequest = z.object({
  intent: z.literal('CAPTURE', 'must be CAPTURE (the mock does not model AUTHORIZE)'),
  purchase_units: z
    .array(z.object({ reference_id: z.string().min(1, 'must not be empty').max(256).optional(), description: z.string().max(127).optional(), custom_id: z.string().max(255).optional(), invoice_id: z.string().max(127).optional(), amount: Money }))
    .length(1, 'must hold exactly one purchase unit (the mock models one)'),
  payment_source: CardSource.optional(),
});

/** `POST /v2/checkout/orders/{id}/capture`: an empty body, or a card to pay the order with. */
export const PaypalCaptureRequest = z.object({ payment_source: CardSource.optional() });
export type PaypalCaptureRequest = z.infer<typeof PaypalCaptureRequest>;
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

const Link = z.object({ href: z.string(), rel: z.string(), method: z.string().optional() });

/** An order created without a payment source: waiting for the payer's approval (or a card at capture). */
export const PaypalCreatedOrder = z.object({
  id: z.string().min(1),
  intent: z.literal('CAPTURE'),
  status: z.literal('CREATED'),
  purchase_units: z.array(z.object({ reference_id: z.string(), amount: z.object({ currency_code: z.string(), value: z.string() }) })).min(1),
  links: z.array(Link).min(1),
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

const UNPROCESSABLE = 'The requested action could not be performed, semantically incorrect, or failed business validation.';

/** What the mock remembers of an order between create and capture. */
type StoredOrder = { id: string; status: 'CREATED' | 'COMPLETED'; referenceId: string; amount: { currency_code: string; value: string } };

const storedOrder = (state: ProcessorState, id: string): StoredOrder | undefined => state.orders.get(id) as StoredOrder | undefined;

function orderLinks(id: string) {
  const self = `https://api-m.sandbox.paypal.com/v2/checkout/orders/${id}`;
  return [
    { href: self, rel: 'self', method: 'GET' },
    { href: `https://www.sandbox.paypal.com/checkoutnow?token=${id}`, rel: 'approve', method: 'GET' },
    { href: self, rel: 'update', method: 'PATCH' },
    { href: `${self}/capture`, rel: 'capture', method: 'POST' },
  ];
}

/** The COMPLETED order with one capture: what create-with-card and capture both answer. */
function completedOrder(id: string, referenceId: string, amount: StoredOrder['amount']): ProcessorResponse {
  return json(201, {
    id,
    intent: 'CAPTURE',
    status: 'COMPLETED',
    purchase_units: [{ reference_id: referenceId, payments: { captures: [{ id: ids.paypal(), status: 'COMPLETED', amount, final_capture: true }] } }],
    links: [{ href: `https://api-m.sandbox.paypal.com/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' }],
  });
}

const declinedReply = (reason: DeclineReason) =>
  apiError(422, {
    name: 'UNPROCESSABLE_ENTITY',
    message: UNPROCESSABLE,
    details: [
      {
        issue: 'INSTRUMENT_DECLINED',
        description:
          reason === 'insufficient-funds'
            ? 'The instrument presented was declined by the bank: insufficient funds.'
            : 'The instrument presented was either declined by the processor or bank, or it can\'t be used for this payment.',
      },
    ],
  });

const commonReplies = {
  invalid,
  invalidKey: (message: string) =>
    apiError(400, { name: 'INVALID_REQUEST', message: 'Request is not well-formed, syntactically incorrect, or violates schema.', details: [{ field: 'PayPal-Request-Id', location: 'header', issue: 'INVALID_PARAMETER_VALUE', description: message }] }),
  inFlight: () =>
    apiError(409, { name: 'RESOURCE_CONFLICT', message: 'The server has detected a conflict while processing this request.', details: [{ issue: 'DUPLICATE_REQUEST_ID', description: 'A request with this PayPal-Request-Id is still being processed.' }] }),
  mismatch: () =>
    apiError(422, {
      name: 'UNPROCESSABLE_ENTITY',
      message: UNPROCESSABLE,
      details: [{ issue: 'DUPLICATE_REQUEST_ID', description: 'The value of PayPal-Request-Id header has already been used with a different request body.' }],
    }),
  serverError: () => failure('server-error'),
};

/** An empty capture body is `{}` (the SDK sends none when there is nothing to say). */
const decodeOptionalJson = (body: string) => (body.trim() === '' || body.trim() === 'null' ? {} : parseJson(body));

/** `POST /v2/checkout/orders/{id}/capture` for one order id. */
function captureSpec(orderId: string): PaymentSpec<PaypalCaptureRequest> {
  return {
    schema: PaypalCaptureRequest,
    decode: decodeOptionalJson,
    idempotency: { header: 'paypal-request-id', maxLength: 108 },
    authenticate,
    authorize(body, state) {
      const order = storedOrder(state, orderId);
      if (!order) return apiError(404, { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.', details: [{ issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist. Please check the resource ID and try again.' }] });
      if (order.status === 'COMPLETED') return apiError(422, { name: 'UNPROCESSABLE_ENTITY', message: UNPROCESSABLE, details: [{ issue: 'ORDER_ALREADY_CAPTURED', description: 'Order already captured.If \'intent=CAPTURE\' only one capture per order is allowed.' }] });
      // Nobody can approve an order here (no buyer, no browser): without a card it is not approved.
      if (!body.payment_source) return apiError(422, { name: 'UNPROCESSABLE_ENTITY', message: UNPROCESSABLE, details: [{ issue: 'ORDER_NOT_APPROVED', description: 'Payer has not yet approved the Order for payment. Please redirect the payer to the \'rel\':\'approve\' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.' }] });
      return null;
    },
    charge(body, state) {
      const order = storedOrder(state, orderId)!;
      return { id: order.id, amount: decimalToMinor(order.amount.value, order.amount.currency_code), currency: order.amount.currency_code, reference: order.referenceId, outcome: cardOutcome(body.payment_source!.card.number) };
    },
    replies: {
      ...commonReplies,
      approved: (_body, payment, state) => {
        const order = storedOrder(state, orderId)!;
        state.saveOrder(order.id, { ...order, status: 'COMPLETED' });
        return completedOrder(payment.id, order.referenceId, order.amount);
      },
      declined: (_body, _payment, reason) => declinedReply(reason),
    },
  };
}

const spec: PaymentSpec<PaypalOrderRequest> = {
  schema: PaypalOrderRequest,
  decode: parseJson,
  idempotency: { header: 'paypal-request-id', maxLength: 108 },
  authenticate,
  charge: (body) => {
    if (!body.payment_source) return null;
    const unit = body.purchase_units[0]!;
    return {
      id: ids.paypal(),
      amount: decimalToMinor(unit.amount.value, unit.amount.currency_code),
      currency: unit.amount.currency_code,
      reference: unit.reference_id ?? '',
      outcome: cardOutcome(body.payment_source.card.number),
    };
  },
  replies: {
    ...commonReplies,
    pending: (body, state) => {
      const unit = body.purchase_units[0]!;
      const order: StoredOrder = { id: ids.paypal(), status: 'CREATED', referenceId: unit.reference_id ?? 'default', amount: unit.amount };
      state.saveOrder(order.id, order);
      return json(201, { id: order.id, intent: 'CAPTURE', status: 'CREATED', purchase_units: [{ reference_id: order.referenceId, amount: order.amount }], links: orderLinks(order.id) });
    },
    approved: (body, payment, state) => {
      const unit = body.purchase_units[0]!;
      const referenceId = unit.reference_id ?? 'default';
      state.saveOrder(payment.id, { id: payment.id, status: 'COMPLETED', referenceId, amount: unit.amount } satisfies StoredOrder);
      return completedOrder(payment.id, referenceId, unit.amount);
    },
    declined: (_body, _payment, reason) => declinedReply(reason),
  },
};

function issueToken(request: ProcessorRequest, state: ProcessorState): ProcessorResponse {
  const client = basicCredentials(header(request, 'authorization'));
  const known = state.oauthClients.length > 0 ? state.oauthClients : [credentials];
  if (!known.some((app) => app.clientId === client?.user && app.clientSecret === client.password)) {
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
  basis: 'PayPal REST: POST /v1/oauth2/token (client credentials), POST /v2/checkout/orders with intent CAPTURE (a card payment source is charged at once; without one the order is CREATED), POST /v2/checkout/orders/{id}/capture, PayPal-Request-Id, transmission-signed webhooks. A subset: one purchase unit, no payer approval.',
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
    const capture = post ? CAPTURE_PATH.exec(path) : null;
    if (capture) return handlePayment(request, s, captureSpec(capture[1]!));
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
