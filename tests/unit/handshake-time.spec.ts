import { connect } from 'node:tls';
import { expect, test } from '@playwright/test';
import { HARNESS_TIMEOUTS } from '../../mocks/scenarios/expect.ts';
import { getScenario } from '../../mocks/scenarios/index.ts';
import { startProcessor, type ProcessorServer } from '../../mocks/servers/start-processor.ts';
import { handshakeBoundOf, handshakeSpans, timeWithin } from '../harness/handshake-time.ts';
import type { ConnectionRecord } from '../../mocks/servers/records.ts';

const record = (span: ConnectionRecord['handshakeSpan']): ConnectionRecord => ({
  id: 1, at: '', handshake: span ? 'ok' : 'failed', failure: null, error: null, tlsVersion: null, sni: null, alpn: null, clientCert: null, forwarded: !!span, handshakeSpan: span,
});

test('handshake time inside a payment: clipped to the call, overlapping handshakes once, each cut to its bound', () => {
  const window = { from: 100, to: 5000 };
  // Before the call (a boot probe) and after it do not count; the part inside does.
  expect(timeWithin(window, [{ from: 0, to: 90 }, { from: 5000, to: 5100 }, { from: 50, to: 150 }])).toBe(50);
  // Two concurrent attempts' handshakes overlap: their union, not their sum.
  expect(timeWithin(window, [{ from: 200, to: 500 }, { from: 300, to: 600 }, { from: 1000, to: 1100 }])).toBe(500);
  // A handshake that took longer than the gateway's bound counts only up to the bound; a failed one not at all.
  const spans = handshakeSpans([record({ from: 1000, to: 3000 }), record(null), record({ from: 4000, to: 4100 })], 500);
  expect(spans).toEqual([{ from: 1000, to: 1500 }, { from: 4000, to: 4100 }]);
  expect(timeWithin(window, spans)).toBe(600);
});

test('the bound a handshake is cut to is the one the gateway was given, else the harness default', () => {
  expect(handshakeBoundOf({ name: 'stripe', profile: 'stripe', baseUrl: 'https://x', timeouts: { connectMs: 1, handshakeMs: 750, responseMs: 1 } })).toBe(750);
  expect(handshakeBoundOf({ name: 'stripe', profile: 'stripe', baseUrl: 'https://x' })).toBe(HARNESS_TIMEOUTS.handshakeMs);
});

test('a mock processor records each completed handshake from TCP accept to done, and none for a refused one', async () => {
  const good = await startProcessor(getScenario('tls.good-chain'));
  const expired = await startProcessor(getScenario('tls.expired-leaf'));
  try {
    // A client that trusts nothing here: the good chain completes only without verification; the expired one is refused.
    const hello = (server: ProcessorServer, verify: boolean) => new Promise<void>((resolve) => {
      const { hostname, port } = new URL(server.url);
      const socket = connect({ host: '127.0.0.1', port: Number(port), servername: hostname, rejectUnauthorized: verify }, () => socket.end());
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });
    await hello(good, false);
    await hello(expired, true);
    await expect.poll(() => good.connections().length).toBe(1);
    const [done] = good.connections();
    expect(done!.handshake).toBe('ok');
    expect(done!.handshakeSpan!.to).toBeGreaterThanOrEqual(done!.handshakeSpan!.from);
    await expect.poll(() => expired.connections().length).toBe(1);
    expect(expired.connections()[0]!.handshakeSpan).toBeNull();
  } finally {
    await good.close();
    await expired.close();
  }
});
