import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessorProfile, ProcessorRequest, ProcessorResponse, ProfileOptions, ProfileState } from '../processors/profile.ts';
import type { Behaviour } from '../scenarios/schema.ts';

/** What the application does with one request: answer, reset the connection, or never answer. */
export type Answer = ProcessorResponse | 'reset' | 'hang';

/** Profile options a behaviour needs at state creation (failures the application itself stores). */
export function stateOptions(behaviour: Behaviour): ProfileOptions {
  if (behaviour.kind === 'app-error') return { serverErrors: behaviour.times ?? Number.MAX_SAFE_INTEGER };
  if (behaviour.kind === 'slow-processing') return { processingDelayMs: behaviour.ms };
  return {};
}

const withHeader = (response: ProcessorResponse, name: string, value: string | null): ProcessorResponse =>
  value === null ? response : { ...response, headers: { ...response.headers, [name]: value } };

/** Every top-level string becomes null: no profile schema survives it, and nothing looks like success. */
function breakSchema(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return JSON.stringify(Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? null : v])));
  } catch {
    return '{"unexpected":true}';
  }
}

const STRIPE_MODE_MISMATCH = JSON.stringify({
  error: { type: 'invalid_request_error', code: 'api_key_mode_mismatch', message: 'This endpoint is in live mode; a test mode key (sk_test_...) cannot be used here.' },
});

/**
 * Wraps a profile with the scenario's HTTP-level behaviour. `nth` counts payment requests, so a
 * behaviour limited to `times` failures lets the retry through (what an idempotent retry meets).
 */
export function behave(profile: ProcessorProfile, behaviour: Behaviour, state: ProfileState): (request: ProcessorRequest) => Promise<Answer> {
  // Behaviours the state already carries (or none): the profile answers, with nothing to count per request.
  if (behaviour.kind === 'normal' || behaviour.kind === 'app-error' || behaviour.kind === 'slow-processing') return (request) => profile.handle(request, state);
  let payments = 0;
  return async (request: ProcessorRequest): Promise<Answer> => {
    const isPayment = request.method === 'POST' && request.path === profile.paymentRoute.path;
    const isToken = profile.tokenRoute !== undefined && request.path === profile.tokenRoute.path;
    const nth = isPayment ? ++payments : 0;
    const applies = (times: number | null) => isPayment && (times === null || nth <= times);
    const handle = () => profile.handle(request, state);
    switch (behaviour.kind) {
      case 'fail':
        if (!applies(behaviour.times)) break;
        return withHeader(
          { ...profile.failure(behaviour.failure, { retryAfterSeconds: behaviour.retryAfterSeconds ?? 1 }), ...(behaviour.status ? { status: behaviour.status } : {}) },
          'retry-after',
          behaviour.retryAfterSeconds === null ? null : String(behaviour.retryAfterSeconds),
        );
      case 'reply':
        if (!applies(behaviour.times)) break;
        return { status: behaviour.status, headers: { 'content-type': behaviour.contentType }, body: behaviour.body };
      case 'alter': {
        const response = await handle();
        if (!isPayment) return response;
        return { ...response, body: behaviour.alteration === 'utf8-bom' ? `\uFEFF${response.body}` : breakSchema(response.body) };
      }
      case 'reset':
      case 'hang':
        if (!applies(behaviour.times)) break;
        if (behaviour.commit) await handle();
        return behaviour.kind;
      case 'delay':
        if (applies(behaviour.times)) await sleep(behaviour.ms);
        break;
      case 'live-mode':
        if ((request.headers.authorization ?? '').includes('sk_test_')) return { status: 401, headers: { 'content-type': 'application/json' }, body: STRIPE_MODE_MISMATCH };
        break;
      case 'token-expires':
        if (applies(behaviour.times)) state.revokeTokens();
        break;
      case 'token-endpoint-fails':
        if (isToken) {
          const failure = profile.failure(behaviour.failure, { retryAfterSeconds: behaviour.retryAfterSeconds ?? 1 });
          return withHeader(failure, 'retry-after', behaviour.retryAfterSeconds === null ? null : String(behaviour.retryAfterSeconds));
        }
        break;
    }
    return handle();
  };
}
