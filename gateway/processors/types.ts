import type { Clock } from '../clock.ts';
import type { Logger, Redactor } from '../logger.ts';
import type { HttpRequest, HttpResponse } from '../transport.ts';

/** A payment as the gateway's caller asked for it (amount in minor units). */
export type PaymentInput = { amount: number; currency: string; source: string; reference: string };

export type ProcessorOutcome =
  | { kind: 'succeeded'; processorReference: string }
  | { kind: 'declined'; reason: string; declineCode: string | null; processorReference: string | null };

/** One processor profile's wire contract. `pay` throws GatewayFailure for anything but an outcome. */
export interface ProcessorClient {
  /** The processor's limit on the idempotency key. */
  readonly idempotencyMaxLength: number;
  pay(payment: PaymentInput, idempotencyKey: string): Promise<ProcessorOutcome>;
}

export type ClientDeps = {
  send: (request: HttpRequest) => Promise<HttpResponse>;
  clock: Clock;
  redactor: Redactor;
  logger: Logger;
  processor: string;
};
