import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { categoryOf, GatewayFailure } from './errors.ts';
import type { PaymentInput } from './processors/index.ts';
import type { ProcessorRuntime, Shared } from './runtime.ts';

export type PaymentResult =
  | { kind: 'succeeded'; id: string; processor: string; processorReference: string }
  | { kind: 'declined'; processor: string; reason: string; declineCode: string | null }
  | { kind: 'failed'; processor: string; failure: GatewayFailure };

/** Codes about the caller's use of a key, not the processor's state: they do not mark it down. */
const NOT_AN_OUTAGE = new Set(['IDEMPOTENCY_CONFLICT', 'IDEMPOTENCY_MISMATCH', 'PAYMENT_DECLINED']);

/** Same caller key, same processor reference -> same gateway id, so a replayed request answers alike. */
const paymentId = (callerKey: string, processor: string, reference: string) =>
  `pay_${createHash('sha256').update(`${callerKey}\n${processor}\n${reference}`).digest('hex').slice(0, 24)}`;

async function attempt(runtime: ProcessorRuntime, shared: Shared, input: PaymentInput, key: string, n: number): Promise<PaymentResult> {
  const { name, profile } = runtime.config;
  const { metrics, health, logger } = shared;
  const ticket = health.begin(name);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const outcome = await runtime.client.pay(input, key);
    health.observe(name, ticket, { ok: true });
    if (outcome.kind === 'succeeded') {
      metrics.request(name, 'succeeded', seconds());
      logger.info('payment succeeded', { processor: name, profile, attempt: n, processorReference: outcome.processorReference, ms: Math.round(seconds() * 1000) });
      return { kind: 'succeeded', id: '', processor: name, processorReference: outcome.processorReference };
    }
    metrics.request(name, 'declined', seconds());
    logger.info('payment declined', { code: 'PAYMENT_DECLINED', processor: name, profile, attempt: n, reason: outcome.reason, declineCode: outcome.declineCode });
    return { kind: 'declined', processor: name, reason: outcome.reason, declineCode: outcome.declineCode };
  } catch (error) {
    const failure = error instanceof GatewayFailure
      ? error
      : new GatewayFailure('PROCESSOR_BAD_RESPONSE', `unexpected gateway error while talking to ${name}: ${(error as Error)?.message}`, { requestSent: true, cause: error });
    if (!(error instanceof GatewayFailure)) logger.error('unexpected error', { code: failure.code, processor: name, stack: (error as Error)?.stack });
    metrics.request(name, 'failed', seconds());
    metrics.failure(name, failure.code);
    if (failure.code.startsWith('TLS_')) metrics.handshakeFailure(name, failure.code);
    if (!NOT_AN_OUTAGE.has(failure.code)) health.observe(name, ticket, { ok: false, code: failure.code, answered: failure.httpStatus !== undefined });
    logger.warn(`payment attempt failed: ${failure.message}`, {
      code: failure.code, processor: name, profile, attempt: n, category: categoryOf(failure.code), stage: failure.stage,
      requestSent: failure.requestSent, detail: failure.detail, ms: Math.round(seconds() * 1000),
    });
    return { kind: 'failed', processor: name, failure };
  }
}

/**
 * Tries the processors in order. On one processor: retries what the retry policy allows, always
 * with the same idempotency key. Moves to the next processor only when no byte of the payment
 * reached the failing one (connect, DNS, TLS, token failures): never after a decline or an answer.
 */
export async function processPayment(runtimes: ProcessorRuntime[], shared: Shared, input: PaymentInput, callerKey: string): Promise<PaymentResult> {
  const { parts, logger } = shared;
  let first: PaymentResult | undefined;
  for (const runtime of runtimes) {
    const { name } = runtime.config;
    let result: PaymentResult;
    for (let n = 1; ; n++) {
      const key = parts.idempotencyKey({ callerKey, processor: name, maxLength: runtime.client.idempotencyMaxLength, attempt: n });
      result = await attempt(runtime, shared, input, key, n);
      if (result.kind !== 'failed' || shared.signal.aborted) break;
      const decision = parts.retryPolicy({ code: result.failure.code, attempt: n, retryAfterMs: result.failure.retryAfterMs, retry: runtime.config.retry });
      if (!decision.retry) {
        if (n > 1 || result.failure.retryAfterMs !== undefined) logger.info(`no more retries: ${decision.why}`, { code: result.failure.code, processor: name, attempt: n });
        break;
      }
      logger.info(`retrying in ${decision.delayMs} ms (${decision.why})`, { code: result.failure.code, processor: name, attempt: n, delayMs: decision.delayMs });
      await parts.clock.sleep(decision.delayMs, shared.signal);
    }
    if (result.kind === 'succeeded') return { ...result, id: paymentId(callerKey, name, result.processorReference) };
    if (result.kind === 'declined') return result;
    first ??= result;
    if (result.failure.requestSent) break;
    const next = runtimes[runtimes.indexOf(runtime) + 1];
    if (next) logger.warn(`failing over from ${name} to ${next.config.name}: no byte of the payment reached ${name}`, { code: result.failure.code, processor: name, next: next.config.name });
  }
  return first!;
}
