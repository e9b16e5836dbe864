import { z } from 'zod';
import type { ProcessorOf } from '../config.ts';
import { answered, badResponse, expectShape, jsonBody, statusFailure, tlsFrontFailure } from './common.ts';
import type { ClientDeps, ProcessorClient } from './types.ts';

/** Stripe's PaymentIntents subset (mocks/processors/README.md, "stripe"). */
const Succeeded = z.object({
  id: z.string().startsWith('pi_'),
  object: z.literal('payment_intent'),
  amount: z.number().int(),
  currency: z.string(),
  status: z.literal('succeeded'),
});
const StripeError = z.object({
  error: z.object({ type: z.string(), code: z.string().optional(), decline_code: z.string().optional(), message: z.string().optional(), param: z.string().optional() }),
});
const Decline = z.object({
  error: z.object({ type: z.literal('card_error'), code: z.string(), decline_code: z.string().optional(), message: z.string(), payment_intent: z.object({ id: z.string() }).optional() }),
});

export function stripeClient(config: ProcessorOf<'stripe'>, deps: ClientDeps): ProcessorClient {
  return {
    idempotencyMaxLength: 255,
    async pay(payment, key) {
      const body = new URLSearchParams({
        amount: String(payment.amount),
        currency: payment.currency.toLowerCase(),
        confirm: 'true',
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': payment.source,
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': '2030',
        'payment_method_data[card][cvc]': '123',
        'metadata[reference]': payment.reference,
      }).toString();
      const response = await deps.send({
        method: 'POST',
        path: '/v1/payment_intents',
        headers: {
          authorization: `Bearer ${config.credentials.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'idempotency-key': key,
        },
        body,
      });
      const now = deps.clock.now();
      const front = tlsFrontFailure(response, now);
      if (front) throw front;
      const json = jsonBody(response);
      if (response.status === 200) {
        const intent = expectShape(Succeeded, json, 'stripe', response, 'payment intent');
        return { kind: 'succeeded', processorReference: intent.id };
      }
      if (response.status === 402) {
        const decline = expectShape(Decline, json, 'stripe', response, 'decline');
        return { kind: 'declined', reason: decline.error.message, declineCode: decline.error.decline_code ?? decline.error.code, processorReference: decline.error.payment_intent?.id ?? null };
      }
      const parsed = StripeError.safeParse(json);
      const error = parsed.success ? parsed.data.error : undefined;
      const detail = error ? [error.type, error.code, error.message].filter(Boolean).join(': ') : '';
      if (response.status === 400 && error?.type === 'idempotency_error') throw answered('IDEMPOTENCY_MISMATCH', `stripe: the idempotency key was used with different parameters (${detail})`, response, now);
      if (response.status === 401 && error?.code === 'api_key_mode_mismatch') throw answered('AUTH_MODE_MISMATCH', `stripe: the secret key's mode (live/test) does not match this endpoint (${detail})`, response, now);
      if (response.status >= 400 && response.status < 500 && json !== undefined && !parsed.success && ![401, 403, 409, 429].includes(response.status)) {
        throw badResponse(`stripe answered HTTP ${response.status} with an error body that does not match its API`, response);
      }
      throw statusFailure('stripe', response, now, detail);
    },
  };
}
