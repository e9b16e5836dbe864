import { TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { errorCode, stripeClient, TRANSPORTS, type Transport } from './clients.ts';
import { ADAPTERS, BASE_URL, expect, test, type AdapterName } from './fixtures.ts';

/** What each adapter can express: nock reproduces Node's code; msw only "a network error". */
function expectNetworkError(adapter: AdapterName, transport: Transport, error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  if (adapter === 'nock') {
    expect(errorCode(error)).toBe('ECONNRESET');
    expect((error as Error).message).toBe('read ECONNRESET');
    return;
  }
  expect(error).toBeInstanceOf(TypeError);
  expect((error as Error).message).toBe(transport.name === 'fetch' ? 'Failed to fetch' : 'Network error');
}

for (const adapter of ADAPTERS) {
  for (const transport of TRANSPORTS) {
    test(`${adapter} + ${transport.name}: a network error before processing charges nothing`, async ({ mock }) => {
      const stripe = mock(adapter, 'stripe', { behaviour: { kind: 'network-error' } });
      const error = await stripeClient(transport, { baseUrl: BASE_URL.stripe }).charge({ card: TEST_CARDS.approved }).catch((e: unknown) => e);
      expectNetworkError(adapter, transport, error);
      expect(stripe.payments).toEqual([]);
      expect(stripe.requests.map((r) => r.outcome)).toEqual([{ networkError: 'ECONNRESET', afterProcessing: false }]);
    });

    test(`${adapter} + ${transport.name}: the response is lost after the charge; the retry with the same key is replayed, charged once`, async ({ mock }) => {
      const stripe = mock(adapter, 'stripe', { behaviour: { kind: 'network-error', when: 'after-processing', times: 1 } });
      const client = stripeClient(transport, { baseUrl: BASE_URL.stripe });
      const lost = await client.charge({ card: TEST_CARDS.approved, idempotencyKey: 'order-lost' }).catch((e: unknown) => e);
      expectNetworkError(adapter, transport, lost);
      expect(stripe.payments).toHaveLength(1);
      const retried = await client.charge({ card: TEST_CARDS.approved, idempotencyKey: 'order-lost' });
      expect(retried.status).toBe(200);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(stripe.payments).toHaveLength(1);
    });
  }
}

const codes = [
  ['ECONNREFUSED', 'connect ECONNREFUSED api.stripe.com:443', 'connect'],
  ['ETIMEDOUT', 'connect ETIMEDOUT api.stripe.com:443', 'connect'],
  ['ENOTFOUND', 'getaddrinfo ENOTFOUND api.stripe.com', 'getaddrinfo'],
] as const;

for (const transport of TRANSPORTS) {
  for (const [code, message, syscall] of codes) {
    test(`nock + ${transport.name}: network-error ${code} fails as Node would (code, syscall, message naming the host)`, async ({ mock }) => {
      mock('nock', 'stripe', { behaviour: { kind: 'network-error', code } });
      const error = (await stripeClient(transport, { baseUrl: BASE_URL.stripe }).charge({ card: TEST_CARDS.approved }).catch((e: unknown) => e)) as Error & { syscall?: string };
      expect(errorCode(error)).toBe(code);
      expect(error.message).toBe(message);
      expect(error.syscall).toBe(syscall);
    });
  }
}
