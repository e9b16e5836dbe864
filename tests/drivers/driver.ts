/**
 * The only way a contract spec touches a gateway. A driver starts a gateway pointed at mock
 * processors, drives its API, reads what it shows (health, metrics, logs), and stops it. Write one
 * for a gateway whose API differs from the reference gateway's (see docs/drivers.md).
 */

/** One processor entry of the gateway's configuration (the reference gateway's shape). */
export type ProcessorConfig = Record<string, unknown> & { name: string; profile: string; baseUrl: string };

export type PaymentInput = { amount: number; currency: string; source: string; reference: string };

export type PaymentResult = {
  status: number;
  /** The gateway took the payment (its own success status: 201 for the reference gateway, 200 for many). */
  taken: boolean;
  /** gatecheck's code for the failure (mapped from the gateway's own), or null on success. */
  code: string | null;
  body: string;
  elapsedMs: number;
};

export type ProcessorHealth = { name: string; state: 'up' | 'down' | 'unknown'; code: string | null };

import type { WebhookDelivery } from '../../mocks/servers/webhook-deliveries.ts';

export type { WebhookDelivery };

export interface RunningGateway {
  pay(payment: PaymentInput, idempotencyKey: string): Promise<PaymentResult>;
  health(): Promise<{ status: number; processors: ProcessorHealth[]; raw: string }>;
  /** How many failures the gateway's metrics count for `code` (summed over processors). */
  failureCount(code: string): Promise<number>;
  metricsText(): Promise<string>;
  /** Every failure the gateway's metrics count, over all codes and processors; absent if the gateway cannot say. */
  failureTotal?(): Promise<number>;
  /** How many processor requests the metrics count with this outcome (e.g. declined); absent if the gateway cannot say. */
  outcomeCount?(outcome: 'succeeded' | 'declined' | 'failed'): Promise<number>;
  deliverWebhook(processor: string, delivery: WebhookDelivery): Promise<{ status: number; code: string | null; body: string }>;
  /** Everything the gateway logged so far, as text. */
  logs(): string;
  stop(): Promise<void>;
}

export type BootResult =
  | { ok: true; gateway: RunningGateway }
  | { ok: false; code: string | null; message: string };

export interface GatewayDriver {
  readonly name: string;
  /** The gateway runs inside the test worker (no process of its own per scenario): several can run at once cheaply. */
  readonly inProcess?: boolean;
  /**
   * Starts a gateway with these processors, in order; a refusal to boot is a result, not an error.
   * A fault of the harness or the adapter (the command cannot run, no readiness in time) throws a HarnessError.
   */
  start(processors: ProcessorConfig[], env?: Record<string, string>): Promise<BootResult>;
}
