import nock, { type Interceptor, type ReplyFnContext, type ReplyFnResult, type Scope } from 'nock';
import type { ProcessorProfile, ProfileName } from '../processors/profile.ts';
import { networkError } from './network-errors.ts';
import { ensureNockActive } from './nock-active.ts';
import { createInprocessProcessor, type InprocessOptions, type InprocessProcessor } from './processor.ts';
import { lowerCaseHeaders, parseBaseUrl, profilePath } from './request.ts';

/**
 * nock 14 interceptors that answer as a gatecheck processor profile, in-process: no sockets, no
 * TLS. Requests reach `profile.handle()`, so auth, idempotency, declines and schemas behave
 * exactly like the socket mocks'. Network errors carry Node's `code` (ECONNRESET, ...).
 */

export type ProcessorInterceptorsOptions = InprocessOptions & {
  /** The URL your client calls, e.g. "https://api.stripe.com"; a path in it is a prefix of every route. */
  baseUrl: string;
};

export type ProcessorInterceptors = InprocessProcessor & {
  /** The nock scope (persisted: it answers any number of requests). */
  readonly scope: Scope;
  /** Removes these interceptors; other nock scopes stay. */
  remove(): void;
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export function processorInterceptors(profile: ProcessorProfile | ProfileName, options: ProcessorInterceptorsOptions): ProcessorInterceptors {
  const { processor, answer } = createInprocessProcessor(profile, options);
  const { origin, prefix } = parseBaseUrl(options.baseUrl);
  const url = new URL(origin);
  const target = { host: url.hostname, port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80) };
  ensureNockActive();

  // The raw body and headers as sent. nock hands reply functions a JSON-parsed body, and throws
  // outside any request (crashing the process) on a JSON content type with a malformed body: the
  // profile must see that body and answer it with its validation error, so nock is not let parse it.
  const sent = new WeakMap<object, { headers: Record<string, string>; body: string }>();
  const scope = nock(origin).persist();
  scope.on('request', (req: ReplyFnContext['req'], _interceptor: Interceptor, body: string) => {
    sent.set(req, { headers: lowerCaseHeaders(req.headers), body });
    if (isJsonContent(req.headers) && !parses(body)) {
      for (const name of Object.keys(req.headers)) if (name.toLowerCase() === 'content-type') delete req.headers[name];
    }
  });

  async function reply(this: ReplyFnContext, uri: string): Promise<ReplyFnResult> {
    const { headers, body } = sent.get(this.req) ?? { headers: lowerCaseHeaders(this.req.headers), body: '' };
    const outcome = await answer({ method: (this.req.method ?? 'GET').toUpperCase(), path: profilePath(uri, prefix), headers, body });
    if (outcome.kind === 'network-error') throw networkError(outcome.code, target);
    return [outcome.response.status, outcome.response.body, outcome.response.headers];
  }

  const underPrefix = (path: string) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
  const interceptors = METHODS.map((method) => {
    const interceptor = scope.intercept(underPrefix, method).query(true);
    interceptor.reply(reply);
    return interceptor;
  });

  return Object.assign(processor, {
    scope,
    remove() {
      for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
      scope.removeAllListeners('request');
    },
  });
}

function isJsonContent(headers: Record<string, string>): boolean {
  return Object.entries(headers).some(([name, value]) => name.toLowerCase() === 'content-type' && /json/i.test(String(value)));
}

function parses(body: string): boolean {
  if (!body) return true;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

export { networkGuard, type NetworkGuard } from './network-guard.ts';
export { NetworkGuardError } from './network-guard-error.ts';
export { BehaviourStep, InprocessBehaviour, NetworkErrorCode } from './behaviour.ts';
export type { InprocessOptions, InprocessProcessor, RecordedRequest } from './processor.ts';
export { TEST_CARDS } from '../processors/cards.ts';
export { profiles } from '../processors/index.ts';
export { scenarioSetup, type ScenarioSetup } from './from-scenario.ts';
