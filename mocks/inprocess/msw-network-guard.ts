import { http, HttpResponse, passthrough, type HttpHandler } from 'msw';
import { isLoopbackHost } from './loopback.ts';
import { NetworkGuardError } from './network-guard-error.ts';

const MOCK_WITH = 'processorHandlers(profile, { baseUrl })';

export type MswNetworkGuard = {
  /** Put it last: `setupServer(...processor.handlers, guard.handler)`; handlers added with `server.use()` go before it. */
  readonly handler: HttpHandler;
  /** host:port of every request the guard refused, in order. */
  readonly blocked: readonly string[];
  /** Throws a NetworkGuardError if anything was blocked (a client that swallowed the error still fails the test), then forgets it. */
  check(): void;
};

/**
 * A last handler that lets loopback requests through to real local servers and fails every
 * other request no handler answered, as a network error, before any socket. msw's own
 * `onUnhandledRequest: 'error'` does the same but also blocks loopback.
 */
export function networkGuard(): MswNetworkGuard {
  const blocked: string[] = [];
  const handler = http.all('*', ({ request }) => {
    const url = new URL(request.url);
    if (isLoopbackHost(url.host)) return passthrough();
    const host = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
    blocked.push(host);
    console.error(new NetworkGuardError([host], MOCK_WITH).message);
    return HttpResponse.error();
  });
  return {
    handler,
    blocked,
    check() {
      const hosts = blocked.splice(0);
      if (hosts.length > 0) throw new NetworkGuardError(hosts, MOCK_WITH);
    },
  };
}
