import { codeInfo, type ErrorCode } from './codes.ts';
import type { ScenarioInput } from './schema.ts';

type ExpectInput = ScenarioInput['expect'];

/**
 * Timeouts the harness configures a gateway with; scenario time bounds are derived from them.
 * Loopback connects and handshakes take milliseconds, so half a second is a wide margin, and the
 * scenarios that must hit a timeout (hangs, black holes, slow answers) wait no longer than needed.
 */
export const HARNESS_TIMEOUTS = { connectMs: 500, handshakeMs: 500, responseMs: 1000 } as const;

/** A fast failure: reported within this bound (no hang, no retry storm). */
export const FAST_MS = 2000;

/** The payment must succeed. */
export const succeeds = (withinMs = FAST_MS): ExpectInput => ({
  outcome: 'ok', code: null, retryable: false, paymentSent: true, health: 'up', withinMs,
});

/** The payment must fail at run time with `code`, no card data sent, health down. */
export const rejects = (code: ErrorCode, withinMs = FAST_MS, extra: Partial<ExpectInput> = {}): ExpectInput => ({
  outcome: 'rejected', code, retryable: codeInfo(code).retryable, paymentSent: false, health: 'down', withinMs, ...extra,
});

/** The gateway must refuse to start with `code`. */
export const refusesToBoot = (code: ErrorCode): ExpectInput => ({
  outcome: 'boot-refused', code, retryable: false, paymentSent: false, health: 'down', withinMs: FAST_MS,
});
