import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type net from 'node:net';
import type { ProcessorProfile, ProfileOptions, ProfileState } from '../processors/profile.ts';
import type { Behaviour } from '../scenarios/schema.ts';
import { behave, stateOptions } from './behaviour.ts';
import { closeServer, listen, trackSockets } from './listen.ts';
import { monotonicMs, type BoundedLog, type RequestRecord } from './records.ts';
import { tcpOf } from './tcp-of.ts';

/** Answered by the harness itself (and recorded like any request): a client can prove it reached HTTP. */
export const PING_PATH = '/__gatecheck/ping';

export type HttpApp = {
  /** The application's own loopback port (plain HTTP): the plain-HTTP front and fault pipes use it. */
  port: number;
  state: ProfileState;
  /** Serves an accepted connection (the TLS front's decrypted socket) in this process: no second hop. */
  serve(socket: net.Socket): void;
  close(): Promise<void>;
};

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The request as it arrived, and its record: one object, made once. */
function recordOf(req: IncomingMessage, body: string): RequestRecord {
  return { method: req.method ?? 'GET', path: req.url ?? '/', headers: flatHeaders(req.headers), body, at: new Date().toISOString(), arrivedMs: monotonicMs() };
}

function reply(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The HTTP half of a mock processor: a node:http server answering with the processor profile
 * after the scenario's HTTP-level behaviour (a reset is a real RST on the client's TCP
 * connection; a hang never answers). Responses carry Content-Length and keep the connection
 * alive, as a processor's API does. Keeps a bounded record of every request that reached it.
 */
export async function startHttpApp(
  profile: ProcessorProfile,
  behaviour: Behaviour,
  requests: BoundedLog<RequestRecord>,
  options: ProfileOptions & { port?: number } = {},
): Promise<HttpApp> {
  const state = profile.createState({ ...stateOptions(behaviour), ...options });
  const answer = behave(profile, behaviour, state);
  const respond = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const request = recordOf(req, body);
    requests.push(request);
    if (request.path === PING_PATH) return reply(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ ok: true, profile: profile.name }));
    let response: Awaited<ReturnType<typeof answer>>;
    try {
      response = await answer(request);
    } catch (error) {
      return reply(res, 500, { 'content-type': 'text/plain' }, `gatecheck: the processor profile threw: ${(error as Error)?.message ?? error}`);
    }
    if (response === 'reset') return void tcpOf(req.socket).resetAndDestroy();
    if (response === 'hang') return; // never answer; close() ends the connection
    reply(res, response.status, response.headers, response.body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void respond(req, res, (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8')));
  });
  const sockets = trackSockets(server);
  const port = await listen(server, options.port ?? 0);
  return {
    port,
    state,
    serve: (socket) => void server.emit('connection', socket),
    close: () => closeServer(server, sockets),
  };
}
