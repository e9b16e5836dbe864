import { z } from 'zod';
import type { ProcessorOf } from '../config.ts';
import { GatewayFailure } from '../errors.ts';
import { answered, decimalAmount, expectShape, jsonBody, statusFailure, tlsFrontFailure } from './common.ts';
import type { ClientDeps, ProcessorClient } from './types.ts';

/** PayPal Orders v2 with OAuth2 client credentials (mocks/processors/README.md, "paypal"). */
const Token = z.object({ access_token: z.string().min(1), token_type: z.string().regex(/^bearer$/i), expires_in: z.number().positive() });
const Order = z.object({
  id: z.string().min(1),
  status: z.literal('COMPLETED'),
  purchase_units: z.array(z.object({
    reference_id: z.string().optional(),
    payments: z.object({ captures: z.array(z.object({ id: z.string(), status: z.string(), amount: z.object({ currency_code: z.string(), value: z.string() }) })).min(1) }),
  })).min(1),
});
const PaypalError = z.object({ name: z.string(), message: z.string().optional(), debug_id: z.string().optional(), details: z.array(z.object({ field: z.string().optional(), issue: z.string(), description: z.string().optional() })).optional() });
const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() });

/** Refresh this long before expiry: 5 minutes, or a tenth of a short lifetime. */
const refreshMargin = (ttlMs: number) => Math.min(300_000, ttlMs / 10);

export function paypalClient(config: ProcessorOf<'paypal'>, deps: ClientDeps): ProcessorClient {
  const basic = Buffer.from(`${config.credentials.clientId}:${config.credentials.clientSecret}`).toString('base64');
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const response = await deps.send({
      method: 'POST',
      path: '/v1/oauth2/token',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: 'grant_type=client_credentials',
    });
    const now = deps.clock.now();
    const front = tlsFrontFailure(response, now);
    if (front) throw front;
    const json = jsonBody(response);
    if (response.status === 200) {
      const token = expectShape(Token, json, 'paypal', response, 'token response');
      deps.redactor.add(token.access_token);
      const ttlMs = token.expires_in * 1000;
      cached = { token: token.access_token, refreshAt: now + ttlMs - refreshMargin(ttlMs) };
      deps.logger.info('paypal access token obtained', { processor: deps.processor, expiresInSeconds: token.expires_in });
      return token.access_token;
    }
    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
      const oauth = OAuthError.safeParse(json);
      throw answered('AUTH_TOKEN_FAILED', `paypal token endpoint refused the client credentials (HTTP ${response.status}${oauth.success ? `: ${oauth.data.error}` : ''})`, response, now);
    }
    throw statusFailure('paypal token endpoint', response, now);
  }

  /** A valid token; a failure to get one never sent a payment byte, so it may fail over. */
  async function token(): Promise<string> {
    if (cached && deps.clock.now() < cached.refreshAt) return cached.token;
    pending ??= fetchToken().finally(() => (pending = undefined));
    try {
      return await pending;
    } catch (error) {
      if (!(error instanceof GatewayFailure)) throw error;
      throw new GatewayFailure(error.code, error.message, { requestSent: false, retryAfterMs: error.retryAfterMs, detail: `token: ${error.detail}`, stage: error.stage, cause: error.cause, ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }) });
    }
  }

  async function createOrder(payment: Parameters<ProcessorClient['pay']>[0], key: string, accessToken: string) {
    return deps.send({
      method: 'POST',
      path: '/v2/checkout/orders',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'paypal-request-id': key,
        prefer: 'return=representation',
      },
      body: JSON.stringify({
        intent: 'CAPTURE',
        purchase_units: [{ reference_id: payment.reference, amount: { currency_code: payment.currency, value: decimalAmount(payment.amount, payment.currency) } }],
        payment_source: { card: { number: payment.source, expiry: '2030-12', security_code: '123' } },
      }),
    });
  }

  return {
    idempotencyMaxLength: 108,
    async pay(payment, key) {
      let response = await createOrder(payment, key, await token());
      // An expired or revoked token: one refresh and one retry with the same PayPal-Request-Id.
      if (response.status === 401 && OAuthError.safeParse(jsonBody(response)).data?.error === 'invalid_token') {
        deps.logger.info('paypal token rejected (invalid_token); refreshing once', { processor: deps.processor });
        cached = undefined;
        response = await createOrder(payment, key, await token());
      }
      const now = deps.clock.now();
      const front = tlsFrontFailure(response, now);
      if (front) throw front;
      const json = jsonBody(response);
      if (response.status === 200 || response.status === 201) {
        const order = expectShape(Order, json, 'paypal', response, 'order');
        const capture = order.purchase_units[0]!.payments.captures[0]!;
        if (capture.status === 'DECLINED') return { kind: 'declined', reason: 'Capture declined', declineCode: 'DECLINED', processorReference: order.id };
        if (capture.status !== 'COMPLETED') throw new GatewayFailure('PROCESSOR_BAD_RESPONSE', `paypal order COMPLETED with capture status ${capture.status}`, { requestSent: true, stage: 'response', httpStatus: response.status });
        return { kind: 'succeeded', processorReference: order.id };
      }
      const parsed = PaypalError.safeParse(json);
      const error = parsed.success ? parsed.data : undefined;
      const issues = error?.details?.map((d) => d.issue) ?? [];
      const detail = error ? `${error.name}${issues.length ? ` (${issues.join(', ')})` : ''}${error.message ? `: ${error.message}` : ''}` : '';
      if (response.status === 422 && issues.includes('INSTRUMENT_DECLINED')) {
        const reason = error?.details?.find((d) => d.issue === 'INSTRUMENT_DECLINED')?.description ?? error?.message ?? 'Instrument declined';
        return { kind: 'declined', reason, declineCode: 'INSTRUMENT_DECLINED', processorReference: null };
      }
      if (response.status === 422 && issues.includes('DUPLICATE_REQUEST_ID')) throw answered('IDEMPOTENCY_MISMATCH', `paypal: the PayPal-Request-Id was used with a different body (${detail})`, response, now);
      if (response.status === 401) throw answered('AUTH_REJECTED', `paypal rejected the access token (${detail || 'HTTP 401'})`, response, now);
      throw statusFailure('paypal', response, now, detail);
    },
  };
}
