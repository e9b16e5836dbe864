import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import type { Mockttp } from 'mockttp';
import { parseCustomProcessor, type CustomProcessor } from '../../../mocks/custom/definition.ts';
import { customScenarios, type CustomScenario } from '../../../mocks/custom/scenarios.ts';
import type { ClientMaterial } from '../../../mocks/servers/client-material.ts';

export const KEY = 'test-key-1234';

/** A small custom processor: api-key auth, POST /api/v1/pay approved with 201, declined with 402. */
export function sampleProcessor(rules: (server: Mockttp) => Promise<void>, extra: Record<string, unknown> = {}): CustomProcessor {
  return parseCustomProcessor({
    name: 'acme',
    basePath: '/api/v1',
    auth: { scheme: 'api-key', header: 'x-api-key', key: KEY },
    payment: { path: '/pay', body: { amount: '{amount}', currency: '{currency}', card: '{source}' } },
    answers: { approved: [201], declined: [402], reference: '/id' },
    rules,
    ...extra,
  });
}

/** The processor's scenario with this id (e.g. acme/tls.good-chain). */
export function scenarioOf(processor: CustomProcessor, id: string): CustomScenario {
  const found = customScenarios([processor]).find((c) => c.scenario.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

export type RawAnswer = { head: string; body: string };

/**
 * One TLS connection to a processor, speaking HTTP/1.1 by hand so the test sees exactly how each
 * answer is framed and how the connection ends: 'reset' (RST), 'closed' (FIN) or still open.
 */
export async function rawConnection(url: string, m: ClientMaterial) {
  const u = new URL(url);
  const socket = tls.connect({ host: u.hostname, port: Number(u.port), servername: m.servername, ca: m.ca ? readFileSync(m.ca) : undefined });
  await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
  let buffer = '';
  let ended: 'reset' | 'closed' | null = null;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  socket.on('data', (chunk: Buffer) => { buffer += chunk.toString('latin1'); wake(); });
  socket.on('error', (e: NodeJS.ErrnoException) => { ended = e.code === 'ECONNRESET' ? 'reset' : 'closed'; wake(); });
  socket.on('end', () => { ended ??= 'closed'; wake(); });
  socket.on('close', () => { ended ??= 'closed'; wake(); });
  const next = () => new Promise<void>((resolve) => waiters.push(resolve));
  return {
    get ended() { return ended; },
    /** Sends one request; resolves with the answer, or null when the connection ended without one. */
    async request(method: string, path: string, headers: Record<string, string>, body = ''): Promise<RawAnswer | null> {
      const lines = [`${method} ${path} HTTP/1.1`, `host: ${u.host}`, `content-length: ${Buffer.byteLength(body)}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end >= 0) {
          const head = buffer.slice(0, end);
          const length = /\r\ncontent-length: *(\d+)/i.exec(head);
          if (length && buffer.length >= end + 4 + Number(length[1])) {
            const answer = { head, body: buffer.slice(end + 4, end + 4 + Number(length[1])) };
            buffer = buffer.slice(end + 4 + Number(length[1]));
            return answer;
          }
          if (!length && ended) return { head, body: buffer.slice(end + 4) };
        }
        if (ended) return null;
        await next();
      }
    },
    close: () => socket.destroy(),
  };
}
