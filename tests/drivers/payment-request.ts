import type { DeclarativeGateway } from '../../config/schema.ts';
import type { PaymentInput } from './driver.ts';

type PaymentShape = DeclarativeGateway['payment'];

/** The values a payment template may use. */
export function paymentValues(payment: PaymentInput, idempotencyKey: string): Record<string, string | number> {
  return {
    amount: payment.amount,
    amountDecimal: (payment.amount / 100).toFixed(2),
    currency: payment.currency,
    card: payment.source,
    reference: payment.reference,
    idempotencyKey,
  };
}

const PLACEHOLDER = /\{(amount|amountDecimal|currency|card|reference|idempotencyKey)\}/g;

export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (_m, key: string) => String(values[key]));
}

/** A JSON body template filled in: strings substituted; a string that is exactly "{amount}" becomes the number. */
export function fillJson(template: unknown, values: Record<string, string | number>): unknown {
  if (template === '{amount}') return values.amount;
  if (typeof template === 'string') return fillText(template, values);
  if (Array.isArray(template)) return template.map((item) => fillJson(item, values));
  if (template && typeof template === 'object') return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillJson(v, values)]));
  return template;
}

/** The HTTP request for one payment, as the config describes it. */
export function paymentRequest(shape: PaymentShape, payment: PaymentInput, idempotencyKey: string): { method: string; path: string; headers: Record<string, string>; body: string } {
  const values = paymentValues(payment, idempotencyKey);
  const headers = Object.fromEntries(Object.entries(shape.headers).map(([k, v]) => [k, fillText(v, values)]));
  const body = typeof shape.body === 'string' ? fillText(shape.body, values) : JSON.stringify(fillJson(shape.body, values));
  return { method: shape.method, path: fillText(shape.path, values), headers, body };
}
