import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import nock from 'nock';
import { networkGuard as mswNetworkGuard } from '../../../mocks/inprocess/msw.ts';
import { networkGuard, NetworkGuardError, processorInterceptors, type NetworkGuard } from '../../../mocks/inprocess/nock.ts';
import { TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { stripeClient, TRANSPORTS } from './clients.ts';
import { expect, test } from './fixtures.ts';

// Nothing here leaves this machine: the guard refuses before DNS or connect, and the tripwire
// fixture fails the test if any socket to another host is even attempted. `.example` never
// resolves and 192.0.2.0/24 is TEST-NET-1 (documentation only).
const OFF_MACHINE = ['https://api.processor.example/v1/payment_intents', 'https://192.0.2.10/v1/payment_intents'];

/** A real server on loopback, for what the guard must let through. */
async function loopbackServer(host: string) {
  const server = http.createServer((_req, res) => res.end('local'));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const nockGuard = test.extend<{ guard: NetworkGuard }>({
  guard: async ({}, use) => {
    const guard = networkGuard();
    await use(guard);
    guard.restore({ allowBlocked: true });
    nock.cleanAll();
    nock.restore();
  },
});

for (const transport of TRANSPORTS) {
  for (const url of OFF_MACHINE) {
    const host = `${new URL(url).hostname}:443`;
    nockGuard(`nock networkGuard + ${transport.name}: a request to ${host} fails with an error naming the host, before any socket`, async ({ guard, tripwire }) => {
      const error = await transport.send(url, { method: 'POST', headers: {}, body: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkGuardError);
      expect((error as Error).message).toBe(
        `gatecheck: network guard blocked a request to ${host}: a unit test may reach only this machine (127.0.0.1, localhost, ::1). Mock the host with processorInterceptors(profile, { baseUrl }) or point the client at a loopback server.`,
      );
      expect((error as NetworkGuardError).code).toBe('ENETUNREACH');
      expect(guard.blocked).toEqual([host]);
      expect(tripwire.attempts).toEqual([]);
    });
  }

  nockGuard(`nock networkGuard + ${transport.name}: loopback servers and intercepted hosts still answer`, async ({ guard }) => {
    const local = await loopbackServer('127.0.0.1');
    const stripe = processorInterceptors('stripe', { baseUrl: 'https://api.stripe.com' });
    try {
      for (const host of ['127.0.0.1', 'localhost']) {
        expect((await transport.send(`http://${host}:${local.port}/`, { method: 'GET', headers: {} })).body).toBe('local');
      }
      expect((await stripeClient(transport, { baseUrl: 'https://api.stripe.com' }).charge({ card: TEST_CARDS.approved })).status).toBe(200);
      expect(guard.blocked).toEqual([]);
    } finally {
      stripe.remove();
      await local.close();
    }
  });
}

nockGuard('nock networkGuard: restore() fails the test when a client swallowed a blocked request', async ({ guard }) => {
  await fetch(OFF_MACHINE[0]!).catch(() => undefined);
  expect(() => guard.restore()).toThrow(/^gatecheck: network guard blocked a request to api\.processor\.example:443: /);
  expect(guard.blocked).toEqual(['api.processor.example:443']);
});

const mswGuard = test.extend<{ msw: { guard: ReturnType<typeof mswNetworkGuard>; logged: string[] } }>({
  msw: async ({}, use) => {
    if (nock.isActive()) nock.restore();
    const guard = mswNetworkGuard();
    const server = setupServer(guard.handler);
    server.listen({ onUnhandledRequest: 'error' });
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      await use({ guard, logged });
    } finally {
      console.error = original;
      server.close();
    }
  },
});

for (const transport of TRANSPORTS) {
  for (const url of OFF_MACHINE) {
    const host = `${new URL(url).hostname}:443`;
    mswGuard(`msw networkGuard + ${transport.name}: a request to ${host} fails as a network error, logged naming the host, before any socket`, async ({ msw, tripwire }) => {
      const error = await transport.send(url, { method: 'POST', headers: {}, body: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(msw.logged).toEqual([
        `gatecheck: network guard blocked a request to ${host}: a unit test may reach only this machine (127.0.0.1, localhost, ::1). Mock the host with processorHandlers(profile, { baseUrl }) or point the client at a loopback server.`,
      ]);
      expect(msw.guard.blocked).toEqual([host]);
      expect(() => msw.guard.check()).toThrow(NetworkGuardError);
      expect(msw.guard.blocked).toEqual([]);
      expect(tripwire.attempts).toEqual([]);
    });
  }

  mswGuard(`msw networkGuard + ${transport.name}: loopback servers and handled hosts still answer`, async ({ msw }) => {
    const local = await loopbackServer('127.0.0.1');
    try {
      expect((await transport.send(`http://127.0.0.1:${local.port}/`, { method: 'GET', headers: {} })).body).toBe('local');
      expect((await transport.send(`http://localhost:${local.port}/`, { method: 'GET', headers: {} })).body).toBe('local');
      expect(msw.guard.blocked).toEqual([]);
      expect(() => msw.guard.check()).not.toThrow();
    } finally {
      await local.close();
    }
  });
}
