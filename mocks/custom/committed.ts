import type { CommittedPayment } from '../processors/profile.ts';
import type { CustomProcessor } from './definition.ts';
import { paymentPathOf } from './definition.ts';
import type { ProcessorRequest } from '../processors/profile.ts';

const DEFAULT_LIMIT = 10_000;

/** The value at a JSON pointer of a JSON text; undefined when absent or not JSON. */
function at(body: string, pointer: string | undefined): unknown {
  if (pointer === undefined) return undefined;
  let current: unknown;
  try {
    current = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The JSON pointer where the body template holds `placeholder` (e.g. "{amount}"), if anywhere. */
export function placeholderPointer(template: unknown, placeholder: string, at = ''): string | undefined {
  if (typeof template === 'string') return template.includes(placeholder) ? at : undefined;
  if (template && typeof template === 'object') {
    for (const [key, value] of Object.entries(template)) {
      const found = placeholderPointer(value, placeholder, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The charges a custom processor committed, derived from its own answers: an answer on the
 * payment route with an "approved" status is a charge, one per idempotency key (a processor that
 * replays a key answers the same charge again, which is not a second one). Bounded: the oldest keys
 * are forgotten beyond `limit`.
 */
export class CommittedLedger {
  private readonly byKey = new Map<string, CommittedPayment>();
  private readonly keyless: CommittedPayment[] = [];
  private readonly amountAt: string | undefined;
  private readonly currencyAt: string | undefined;
  constructor(private readonly processor: CustomProcessor, private readonly limit = DEFAULT_LIMIT) {
    this.amountAt = placeholderPointer(processor.payment.body, '{amount}');
    this.currencyAt = placeholderPointer(processor.payment.body, '{currency}');
  }

  /** Notes one answer the processor gave to `request`. */
  answered(request: ProcessorRequest, status: number, body: string): void {
    if (request.method !== 'POST' || request.path.split('?')[0] !== paymentPathOf(this.processor)) return;
    if (!this.processor.answers.approved.includes(status)) return;
    const key = request.headers[this.processor.payment.idempotencyHeader] ?? null;
    if (key !== null && this.byKey.has(key)) return;
    const reference = at(body, this.processor.answers.reference);
    const payment: CommittedPayment = {
      id: typeof reference === 'string' || typeof reference === 'number' ? String(reference) : `${this.processor.name}-${this.byKey.size + this.keyless.length + 1}`,
      idempotencyKey: key,
      amount: Number(at(request.body, this.amountAt) ?? 0) || 0,
      currency: String(at(request.body, this.currencyAt) ?? ''),
      reference: '',
      outcome: 'approved',
    };
    if (key === null) {
      this.keyless.push(payment);
      if (this.keyless.length > this.limit) this.keyless.shift();
      return;
    }
    this.byKey.set(key, payment);
    if (this.byKey.size > this.limit) this.byKey.delete(this.byKey.keys().next().value!);
  }

  all(): CommittedPayment[] {
    return [...this.byKey.values(), ...this.keyless];
  }
}
