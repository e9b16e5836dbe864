import { readFileSync } from 'node:fs';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { startCustomProcessor } from '../../../mocks/custom/start.ts';
import { KEY, rawConnection, sampleProcessor, scenarioOf } from './helpers.ts';

const refuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });

/** The local addresses the kernel lists as listening on `port` (Linux /proc/net/tcp and tcp6). */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try { text = readFileSync(file, 'utf8'); } catch { continue; }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue;
      const [hex, portHex] = local.split(':');
      if (parseInt(portHex!, 16) !== port) continue;
      found.push(hex!.length === 8 ? hex!.match(/../g)!.reverse().map((b) => parseInt(b, 16)).join('.') : `ipv6:${hex}`);
    }
  }
  return found;
}

const pay = JSON.stringify({ amount: 1000, currency: 'EUR', card: '4242424242424242' });

test('every answer carries Content-Length and the connection stays alive, whatever mockttp verb made it', async () => {
  const processor = sampleProcessor(async (server) => {
    await server.forPost('/api/v1/pay').thenCallback(() => ({ statusCode: 201, json: { id: 'p-1' } })); // mockttp frames this one by closing
    await server.forGet('/api/v1/reply-with-headers').thenReply(200, 'plain text', { 'content-type': 'text/plain' }); // and this one
    await server.forGet('/api/v1/json').thenJson(200, { ok: true });
    await server.forGet('/api/v1/chunked').thenReply(200, 'chunked by default');
  });
  const server = await startCustomProcessor(scenarioOf(processor, 'acme/tls.good-chain'));
  try {
    const c = await rawConnection(server.url, server.client);
    const answers = [
      await c.request('POST', '/api/v1/pay', { 'x-api-key': KEY, 'content-type': 'application/json' }, pay),
      await c.request('GET', '/api/v1/reply-with-headers', {}),
      await c.request('GET', '/api/v1/json', {}),
      await c.request('GET', '/api/v1/chunked', {}),
    ];
    expect(answers.map((a) => a?.body)).toEqual(['{"id":"p-1"}', 'plain text', '{"ok":true}', 'chunked by default']);
    for (const a of answers) {
      expect(a!.head).toMatch(/\r\ncontent-length: \d+/i);
      expect(a!.head).not.toMatch(/transfer-encoding|connection: close/i);
    }
    expect(c.ended).toBeNull();
    expect(server.connections()).toHaveLength(1);
    expect(server.requests().map((r) => r.path)).toEqual(['/api/v1/pay', '/api/v1/reply-with-headers', '/api/v1/json', '/api/v1/chunked']);
    c.close();
  } finally {
    await server.close();
  }
});

test("a rule's reset reaches the client as a TCP RST, its close as a FIN", async () => {
  const processor = sampleProcessor(async (server) => {
    await server.forPost('/api/v1/pay').thenResetConnection();
    await server.forGet('/api/v1/close').thenCloseConnection();
  });
  const server = await startCustomProcessor(scenarioOf(processor, 'acme/tls.good-chain'));
  try {
    const reset = await rawConnection(server.url, server.client);
    expect(await reset.request('POST', '/api/v1/pay', { 'x-api-key': KEY }, pay)).toBeNull();
    expect(reset.ended).toBe('reset');
    const closed = await rawConnection(server.url, server.client);
    expect(await closed.request('GET', '/api/v1/close', {})).toBeNull();
    expect(closed.ended).toBe('closed');
  } finally {
    await server.close();
  }
});

test('charges come from approved answers on the payment route, one per idempotency key', async () => {
  let n = 0;
  const processor = sampleProcessor(async (server) => {
    await server.forPost('/api/v1/pay').withJsonBodyIncluding({ card: '4000000000000002' }).thenJson(402, { error: 'declined' });
    await server.forPost('/api/v1/pay').thenCallback(() => ({ statusCode: 201, json: { id: `p-${++n}` } }));
    await server.forPost('/api/v1/other').thenJson(201, { id: 'not-a-payment' });
  });
  const server = await startCustomProcessor(scenarioOf(processor, 'acme/tls.good-chain'));
  try {
    const c = await rawConnection(server.url, server.client);
    const post = (path: string, key: string, body = pay) => c.request('POST', path, { 'x-api-key': KEY, 'idempotency-key': key }, body);
    await post('/api/v1/pay', 'k1');
    await post('/api/v1/pay', 'k1'); // a replay: the same charge
    await post('/api/v1/pay', 'k2');
    await post('/api/v1/pay', 'k3', JSON.stringify({ amount: 1000, currency: 'EUR', card: '4000000000000002' }));
    await post('/api/v1/other', 'k4');
    expect(server.payments().map((p) => [p.idempotencyKey, p.id, p.amount, p.currency])).toEqual([['k1', 'p-1', 1000, 'EUR'], ['k2', 'p-3', 1000, 'EUR']]);
    c.close();
  } finally {
    await server.close();
  }
});

test('the request record is bounded', async () => {
  const processor = sampleProcessor(async (server) => void (await server.forAnyRequest().thenJson(200, {})));
  const server = await startCustomProcessor(scenarioOf(processor, 'acme/tls.good-chain'), { recordLimit: 3 });
  try {
    const c = await rawConnection(server.url, server.client);
    for (let i = 0; i < 10; i++) await c.request('GET', `/api/v1/r${i}`, {});
    expect(server.requests().map((r) => r.path)).toEqual(['/api/v1/r7', '/api/v1/r8', '/api/v1/r9']);
    c.close();
  } finally {
    await server.close();
  }
});

test('mockttp listens on 127.0.0.1 only, and close() leaves no listener behind', async () => {
  const processor = sampleProcessor(async (server) => void (await server.forAnyRequest().thenJson(200, {})));
  const server = await startCustomProcessor(scenarioOf(processor, 'acme/mtls.good-client-cert'));
  expect(server.ports).toHaveLength(3); // front, recorder, mockttp
  const mockttpServer = (server as unknown as { mockttpPort: number }).mockttpPort;
  for (const port of server.ports) expect(await refuses(port)).toBe(false);
  expect(listeningAddresses(mockttpServer)).toEqual(['127.0.0.1']);
  await server.close();
  for (const port of server.ports) expect(await refuses(port)).toBe(true);
});

test('closing while a delayed answer is pending ends it quietly (nothing reaches a stopped mockttp)', async () => {
  const processor = sampleProcessor(async (server) => void (await server.forAnyRequest().thenJson(201, { id: 'p-1' })));
  const run = scenarioOf(processor, 'acme/network.latency-beyond-bound');
  const server = await startCustomProcessor(run);
  const c = await rawConnection(server.url, server.client);
  const pending = c.request('POST', '/api/v1/pay', { 'x-api-key': KEY }, pay);
  await expect.poll(() => server.requests().length).toBe(1);
  await server.close();
  expect(await pending).toBeNull();
  // Outlive the delay: an unhandled rejection from the pending answer would fail this test.
  await new Promise((resolve) => setTimeout(resolve, run.scenario.processor.behaviour.kind === 'delay' ? run.scenario.processor.behaviour.ms + 200 : 0));
  expect(server.payments()).toHaveLength(0);
});
