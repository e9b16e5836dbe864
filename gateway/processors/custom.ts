import type { ProcessorOf } from '../config.ts';
import { answered, jsonBody, statusFailure, tlsFrontFailure } from './common.ts';
import type { ClientDeps, PaymentInput, ProcessorClient } from './types.ts';

/** The value at an RFC 6901 JSON pointer ("" is the whole document); undefined when absent. */
export function atPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let current = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const PLACEHOLDER = /\{(amount|currency|source|reference|idempotencyKey)\}/g;

/**
 * Fills a JSON body template: every string may hold {amount} {currency} {source} {reference}
 * {idempotencyKey}; a string that is exactly "{amount}" becomes the number (minor units).
 */
export function fillTemplate(template: unknown, payment: PaymentInput, idempotencyKey: string): unknown {
  const values: Record<string, string> = { amount: String(payment.amount), currency: payment.currency, source: payment.source, reference: payment.reference, idempotencyKey };
  if (template === '{amount}') return payment.amount;
  if (typeof template === 'string') return template.replace(PLACEHOLDER, (_, name: string) => values[name]!);
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, payment, idempotencyKey));
  if (template && typeof template === 'object') return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillTemplate(v, payment, idempotencyKey)]));
  return template;
}

/**
 * A processor gatecheck has no client for, described as data: the payment request (path, JSON
 * body template, idempotency header, auth headers) and which statuses mean approved and declined.
 * Anything else is a failure, classified by its status (429 rate limited, 5xx unavailable, ...).
 */
export function customClient(config: ProcessorOf<'custom'>, deps: ClientDeps): ProcessorClient {
  const p = config.payment;
  return {
    idempotencyMaxLength: p.idempotencyMaxLength,
    async pay(payment, key) {
      const response = await deps.send({
        method: 'POST',
        path: p.path,
        headers: { ...config.credentials, 'content-type': 'application/json', accept: 'application/json', [p.idempotencyHeader]: key },
        body: JSON.stringify(fillTemplate(p.body, payment, key)),
      });
      const now = deps.clock.now();
      const front = tlsFrontFailure(response, now);
      if (front) throw front;
      const json = jsonBody(response);
      const reference = (pointer: string | undefined) => {
        if (pointer === undefined) return null;
        const value = atPointer(json, pointer);
        return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
      };
      if (config.answers.approved.includes(response.status)) {
        const id = reference(config.answers.reference);
        if (config.answers.reference !== undefined && id === null) {
          throw answered('PROCESSOR_BAD_RESPONSE', `${config.name} approved (HTTP ${response.status}) without a reference at ${config.answers.reference}`, response, now);
        }
        return { kind: 'succeeded', processorReference: id ?? key };
      }
      if (config.answers.declined.includes(response.status)) {
        const reason = reference(config.answers.declineReason);
        return { kind: 'declined', reason: reason ?? 'Declined', declineCode: reason, processorReference: reference(config.answers.reference) };
      }
      const detail = reference(config.answers.errorMessage) ?? '';
      throw statusFailure(config.name, response, now, detail);
    },
  };
}
