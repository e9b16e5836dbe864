import { getProfile } from '../processors/index.ts';
import type { CommittedPayment, ProcessorProfile, ProcessorRequest, ProcessorResponse, ProfileName, ProfileOptions, ProfileState } from '../processors/profile.ts';
import { routePath } from '../processors/http.ts';
import { BehaviourPlan, type InprocessBehaviour, type NetworkErrorCode } from './behaviour.ts';

/** What the in-process processor does with one request; the msw and nock adapters render it. */
export type Outcome = { kind: 'response'; response: ProcessorResponse } | { kind: 'network-error'; code: NetworkErrorCode };

/** One request as it reached the processor, and what it got. */
export type RecordedRequest = ProcessorRequest & {
  at: string;
  outcome: { status: number } | { networkError: NetworkErrorCode; afterProcessing: boolean };
};

export type InprocessOptions = {
  /** Share state with another mock (msw and nock, or two base URLs); default: a fresh `profile.createState(profileOptions)`. */
  state?: ProfileState;
  behaviour?: InprocessBehaviour;
  /** Passed to `createState()` when no `state` is given: clock, token lifetime, processing delay, server errors. */
  profileOptions?: ProfileOptions;
};

/** The processor behind msw handlers or nock interceptors: the profile, its state, what it recorded. */
export type InprocessProcessor = {
  readonly profile: ProcessorProfile;
  readonly state: ProfileState;
  /** Charges the processor committed: a retried payment that shows up twice here was charged twice. */
  readonly payments: readonly CommittedPayment[];
  /** Every request the mock received, in order, with the idempotency key it carried and what it got. */
  readonly requests: readonly RecordedRequest[];
  /** Replaces the behaviour for the requests from now on. */
  setBehaviour(behaviour: InprocessBehaviour): void;
};

/** The public processor, and the function the adapter calls for each request. */
export type InprocessCore = { processor: InprocessProcessor; answer(request: ProcessorRequest): Promise<Outcome> };

export function resolveProfile(profile: ProcessorProfile | ProfileName | string): ProcessorProfile {
  return typeof profile === 'string' ? getProfile(profile) : profile;
}

/**
 * The profile answering in-process, after the behaviour plan: `profile.handle()` for normal
 * requests (so auth, idempotency, declines and schemas are exactly the socket mocks'),
 * `profile.failure()` or a network error otherwise.
 */
export function createInprocessProcessor(profileOrName: ProcessorProfile | ProfileName | string, options: InprocessOptions = {}): InprocessCore {
  const profile = resolveProfile(profileOrName);
  const state = options.state ?? profile.createState(options.profileOptions);
  const plan = new BehaviourPlan(options.behaviour);
  const requests: RecordedRequest[] = [];

  const routeOf = (request: ProcessorRequest) => {
    const path = routePath(request.path);
    if (path === profile.paymentRoute.path) return 'payment';
    if (path === profile.tokenRoute?.path) return 'token';
    return 'other';
  };

  async function decide(request: ProcessorRequest): Promise<{ outcome: Outcome; record: RecordedRequest['outcome'] }> {
    const step = plan.next(routeOf(request));
    if (step.kind === 'failure') {
      const response = profile.failure(step.failure, { retryAfterSeconds: step.retryAfterSeconds });
      return { outcome: { kind: 'response', response }, record: { status: response.status } };
    }
    if (step.kind === 'network-error') {
      const afterProcessing = step.when === 'after-processing';
      if (afterProcessing) await profile.handle(request, state);
      return { outcome: { kind: 'network-error', code: step.code }, record: { networkError: step.code, afterProcessing } };
    }
    const response = await profile.handle(request, state);
    return { outcome: { kind: 'response', response }, record: { status: response.status } };
  }

  return {
    processor: {
      profile,
      state,
      get payments() {
        return state.payments;
      },
      requests,
      setBehaviour: (behaviour) => plan.set(behaviour),
    },
    async answer(request) {
      const at = new Date().toISOString();
      const { outcome, record } = await decide(request);
      requests.push({ ...request, at, outcome: record });
      return outcome;
    },
  };
}
