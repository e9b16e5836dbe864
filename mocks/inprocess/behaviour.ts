import { z } from 'zod';
import { ProcessorFailure } from '../processors/profile.ts';

/**
 * How an in-process processor misbehaves, as data. A behaviour is a list of steps taken in
 * order: each step applies to its next `times` requests (every request when `times` is absent),
 * then the next step takes over; after the last step the processor behaves normally.
 */

/** The network errors a Node client can see instead of a response; nock reproduces the code, msw only "a network error". */
export const NetworkErrorCode = z.enum(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND']);
export type NetworkErrorCode = z.infer<typeof NetworkErrorCode>;

/** Which requests a step applies to: the payment route (default), the OAuth2 token route, or any. */
export const StepRoute = z.enum(['payment', 'token', 'any']);
export type StepRoute = z.infer<typeof StepRoute>;

const common = {
  times: z.number().int().positive().optional(),
  route: StepRoute.default('payment'),
};

export const BehaviourStep = z.discriminatedUnion('kind', [
  /** The profile answers: auth, schema, idempotency, declines. */
  z.object({ kind: z.literal('normal'), ...common }),
  /** `profile.failure(failure)` instead of processing: 429 with Retry-After, 500, 503. Nothing is charged. */
  z.object({ kind: z.literal('failure'), failure: ProcessorFailure, retryAfterSeconds: z.number().int().nonnegative().optional(), ...common }),
  /**
   * The connection fails. `before-processing`: the processor never sees the request.
   * `after-processing`: the processor charges (and stores the idempotency key), then the response
   * is lost: a retry with the same key must get the stored answer, not a second charge.
   */
  z.object({
    kind: z.literal('network-error'),
    code: NetworkErrorCode.default('ECONNRESET'),
    when: z.enum(['before-processing', 'after-processing']).default('before-processing'),
    ...common,
  }),
]);
export type BehaviourStep = z.input<typeof BehaviourStep>;

export const InprocessBehaviour = z.union([BehaviourStep, z.array(BehaviourStep)]);
export type InprocessBehaviour = z.input<typeof InprocessBehaviour>;

type Step = z.output<typeof BehaviourStep>;

/** The step the next request meets, counting down `times`. */
export class BehaviourPlan {
  #steps: { step: Step; left: number }[] = [];

  constructor(behaviour: InprocessBehaviour = { kind: 'normal' }) {
    this.set(behaviour);
  }

  /** Replaces the plan; validates it, naming the bad field. */
  set(behaviour: InprocessBehaviour): void {
    // Parsed as a list, so an error names the step and its field rather than "Invalid input".
    const parsed = z.array(BehaviourStep).safeParse(Array.isArray(behaviour) ? behaviour : [behaviour]);
    if (!parsed.success) {
      throw new Error(`gatecheck: invalid in-process behaviour:\n${z.prettifyError(parsed.error)}\nGive a step or a list of steps as README.md "In-process mocks (msw / nock)" shows.`);
    }
    this.#steps = parsed.data.map((step) => ({ step, left: step.times ?? Infinity }));
  }

  /** The step for a request on `route`, consuming one of its `times`; `normal` once the plan is spent or when the step does not apply. */
  next(route: 'payment' | 'token' | 'other'): Step {
    while (this.#steps.length > 0 && this.#steps[0]!.left <= 0) this.#steps.shift();
    const current = this.#steps[0];
    if (!current || !applies(current.step.route, route)) return NORMAL;
    current.left--;
    return current.step;
  }
}

const NORMAL: Step = { kind: 'normal', route: 'any' };

function applies(stepRoute: StepRoute, route: 'payment' | 'token' | 'other'): boolean {
  return stepRoute === 'any' || stepRoute === route;
}
