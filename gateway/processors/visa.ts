import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ProcessorOf } from '../config.ts';
import { answered, decimalAmount, expectShape, jsonBody, statusFailure, tlsFrontFailure } from './common.ts';
import type { ClientDeps, ProcessorClient } from './types.ts';

/** Visa Direct pull funds subset (mocks/processors/README.md, "visa"): mutual TLS + Basic. */
const Result = z.object({
  transactionIdentifier: z.union([z.string().regex(/^\d+$/), z.number().int()]),
  actionCode: z.string().regex(/^[0-9A-Z]{2}$/),
  approvalCode: z.string().optional(),
  transmissionDateTime: z.string().optional(),
});
const VisaError = z.object({ responseStatus: z.object({ status: z.number(), code: z.string(), severity: z.string().optional(), message: z.string().optional(), info: z.string().optional() }) });

const ACTION_CODES: Record<string, string> = { '05': 'Do not honour', '51': 'Insufficient funds', '54': 'Expired card', '14': 'Invalid card number', '57': 'Transaction not permitted' };

/** Numbers derived from the idempotency key, so every retry sends the same body. */
function digitsFrom(key: string, length: number): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return BigInt(`0x${hex}`).toString().slice(-length).padStart(length, '0');
}

export function visaClient(config: ProcessorOf<'visa'>, deps: ClientDeps): ProcessorClient {
  const basic = Buffer.from(`${config.credentials.username}:${config.credentials.password}`).toString('base64');
  return {
    idempotencyMaxLength: 64,
    async pay(payment, key) {
      const response = await deps.send({
        method: 'POST',
        path: '/visadirect/fundstransfer/v1/pullfundstransactions',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json', accept: 'application/json', 'x-request-id': key },
        body: JSON.stringify({
          systemsTraceAuditNumber: digitsFrom(`stan:${key}`, 6),
          retrievalReferenceNumber: digitsFrom(`rrn:${key}`, 12),
          amount: decimalAmount(payment.amount, payment.currency),
          senderCurrencyCode: payment.currency,
          senderPrimaryAccountNumber: payment.source,
          senderCardExpiryDate: '2030-12',
          acquiringBin: '408999',
          acquirerCountryCode: '840',
          businessApplicationId: 'AA',
        }),
      });
      const now = deps.clock.now();
      const front = tlsFrontFailure(response, now);
      if (front) throw front;
      const json = jsonBody(response);
      if (response.status === 200) {
        const result = expectShape(Result, json, 'visa', response, 'transaction result');
        const id = String(result.transactionIdentifier);
        if (result.actionCode === '00') {
          if (!result.approvalCode) throw answered('PROCESSOR_BAD_RESPONSE', 'visa approved (actionCode 00) without an approvalCode', response, now);
          return { kind: 'succeeded', processorReference: id };
        }
        return { kind: 'declined', reason: ACTION_CODES[result.actionCode] ?? `Declined (action code ${result.actionCode})`, declineCode: result.actionCode, processorReference: id };
      }
      const parsed = VisaError.safeParse(json);
      const error = parsed.success ? parsed.data.responseStatus : undefined;
      const detail = error ? `${error.code}${error.message ? `: ${error.message}` : ''}` : '';
      if (response.status === 400 && error?.code === '9125') throw answered('TLS_CLIENT_CERT_REQUIRED', `visa: this endpoint needs a client certificate and none was presented (${detail})`, response, now);
      if (response.status === 422) throw answered('IDEMPOTENCY_MISMATCH', `visa: the X-Request-Id was used with a different body (${detail})`, response, now);
      throw statusFailure('visa', response, now, detail);
    },
  };
}
