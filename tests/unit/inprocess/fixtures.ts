import net from 'node:net';
import { test as base, expect } from '@playwright/test';
import { setupServer } from 'msw/node';
import nock from 'nock';
import { isLoopbackHost } from '../../../mocks/inprocess/loopback.ts';
import { processorHandlers, type InprocessOptions, type InprocessProcessor } from '../../../mocks/inprocess/msw.ts';
import { networkGuard, processorInterceptors, type NetworkGuard, type ProcessorInterceptors } from '../../../mocks/inprocess/nock.ts';
import type { ProfileName } from '../../../mocks/processors/profile.ts';

export type AdapterName = 'msw' | 'nock';
export const ADAPTERS: AdapterName[] = ['msw', 'nock'];

/** The hosts a user's client would call; nothing here ever reaches them (see `tripwire`). */
export const BASE_URL: Record<ProfileName, string> = {
  stripe: 'https://api.stripe.com',
  adyen: 'https://checkout-test.adyen.com',
  paypal: 'https://api-m.sandbox.paypal.com',
  visa: 'https://sandbox.api.visa.com',
};

export type Mock = (adapter: AdapterName, profile: ProfileName, options?: InprocessOptions & { baseUrl?: string }) => InprocessProcessor;

/** Hosts of sockets something tried to open off this machine (stopped before DNS or connect). */
export type Tripwire = { readonly attempts: readonly string[] };

/** The host a `Socket#connect` call targets, whichever of its forms (options, port + host, Node's normalised array) it got. */
function connectHost(args: unknown[]): string {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    return options.path ? 'localhost' : (options.host ?? 'localhost');
  }
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

export const test = base.extend<{ tripwire: Tripwire; mock: Mock }>({
  /**
   * Belt and braces under msw's and nock's own guards: a socket to anything but loopback fails
   * at `connect()` (before DNS), is recorded, and fails the test.
   */
  tripwire: [
    async ({}, use) => {
      const attempts: string[] = [];
      const original = net.Socket.prototype.connect;
      net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
        const host = connectHost(args);
        if (isLoopbackHost(host)) return (original as (...a: unknown[]) => net.Socket).apply(this, args);
        attempts.push(host);
        process.nextTick(() => this.destroy(new Error(`tripwire: a socket to ${host} was opened; unit tests stay on loopback`)));
        return this;
      } as typeof original;
      try {
        await use({ attempts });
      } finally {
        net.Socket.prototype.connect = original;
      }
      expect(attempts, 'sockets opened to hosts off this machine').toEqual([]);
    },
    { auto: true },
  ],

  /** Mounts a processor profile with msw or nock for this test; unhandled requests fail. */
  mock: async ({}, use) => {
    let server: ReturnType<typeof setupServer> | undefined;
    let guard: NetworkGuard | undefined;
    const interceptors: ProcessorInterceptors[] = [];
    await use((adapter, profile, options = {}) => {
      const baseUrl = options.baseUrl ?? BASE_URL[profile];
      if (adapter === 'msw') {
        // msw and nock both patch http and fetch: one owner at a time.
        if (nock.isActive()) nock.restore();
        const mocked = processorHandlers(profile, { ...options, baseUrl });
        if (!server) {
          server = setupServer();
          server.listen({ onUnhandledRequest: 'error' });
        }
        server.use(...mocked.handlers);
        return mocked;
      }
      if (server) throw new Error('mock: msw and nock in one test');
      const mocked = processorInterceptors(profile, { ...options, baseUrl });
      guard ??= networkGuard();
      interceptors.push(mocked);
      return mocked;
    });
    server?.close();
    for (const mocked of interceptors) mocked.remove();
    // nock activates on import: leave http and fetch as found for the next spec in this worker.
    nock.cleanAll();
    if (nock.isActive()) nock.restore();
    guard?.restore();
  },
});

export { expect };
