import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { startGateway, type GatewayParts, type RunningGateway } from '../../../gateway/index.ts';
import { loadPki } from '../../../mocks/pki/load.ts';

/** Tiny local servers and a gateway config builder for the reference gateway's unit tests. */
export const pki = loadPki();
export const cert = (id: string) => pki.certPath(id);
export const key = (id: string) => pki.keyPath(id);
export const chain = (id: string) => pki.chainPath(id);
export const bundle = (id: string) => pki.bundlePath(id);

export const STRIPE_KEY = 'sk_test_gatecheck_51Mock';
export const CARD = '4242424242424242';

type Closer = () => Promise<void>;
const closers: Closer[] = [];
/** Registers a cleanup; `closeAll()` (called from afterEach) runs them all, last first. */
export const onClose = (closer: Closer) => void closers.push(closer);
export async function closeAll(): Promise<void> {
  while (closers.length) await closers.pop()!().catch(() => {});
}

const listen = (server: net.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));

function closer(server: net.Server, sockets: Set<net.Socket>): Closer {
  return () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

function track(server: net.Server, event: string): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on(event, (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  return sockets;
}

export type SeenRequest = { method: string; path: string; headers: IncomingMessage['headers']; body: string };
export type Handler = (req: SeenRequest, res: ServerResponse, index: number) => void;

/** An HTTPS server with a PKI certificate that records every request that reached it. */
export async function httpsFake(handler: Handler, options: { cert?: string; tls?: https.ServerOptions } = {}) {
  const id = options.cert ?? 'server-good';
  const requests: SeenRequest[] = [];
  const server = https.createServer({ key: pki.read(key(id)), cert: pki.read(chain(id)), ...options.tls }, (req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const seen = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(seen);
      handler(seen, res, requests.length - 1);
    });
  });
  server.on('tlsClientError', () => {});
  const sockets = track(server, 'connection');
  const port = await listen(server);
  onClose(closer(server, sockets));
  return { port, url: `https://localhost:${port}`, requests };
}

/** A raw TLS server: `onSecure` gets each verified connection; counts application bytes received. */
export async function tlsFake(options: tls.TlsOptions, onSecure: (socket: tls.TLSSocket) => void = () => {}) {
  const received = { bytes: 0, connections: 0 };
  const server = tls.createServer(options, (socket) => {
    received.connections++;
    socket.on('data', (d) => (received.bytes += d.length));
    socket.on('error', () => {});
    onSecure(socket);
  });
  server.on('tlsClientError', () => {});
  const sockets = track(server, 'connection');
  const port = await listen(server);
  onClose(closer(server, sockets));
  return { port, url: `https://localhost:${port}`, received };
}

/** TLS over a TCP socket we keep, so a test can send an RST mid-stream (TLS sockets cannot). */
export async function tlsOverTcp(options: tls.TlsOptions, onSecure: (socket: tls.TLSSocket, tcp: net.Socket) => void) {
  const context = tls.createSecureContext(options);
  return netFake((tcp) => {
    const socket = new tls.TLSSocket(tcp, { isServer: true, secureContext: context });
    socket.on('error', () => {});
    socket.once('secure', () => onSecure(socket, tcp));
  });
}

/** A plain TCP server for faults below TLS. */
export async function netFake(onConnection: (socket: net.Socket) => void) {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    onConnection(socket);
  });
  const sockets = track(server, 'connection');
  const port = await listen(server);
  onClose(closer(server, sockets));
  return { port, url: `https://localhost:${port}` };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const serverTls = (id: string, extra: tls.TlsOptions = {}): tls.TlsOptions => ({ key: pki.read(key(id)), cert: pki.read(chain(id)), ...extra });

type Json = Record<string, unknown>;

/** One processor entry of a gateway config (stripe unless the override says otherwise). */
export function processorConfig(url: string, overrides: Json = {}): Json {
  const { tls: tlsOverrides, ...rest } = overrides;
  return {
    name: 'stripe-main',
    profile: 'stripe',
    baseUrl: url,
    credentials: { secretKey: STRIPE_KEY },
    timeouts: { connectMs: 1000, handshakeMs: 1000, responseMs: 1500 },
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1000 },
    ...rest,
    tls: { caFile: bundle('trust-current'), ...(tlsOverrides as Json | undefined) },
  };
}

export function gatewayConfig(processors: Json[], extra: Json = {}): Json {
  return { health: { probeOnStart: false, probeIntervalMs: 0 }, ...extra, processors };
}

/** Starts the gateway in-process; closed by closeAll(). */
export async function gateway(config: unknown, parts: Partial<GatewayParts> = {}): Promise<RunningGateway> {
  const gw = await startGateway(config, parts);
  onClose(() => gw.close());
  return gw;
}

export type PaymentReply = { status: number; body: any; ms: number };

export async function pay(gw: RunningGateway, options: { key?: string | null; source?: string; amount?: number; reference?: string } = {}): Promise<PaymentReply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.key !== null) headers['idempotency-key'] = options.key ?? `key-${Math.random().toString(36).slice(2)}`;
  const started = Date.now();
  const res = await fetch(`${gw.url}/v1/payments`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ amount: options.amount ?? 1000, currency: 'EUR', source: options.source ?? CARD, reference: options.reference ?? 'order-1' }),
  });
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}

export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

/** Stripe's success body for the fakes. */
export const stripeIntent = (id = 'pi_test_1') => ({ id, object: 'payment_intent', amount: 1000, currency: 'eur', status: 'succeeded', metadata: { reference: 'order-1' } });

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A scratch folder for config files; removed by closeAll(). */
export function scratchDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-gateway-'));
  onClose(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}
