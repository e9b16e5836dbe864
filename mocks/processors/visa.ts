import { z } from 'zod';
import { decimalToMinor, isDecimalAmount } from './amounts.ts';
import { cardOutcome, isCardNumber } from './cards.ts';
import { basicCredentials, header, json, parseJson, routePath } from './http.ts';
import { ids } from './ids.ts';
import { handlePayment, type PaymentSpec } from './payment-flow.ts';
import type { ProcessorFailure, ProcessorProfile, ProcessorRequest, ProcessorResponse } from './profile.ts';
import { ProcessorState, stateOf } from './state.ts';
import { dotted, type FieldIssue } from './validation.ts';

/**
 * Visa Direct pull funds (mutual TLS + Basic): a subset. The client certificate is the TLS
 * front's business; this profile checks Basic credentials. Codes other than 9124/9125 are the
 * mock's own (Visa's are not public). See README.md.
 */

const credentials = { kind: 'basic-mtls', username: 'gatecheck-visa-user', password: 'gatecheck-visa-password', clientCaCertId: 'client-ca' } as const;
const PAYMENT_PATH = '/visadirect/fundstransfer/v1/pullfundstransactions';

export const VisaPullRequest = z
  .object({
    systemsTraceAuditNumber: z.union([z.string().regex(/^\d{6}$/), z.number().int().min(0).max(999_999)], 'must be 6 digits'),
    retrievalReferenceNumber: z.string().regex(/^[A-Za-z0-9]{12}$/, 'must be 12 letters or digits'),
    amount: z.string(),
    senderCurrencyCode: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code in upper case'),
    senderPrimaryAccountNumber: z.string().refine(isCardNumber, 'must be a card number (12 to 19 digits, Luhn-valid)'),
    senderCardExpiryDate: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
    acquiringBin: z.string().regex(/^\d{6,11}$/, 'must be 6 to 11 digits'),
    acquirerCountryCode: z.string().regex(/^\d{3}$/, 'must be a three-digit ISO country code'),
    businessApplicationId: z.string().regex(/^[A-Z]{2}$/, 'must be two upper-case letters'),
  })
  .refine((r) => isDecimalAmount(r.amount, r.senderCurrencyCode) && decimalToMinor(r.amount, r.senderCurrencyCode) > 0, {
    path: ['amount'],
    message: 'must be a positive decimal amount with the currency\'s decimals, e.g. "10.00"',
  });
export type VisaPullRequest = z.infer<typeof VisaPullRequest>;

export const VisaApproved = z.object({
  transactionIdentifier: z.number().int().nonnegative(),
  actionCode: z.literal('00'),
  approvalCode: z.string().min(1),
  transmissionDateTime: z.string(),
});

export const VisaDeclined = z.object({
  transactionIdentifier: z.number().int().nonnegative(),
  actionCode: z.enum(['51', '05']),
  approvalCode: z.undefined('a declined transaction has no approvalCode').optional(),
  transmissionDateTime: z.string(),
});

export const VisaError = z.object({
  responseStatus: z.object({ status: z.number().int(), code: z.string(), severity: z.literal('ERROR'), message: z.string(), info: z.string() }),
});

const error = (status: number, code: string, message: string, info = '', headers?: Record<string, string>) =>
  json(status, { responseStatus: { status, code, severity: 'ERROR', message, info } }, headers);

function authenticate(request: ProcessorRequest): ProcessorResponse | null {
  const basic = basicCredentials(header(request, 'authorization'));
  if (basic?.user === credentials.username && basic.password === credentials.password) return null;
  return error(401, '9124', 'Incorrect credentials supplied');
}

function invalid(issues: FieldIssue[]): ProcessorResponse {
  const issue = issues[0]!;
  const field = dotted(issue.path);
  if (field === '') return error(400, '9100', 'Invalid input: the body is not a JSON object', 'body');
  return error(400, '9100', `Invalid input: ${field} ${issue.message}`, field);
}

const spec: PaymentSpec<VisaPullRequest> = {
  schema: VisaPullRequest,
  decode: parseJson,
  idempotency: { header: 'x-request-id' },
  authenticate,
  charge: (body) => ({
    id: ids.digits(15).replace(/^0/, '1'),
    amount: decimalToMinor(body.amount, body.senderCurrencyCode),
    currency: body.senderCurrencyCode,
    reference: body.retrievalReferenceNumber,
    outcome: cardOutcome(body.senderPrimaryAccountNumber),
  }),
  replies: {
    invalid,
    invalidKey: (message) => error(400, '9100', `Invalid input: ${message}`, 'X-Request-Id'),
    inFlight: () => error(409, '9409', 'A request with this X-Request-Id is still being processed'),
    mismatch: () => error(422, '9422', 'This X-Request-Id was already used with a different request body'),
    serverError: () => failure('server-error'),
    approved: (_body, payment, state) =>
      json(200, { transactionIdentifier: Number(payment.id), actionCode: '00', approvalCode: ids.approval(), transmissionDateTime: state.now().toISOString() }),
    declined: (_body, payment, reason, state) =>
      json(200, { transactionIdentifier: Number(payment.id), actionCode: reason === 'insufficient-funds' ? '51' : '05', transmissionDateTime: state.now().toISOString() }),
  },
};

function failure(kind: ProcessorFailure, options: { retryAfterSeconds?: number } = {}): ProcessorResponse {
  switch (kind) {
    case 'rate-limited':
      return error(429, '9429', 'Too many requests', '', { 'retry-after': String(options.retryAfterSeconds ?? 1) });
    case 'server-error':
      return error(500, '9500', 'Internal server error');
    case 'unavailable':
      return error(503, '9503', 'Service unavailable');
    case 'client-cert-missing':
      return error(400, '9125', 'Expected input credential was not present');
  }
}

export const visa: ProcessorProfile = {
  name: 'visa',
  title: 'Visa Direct pull funds (mutual TLS + Basic)',
  basis: 'Visa Developer: two-way TLS with a client certificate plus Basic user/password, POST /visadirect/fundstransfer/v1/pullfundstransactions. A subset: one endpoint; idempotency by X-Request-Id is modelled, not verified against Visa.',
  paymentRoute: { method: 'POST', path: PAYMENT_PATH },
  idempotencyHeader: 'x-request-id',
  credentials,
  schemas: { paymentRequest: VisaPullRequest, paymentResponse: VisaApproved, declineResponse: VisaDeclined, errorResponse: VisaError },
  decodeBody: parseJson,
  failure,
  createState: (options) => new ProcessorState('visa', options),
  async handle(request, state) {
    const s = stateOf(state, 'visa');
    const path = routePath(request.path);
    if (request.method.toUpperCase() === 'POST' && path === PAYMENT_PATH) return handlePayment(request, s, spec);
    return error(404, '9404', `Resource not found: ${request.method.toUpperCase()} ${path}`);
  },
};
