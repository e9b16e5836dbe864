import nock from 'nock';
import { isLoopbackHost } from './loopback.ts';
import { NetworkGuardError } from './network-guard-error.ts';
import { ensureNockActive } from './nock-active.ts';

const MOCK_WITH = 'processorInterceptors(profile, { baseUrl })';

export type NetworkGuard = {
  /** host:port of every request the guard refused, in order. */
  readonly blocked: readonly string[];
  /**
   * Lets real connections out again (nock's default) and, unless `allowBlocked`, throws a
   * NetworkGuardError if anything was blocked: a client that swallowed the error still fails the test.
   */
  restore(options?: { allowBlocked?: boolean }): void;
};

/**
 * Fails every request to a host that is neither intercepted nor loopback, before any socket or
 * DNS lookup: `nock.disableNetConnect()` with only loopback let through. Intercepted hosts
 * (processorInterceptors) answer as usual.
 */
export function networkGuard(): NetworkGuard {
  ensureNockActive();
  const blocked: string[] = [];
  nock.disableNetConnect();
  nock.enableNetConnect((host: string) => {
    if (isLoopbackHost(host)) return true;
    blocked.push(host);
    // Thrown rather than answered false, so the request fails with this message instead of nock's.
    throw new NetworkGuardError([host], MOCK_WITH);
  });
  return {
    blocked,
    restore({ allowBlocked = false } = {}) {
      nock.enableNetConnect();
      if (blocked.length > 0 && !allowBlocked) throw new NetworkGuardError([...blocked], MOCK_WITH);
    },
  };
}
