import type { IncomingHttpHeaders } from 'node:http';
import type { GatewayCode } from '../errors.ts';

export type WebhookCode = Extract<GatewayCode, `WEBHOOK_${string}`>;
export type WebhookDelivery = { headers: IncomingHttpHeaders; rawBody: Buffer; now: number };
/**
 * A verified delivery names its events (`replayKeys`, checked against what was already accepted)
 * and what to answer the processor; a rejected one names its code.
 */
export type WebhookVerdict =
  | { ok: true; replayKeys: string[]; reply: { contentType: string; body: string } }
  | { ok: false; code: WebhookCode; message: string };
export type WebhookVerifier = (delivery: WebhookDelivery) => WebhookVerdict;

export const reject = (code: WebhookCode, message: string): WebhookVerdict => ({ ok: false, code, message });
export const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};
