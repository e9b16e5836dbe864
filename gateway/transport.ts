import type { X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type tls from 'node:tls';
import { codedError, type Classification, type ClassifyContext } from './classify.ts';
import { GatewayFailure } from './errors.ts';
import { ConnectError, connectVerified, type ConnectBounds, type VerifiedConnection } from './tls/connect.ts';
import type { PeerPolicy, VerifyPeer } from './tls/verify-peer.ts';

export type HttpRequest = { method: 'POST' | 'GET'; path: string; headers: Record<string, string>; body: string };
export type HttpResponse = { status: number; headers: IncomingHttpHeaders; body: string };

export type TransportOptions = {
  baseUrl: string;
  tls: tls.ConnectionOptions;
  bounds: ConnectBounds & { responseMs: number };
  verifyPeer: VerifyPeer;
  policy: PeerPolicy;
  classifyError: (err: unknown, context: ClassifyContext) => Classification;
  /** Called with every chain that verified (payments and probes): feeds health and expiry gauges. */
  onVerifiedPeer?: (chain: X509Certificate[]) => void;
  /** Aborts everything in flight when the gateway closes. */
  signal: AbortSignal;
};

const MAX_BODY = 1024 * 1024;
const ATTEMPT = 'gatewayAttempt';

type AttemptState = { signal: AbortSignal };

/**
 * One keep-alive agent per processor whose connections are opened by connectVerified: a socket
 * reaches the HTTP client only after chain, host name and the gateway's peer policy verified, so
 * not one byte of a payment is written to an unverified peer.
 */
class VerifiedAgent extends https.Agent {
  constructor(private readonly open: (state: AttemptState) => Promise<VerifiedConnection>) {
    // `timeout` applies to idle keep-alive sockets: closed before a typical server's 5 s idle limit.
    super({ keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 16, maxCachedSessions: 0, timeout: 4000, scheduling: 'lifo' });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const state = (options as Record<string, unknown>)[ATTEMPT] as AttemptState;
    this.open(state).then(
      (connection) => callback?.(null, connection.socket),
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

export class ProcessorTransport {
  private readonly agent: VerifiedAgent;
  private readonly url: URL;
  private readonly clientCertConfigured: boolean;

  constructor(private readonly options: TransportOptions) {
    this.url = new URL(options.baseUrl);
    this.clientCertConfigured = Boolean(options.tls.cert);
    this.agent = new VerifiedAgent((state) => this.connect(state.signal));
  }

  private target() {
    return { host: this.url.hostname.replace(/^\[|\]$/g, ''), port: Number(this.url.port || 443) };
  }

  /** A verified TLS connection (also the health probe, which closes it at once). */
  async connect(signal: AbortSignal = this.options.signal): Promise<VerifiedConnection> {
    const connection = await connectVerified({
      target: this.target(),
      tls: this.options.tls,
      bounds: this.options.bounds,
      verifyPeer: this.options.verifyPeer,
      policy: this.options.policy,
      signal,
    });
    this.options.onVerifiedPeer?.(connection.chain);
    return connection;
  }

  /**
   * A verified handshake, then (TLS 1.3) the server's verdict on our client certificate, which
   * arrives after the handshake: a session ticket means accepted; an alert or a close means not.
   */
  async probe(): Promise<VerifiedConnection> {
    let connection: VerifiedConnection;
    try {
      connection = await this.connect();
    } catch (error) {
      throw this.toFailure(error, undefined);
    }
    const { socket } = connection;
    try {
      if (connection.protocol === 'TLSv1.3') await this.serverVerdict(socket);
    } finally {
      socket.setTimeout(1000, () => socket.destroy());
      socket.unref();
      socket.end();
    }
    return connection;
  }

  private serverVerdict(socket: Duplex): Promise<void> {
    const wait = Math.min(this.options.bounds.handshakeMs, 1000);
    const ctx: ClassifyContext = { phase: 'request', keyExchangeSeen: true, clientCertConfigured: this.clientCertConfigured, freshConnection: true, responseStarted: false };
    return new Promise((resolve, reject) => {
      const done = (error?: unknown) => {
        clearTimeout(timer);
        socket.off('session', ok).off('error', failed).off('end', closed).off('close', closed);
        if (error === undefined) resolve();
        else reject(this.toFailure(error, ctx));
      };
      const ok = () => done();
      const failed = (error: Error) => done(error);
      const closed = () => done(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      const timer = setTimeout(ok, wait);
      socket.once('session', ok).once('error', failed).once('end', closed).once('close', closed);
    });
  }

  private toFailure(error: unknown, context: ClassifyContext | undefined): GatewayFailure {
    if (error instanceof GatewayFailure) return error;
    if (error instanceof ConnectError) {
      const { code, reason } = this.options.classifyError(error.cause, error.context);
      return new GatewayFailure(code, `${error.message}`, { requestSent: false, detail: reason, cause: error.cause, stage: error.context.phase });
    }
    const ctx: ClassifyContext = context ?? { phase: 'connect', keyExchangeSeen: false, clientCertConfigured: this.clientCertConfigured, freshConnection: true, responseStarted: false };
    const { code, reason } = this.options.classifyError(error, ctx);
    return new GatewayFailure(code, (error as Error)?.message ?? String(error), { requestSent: ctx.phase !== 'connect', detail: reason, cause: error, stage: ctx.phase });
  }

  /** Sends one request and reads the whole response within the bounds; throws GatewayFailure. */
  send(request: HttpRequest): Promise<HttpResponse> {
    const { bounds, signal } = this.options;
    const base = this.url.pathname.replace(/\/$/, '');
    const body = Buffer.from(request.body);
    const ctx: ClassifyContext = { phase: 'connect', keyExchangeSeen: false, clientCertConfigured: this.clientCertConfigured, freshConnection: true, responseStarted: false, socketEnd: undefined };
    return new Promise((resolve, reject) => {
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      let socket: Duplex | undefined;
      const onSocketEnd = () => void (ctx.socketEnd ??= 'fin');
      const onSocketError = (e: NodeJS.ErrnoException) => void (e.code === 'ECONNRESET' && (ctx.socketEnd ??= 'reset'));
      const finish = () => {
        done = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        socket?.off('end', onSocketEnd);
        socket?.off('error', onSocketError);
      };
      const fail = (error: unknown) => {
        if (done) return;
        finish();
        req.destroy();
        reject(this.toFailure(error, { ...ctx }));
      };
      const onAbort = () => fail(codedError('NET_CONNECTION_CLOSED', 'the gateway is shutting down'));
      const req = https.request({
        agent: this.agent,
        host: this.target().host,
        port: this.target().port,
        method: request.method,
        path: `${base}${request.path}`,
        headers: { ...request.headers, 'content-length': String(body.length) },
        [ATTEMPT]: { signal } satisfies AttemptState,
      } as https.RequestOptions);
      req.on('socket', (s) => {
        socket = s;
        ctx.phase = 'request';
        ctx.freshConnection = !req.reusedSocket;
        ctx.keyExchangeSeen = true;
        // Before node:http's own listeners: they end the response (premature close, aborted) in the
        // same tick, and the classifier must already know whether the socket saw an RST or a FIN.
        s.prependListener('end', onSocketEnd);
        s.prependListener('error', onSocketError);
        timer = setTimeout(() => fail(codedError('NET_RESPONSE_TIMEOUT', `no complete response within ${bounds.responseMs} ms`)), bounds.responseMs);
      });
      req.on('response', (res) => {
        ctx.phase = 'response';
        ctx.responseStarted = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) return fail(codedError('PROCESSOR_BAD_RESPONSE', `response body larger than ${MAX_BODY} bytes`));
          chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
        res.on('end', () => {
          if (done) return;
          if (!res.complete) return fail(Object.assign(new Error('premature close'), { code: 'ECONNRESET' }));
          // No length and no chunking: the body ends at close. Nothing at all after the headers is a
          // connection closed early, not an empty answer.
          const closeDelimited = res.headers['content-length'] === undefined && !/chunked/i.test(String(res.headers['transfer-encoding'] ?? ''));
          if (closeDelimited && size === 0 && res.statusCode !== 204 && res.statusCode !== 304) {
            return fail(Object.assign(new Error('premature close: the connection closed right after the response headers'), { code: 'ECONNRESET' }));
          }
          finish();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.on('error', fail);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
