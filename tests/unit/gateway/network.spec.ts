import { expect, test } from '@playwright/test';
import { defaultParts } from '../../../gateway/index.ts';
import { closeAll, closedPort, gateway, gatewayConfig, netFake, pay, processorConfig, serverTls, tlsFake, tlsOverTcp } from './helpers.ts';

test.afterEach(closeAll);

const TIMEOUTS = { connectMs: 800, handshakeMs: 800, responseMs: 800 };
const once = { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 100 };
const attempts = (logs: { msg: string }[]) => logs.filter((l) => l.msg.startsWith('payment attempt failed')).length;
const HEAD = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n';

type Row = { what: string; url: () => Promise<string>; code: string; status: number; attempts: number; retry?: typeof once; boundMs?: number };
const rows: Row[] = [
  { what: 'closed port', url: async () => `https://localhost:${await closedPort()}`, code: 'NET_CONNECTION_REFUSED', status: 503, attempts: 3, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 } },
  { what: 'host name that does not resolve', url: async () => 'https://gatecheck-no-such-host.invalid:443', code: 'NET_DNS_FAILURE', status: 503, attempts: 1, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 } },
  { what: 'RST right after accept', url: async () => (await netFake((s) => s.resetAndDestroy())).url, code: 'NET_CONNECTION_RESET', status: 503, attempts: 1 },
  { what: 'FIN right after accept', url: async () => (await netFake((s) => s.end())).url, code: 'NET_CONNECTION_CLOSED', status: 503, attempts: 1 },
  { what: 'accepted, handshake never answered', url: async () => (await netFake(() => {})).url, code: 'TLS_HANDSHAKE_TIMEOUT', status: 504, attempts: 1, boundMs: TIMEOUTS.connectMs + TIMEOUTS.handshakeMs + 1000 },
  { what: 'TLS fine, response never sent', url: async () => (await tlsFake(serverTls('server-good'))).url, code: 'NET_RESPONSE_TIMEOUT', status: 504, attempts: 1, boundMs: TIMEOUTS.responseMs + 1000 },
  { what: 'RST in the middle of the body', url: async () => (await tlsOverTcp(serverTls('server-good'), (s, tcp) => s.once('data', () => s.write(`${HEAD}{"id":`, () => setTimeout(() => tcp.resetAndDestroy(), 20))))).url, code: 'NET_CONNECTION_RESET', status: 503, attempts: 1 },
  { what: 'closed after the headers', url: async () => (await tlsFake(serverTls('server-good'), (s) => s.once('data', () => s.end(HEAD)))).url, code: 'NET_CONNECTION_CLOSED', status: 503, attempts: 1 },
  { what: 'closed before any response', url: async () => (await tlsFake(serverTls('server-good'), (s) => s.once('data', () => s.end()))).url, code: 'NET_CONNECTION_CLOSED', status: 503, attempts: 1 },
  { what: 'closed after headers without a length (close-delimited, no body)', url: async () => (await tlsFake(serverTls('server-good'), (s) => s.once('data', () => s.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n')))).url, code: 'NET_CONNECTION_CLOSED', status: 503, attempts: 1 },
  { what: 'garbage instead of HTTP after the handshake', url: async () => (await tlsFake(serverTls('server-good'), (s) => s.once('data', () => s.end('\x16\x03\x01garbage: not an HTTP response\r\n\r\n')))).url, code: 'PROCESSOR_BAD_RESPONSE', status: 502, attempts: 1 },
];

for (const row of rows) {
  test(`network: ${row.what} -> ${row.code}`, async () => {
    const url = await row.url();
    const gw = await gateway(gatewayConfig([processorConfig(url, { timeouts: TIMEOUTS, retry: row.retry ?? once })]));
    const reply = await pay(gw);
    expect(reply.body.error?.code, JSON.stringify(reply.body)).toBe(row.code);
    expect(reply.status).toBe(row.status);
    expect(attempts(gw.logs())).toBe(row.attempts);
    if (row.boundMs) expect(reply.ms).toBeLessThan(row.boundMs);
  });
}

test('network: name resolution that never answers -> NET_DNS_FAILURE within the connect bound', async () => {
  const neverResolves = { ...defaultParts, tlsOptions: (p: Parameters<typeof defaultParts.tlsOptions>[0], m: Parameters<typeof defaultParts.tlsOptions>[1]) => ({ ...defaultParts.tlsOptions(p, m), lookup: () => {} }) };
  const gw = await gateway(gatewayConfig([processorConfig('https://processor.example.test:443', { timeouts: TIMEOUTS, retry: once })]), neverResolves);
  const reply = await pay(gw);
  expect(reply.body.error?.code).toBe('NET_DNS_FAILURE');
  expect(reply.ms).toBeLessThan(TIMEOUTS.connectMs + 1000);
});
