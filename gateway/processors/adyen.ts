import { z } from 'zod';
import type { ProcessorOf } from '../config.ts';
import { answered, expectShape, jsonBody, statusFailure, tlsFrontFailure } from './common.ts';
import type { ClientDeps, ProcessorClient } from './types.ts';

/** Adyen Checkout /payments subset (mocks/processors/README.md, "adyen"). Declines are HTTP 200. */
const Result = z.discriminatedUnion('resultCode', [
  z.object({ resultCode: z.literal('Authorised'), pspReference: z.string().length(16), merchantReference: z.string() }),
  z.object({ resultCode: z.literal('Refused'), pspReference: z.string().length(16), refusalReason: z.string(), refusalReasonCode: z.string().optional(), merchantReference: z.string().optional() }),
]);
const AdyenError = z.object({ status: z.number(), errorCode: z.string(), message: z.string().optional(), errorType: z.string() });

/**
 * Adyen requires returnUrl on /payments (where a redirect would send the shopper); the reference
 * gateway takes no redirect-based payments, so it is a fixed page of its own.
 */
const RETURN_URL = 'https://gateway.example/adyen/return';

export function adyenClient(config: ProcessorOf<'adyen'>, deps: ClientDeps): ProcessorClient {
  return {
    idempotencyMaxLength: 64,
    async pay(payment, key) {
      const response = await deps.send({
        method: 'POST',
        path: '/v71/payments',
        headers: { 'x-api-key': config.credentials.apiKey, 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
        body: JSON.stringify({
          merchantAccount: config.merchantAccount,
          reference: payment.reference,
          amount: { value: payment.amount, currency: payment.currency },
          paymentMethod: { type: 'scheme', number: payment.source, expiryMonth: '12', expiryYear: '2030', cvc: '123' },
          returnUrl: RETURN_URL,
        }),
      });
      const now = deps.clock.now();
      const front = tlsFrontFailure(response, now);
      if (front) throw front;
      const json = jsonBody(response);
      if (response.status === 200) {
        const result = expectShape(Result, json, 'adyen', response, 'payment result');
        if (result.resultCode === 'Authorised') return { kind: 'succeeded', processorReference: result.pspReference };
        return { kind: 'declined', reason: result.refusalReason, declineCode: result.refusalReasonCode ?? null, processorReference: result.pspReference };
      }
      const parsed = AdyenError.safeParse(json);
      const error = parsed.success ? parsed.data : undefined;
      const detail = error ? `${error.errorType} ${error.errorCode}${error.message ? `: ${error.message}` : ''}` : '';
      if (response.status === 422 && error?.errorCode === 'idempotency_mismatch') throw answered('IDEMPOTENCY_MISMATCH', `adyen: the idempotency key was used with a different body (${detail})`, response, now);
      throw statusFailure('adyen', response, now, detail);
    },
  };
}
