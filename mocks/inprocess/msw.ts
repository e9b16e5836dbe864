import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ProcessorProfile, ProfileName } from '../processors/profile.ts';
import { createInprocessProcessor, type InprocessOptions, type InprocessProcessor, type Outcome } from './processor.ts';
import { fromFetchRequest, parseBaseUrl } from './request.ts';

/**
 * msw 2 handlers that answer as a gatecheck processor profile, in-process: no sockets, no TLS.
 * Requests reach `profile.handle()`, so auth, idempotency, declines and schemas behave exactly
 * like the socket mocks'.
 */

export type ProcessorHandlersOptions = InprocessOptions & {
  /** The URL your client calls, e.g. "https://api.stripe.com"; a path in it is a prefix of every route. */
  baseUrl: string;
};

export type ProcessorHandlers = InprocessProcessor & {
  /** Give them to `setupServer(...handlers)` or `server.use(...handlers)`. */
  readonly handlers: HttpHandler[];
};

/** A network error is all msw can express below HTTP: fetch rejects with TypeError "Failed to fetch", node:https emits "Network error"; no `code`. */
function render(outcome: Outcome): Response {
  if (outcome.kind === 'network-error') return HttpResponse.error();
  const { status, headers, body } = outcome.response;
  return new HttpResponse(body, { status, headers });
}

export function processorHandlers(profile: ProcessorProfile | ProfileName, options: ProcessorHandlersOptions): ProcessorHandlers {
  const { processor, answer } = createInprocessProcessor(profile, options);
  const { origin, prefix } = parseBaseUrl(options.baseUrl);
  const base = origin + prefix;
  const resolver = async ({ request }: { request: Request }) => render(await answer(await fromFetchRequest(request, prefix)));
  const routes = [processor.profile.paymentRoute, processor.profile.tokenRoute].filter((route) => route !== undefined);
  const handlers = [
    ...routes.map((route) => http.post(base + route.path, resolver)),
    // Anything else under the base URL: the profile's own 404 in its error shape.
    http.all(`${base}/*`, resolver),
  ];
  return Object.assign(processor, { handlers });
}

export { networkGuard, type MswNetworkGuard } from './msw-network-guard.ts';
export { NetworkGuardError } from './network-guard-error.ts';
export { BehaviourStep, InprocessBehaviour, NetworkErrorCode } from './behaviour.ts';
export type { InprocessOptions, InprocessProcessor, RecordedRequest } from './processor.ts';
export { TEST_CARDS } from '../processors/cards.ts';
export { profiles } from '../processors/index.ts';
export { scenarioSetup, type ScenarioSetup } from './from-scenario.ts';
