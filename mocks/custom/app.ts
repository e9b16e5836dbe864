import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Mockttp } from 'mockttp';
import type { CommittedPayment, ProcessorRequest } from '../processors/profile.ts';
import type { Behaviour } from '../scenarios/schema.ts';
import { PING_PATH } from '../servers/http-app.ts';
import { closeServer, listen, trackSockets } from '../servers/listen.ts';
import type { BoundedLog, RequestRecord } from '../servers/records.ts';
import { tcpOf } from '../servers/tcp-of.ts';
import { CommittedLedger } from './committed.ts';
import { paymentPathOf, type CustomProcessor, type CustomRules } from './definition.ts';
import { startLoopbackMockttp } from './loopback-mockttp.ts';

/** The HTTP half of a custom processor, as the TLS front sees it (same shape as the built-in HttpApp). */
export type CustomApp = {
  port: number;
  /** mockttp's own loopback port (what the rules run on). */
  mockttpPort: number;
  serve(socket: net.Socket): void;
  payments(): readonly CommittedPayment[];
  close(): Promise<void>;
};

/** Hop-by-hop and framing headers: the front frames the answer itself (RFC 9110 7.6.1). */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'proxy-connection', 'upgrade', 'te', 'trailer']);

/** What mockttp did with one request: an answer, a reset (RST), or a close (FIN) with no answer. */
type Upstream = { kind: 'answer'; status: number; headers: http.OutgoingHttpHeaders; body: Buffer } | { kind: 'reset' } | { kind: 'close' };

/** Sends one request to mockttp on a fresh loopback connection and reads the whole answer. */
function forward(port: number, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve) => {
    let socketError: NodeJS.ErrnoException | undefined;
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' }, agent: false }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const headers: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP.has(name)) headers[name] = value;
        resolve({ kind: 'answer', status: answer.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
      });
      answer.on('error', () => resolve({ kind: socketError?.syscall === 'read' ? 'reset' : 'close' }));
    });
    upstream.on('socket', (socket) => socket.on('error', (error: NodeJS.ErrnoException) => (socketError = error)));
    upstream.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: (socketError ?? error).syscall === 'read' ? 'reset' : 'close' }));
    upstream.end(body);
  });
}

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

/** The network behaviours of the transport scenarios, around the user's rules: every other kind belongs to a built-in profile. */
function checkBehaviour(behaviour: Behaviour): void {
  if (!['normal', 'reset', 'hang', 'delay'].includes(behaviour.kind)) {
    throw new Error(`gatecheck: the "${behaviour.kind}" behaviour is a built-in profile's; a custom processor's HTTP behaviour is its own mockttp rules`);
  }
}

/**
 * A custom processor's HTTP application: the user's mockttp rules on a mockttp server bound to
 * 127.0.0.1, behind a small node:http recorder that the TLS front hands each verified connection
 * to (as it does a built-in profile's application). The recorder keeps the bounded request
 * record, derives committed charges from the approved answers, applies the transport scenarios'
 * network behaviours (reset or hang after the processor answered, delay), and answers with
 * Content-Length on a kept-alive connection: mockttp itself drops Content-Length whenever a rule
 * sets headers (thenCallback, thenReply with headers), which leaves Node only the connection close
 * to end the body. A rule's reset (thenResetConnection) reaches the gateway as a real TCP RST, its
 * close (thenCloseConnection) as a FIN.
 */
export async function startCustomApp(
  processor: CustomProcessor,
  rules: CustomRules,
  behaviour: Behaviour,
  requests: BoundedLog<RequestRecord>,
  options: { port?: number } = {},
): Promise<CustomApp> {
  checkBehaviour(behaviour);
  let mock: Mockttp | undefined;
  let mockPort = 0;
  let closing = false;
  const ledger = new CommittedLedger(processor);
  const paymentPath = paymentPathOf(processor);
  let payments = 0;
  const respond = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const request: ProcessorRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: flatHeaders(req.headers), body: body.toString('utf8') };
    requests.push({ ...request, at: new Date().toISOString() });
    if (request.path === PING_PATH) {
      const ping = JSON.stringify({ ok: true, processor: processor.name });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ping) });
      return void res.end(ping);
    }
    const isPayment = request.method === 'POST' && request.path.split('?')[0] === paymentPath;
    const nth = isPayment ? ++payments : 0;
    const applies = 'times' in behaviour && isPayment && (behaviour.times === null || nth <= behaviour.times);
    if (behaviour.kind === 'delay' && applies) await sleep(behaviour.ms);
    if (closing || req.socket.destroyed) return; // the client gave up, or the processor is closing: nothing to answer
    if ((behaviour.kind === 'reset' || behaviour.kind === 'hang') && applies && !behaviour.commit) {
      return behaviour.kind === 'reset' ? void tcpOf(req.socket).resetAndDestroy() : undefined;
    }
    const answer = await forward(mockPort, req, body);
    if (closing || req.socket.destroyed) return;
    if (answer.kind === 'reset') return void tcpOf(req.socket).resetAndDestroy();
    if (answer.kind === 'close') return void req.socket.destroy();
    ledger.answered(request, answer.status, answer.body.toString('utf8'));
    if (behaviour.kind === 'reset' && applies) return void tcpOf(req.socket).resetAndDestroy();
    if (behaviour.kind === 'hang' && applies) return; // the charge is made, the answer never comes; close() ends it
    res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
    res.end(answer.body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A failure here must never become an unhandled rejection in the test process: the connection ends instead.
    req.on('end', () => void respond(req, res, Buffer.concat(chunks)).catch(() => req.socket.destroy()));
  });
  const sockets = trackSockets(server);
  try {
    mock = await startLoopbackMockttp();
    mockPort = mock.port;
    await rules(mock);
  } catch (error) {
    await mock?.stop();
    throw new Error(`gatecheck: custom processor "${processor.name}": its mockttp rules failed to load: ${(error as Error)?.message ?? error}`, { cause: error });
  }
  let port: number;
  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    await mock.stop();
    throw error;
  }
  const started = mock;
  return {
    port,
    mockttpPort: mockPort,
    serve: (socket) => void server.emit('connection', socket),
    payments: () => ledger.all(),
    close: () => {
      closing = true;
      return Promise.all([closeServer(server, sockets), started.stop()]).then(() => undefined);
    },
  };
}
