import { setTimeout as delay } from 'node:timers/promises';
import type { z } from 'zod';
import type { CardOutcome, DeclineReason } from './cards.ts';
import { header, routePath } from './http.ts';
import { fingerprint } from './idempotency.ts';
import type { CommittedPayment, ProcessorRequest, ProcessorResponse } from './profile.ts';
import type { ProcessorState } from './state.ts';
import { validate, type FieldIssue } from './validation.ts';

/** What the payment pipeline needs from one processor: its schema, its checks and its replies. */
export type PaymentSpec<Req> = {
  schema: z.ZodType<Req>;
  decode(body: string): unknown;
  idempotency: { header: string; maxLength?: number; replayHeaders?: Record<string, string> };
  /** A 401/403 reply, or null when the credentials are good. */
  authenticate(request: ProcessorRequest, state: ProcessorState): ProcessorResponse | null;
  /**
   * Checks that need the parsed body and the account (a merchant account the key may not use, raw
   * card data without raw-card access, an unknown test payment method), or null. Like auth and
   * validation failures, a refusal here is not bound to the idempotency key.
   */
  authorize?(body: Req, state: ProcessorState): ProcessorResponse | null;
  /** What is being charged, read from the parsed body, and what the card (or test payment method) does. */
  charge(body: Req, state: ProcessorState): { id: string; amount: number; currency: string; reference: string; outcome: CardOutcome } | null;
  replies: {
    invalid(issues: FieldIssue[]): ProcessorResponse;
    invalidKey(message: string): ProcessorResponse;
    inFlight(): ProcessorResponse;
    mismatch(): ProcessorResponse;
    serverError(): ProcessorResponse;
    approved(body: Req, payment: CommittedPayment, state: ProcessorState): ProcessorResponse;
    declined(body: Req, payment: CommittedPayment, reason: DeclineReason, state: ProcessorState): ProcessorResponse;
    /** A request that charges nothing yet (a PayPal order created without a payment source), when `charge` says null. */
    pending?(body: Req, state: ProcessorState): ProcessorResponse;
  };
};

/**
 * One create-payment request, in the order a processor applies its rules: auth, schema,
 * idempotency key (replay, in flight, mismatch), processing time, then the card's outcome.
 * Only requests that reach processing are bound to their key, as Stripe documents: a 401 or a
 * validation error can be retried with the same key once fixed.
 */
export async function handlePayment<Req>(request: ProcessorRequest, state: ProcessorState, spec: PaymentSpec<Req>): Promise<ProcessorResponse> {
  const denied = spec.authenticate(request, state);
  if (denied) return denied;
  const decoded = spec.decode(request.body);
  const parsed = validate(spec.schema, decoded);
  if (!parsed.ok) return spec.replies.invalid(parsed.issues);
  const forbidden = spec.authorize?.(parsed.value, state);
  if (forbidden) return forbidden;

  const key = header(request, spec.idempotency.header) ?? null;
  if (key !== null) {
    const max = spec.idempotency.maxLength;
    if (key.trim() === '') return spec.replies.invalidKey(`${spec.idempotency.header} must not be empty`);
    if (max !== undefined && key.length > max) return spec.replies.invalidKey(`${spec.idempotency.header} must be at most ${max} characters (got ${key.length})`);
    const admission = state.idempotency.admit(key, fingerprint(request.method, routePath(request.path), decoded));
    if (admission.kind === 'in-flight') return spec.replies.inFlight();
    if (admission.kind === 'mismatch') return spec.replies.mismatch();
    if (admission.kind === 'replay') {
      const { response } = admission;
      return { ...response, headers: { ...response.headers, ...spec.idempotency.replayHeaders } };
    }
  }

  try {
    if (state.processingDelayMs > 0) await delay(state.processingDelayMs);
    const response = process(parsed.value, key, state, spec);
    if (key !== null) state.idempotency.complete(key, response);
    return response;
  } catch (error) {
    if (key !== null) state.idempotency.release(key);
    throw error;
  }
}

function process<Req>(body: Req, key: string | null, state: ProcessorState, spec: PaymentSpec<Req>): ProcessorResponse {
  if (state.takeServerError()) return spec.replies.serverError();
  const charged = spec.charge(body, state);
  if (charged === null) {
    if (!spec.replies.pending) throw new Error('gatecheck: a payment spec charged nothing and has no pending reply');
    return spec.replies.pending(body, state);
  }
  const { outcome } = charged;
  const payment: CommittedPayment = {
    id: charged.id, idempotencyKey: key, amount: charged.amount, currency: charged.currency.toUpperCase(), reference: charged.reference, outcome: outcome.outcome,
  };
  state.commit(payment);
  return outcome.outcome === 'approved' ? spec.replies.approved(body, payment, state) : spec.replies.declined(body, payment, outcome.reason, state);
}
