import type { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { codedError, type ClassifyContext } from '../classify.ts';
import type { PeerPolicy, VerifyPeer } from './verify-peer.ts';

export type ConnectTarget = { host: string; port: number };
export type ConnectBounds = { connectMs: number; handshakeMs: number };

/** A TLS connection whose chain, host name and the gateway's own policy all verified. */
export type VerifiedConnection = {
  socket: tls.TLSSocket;
  /** The served chain as verified, leaf first, up to the trust anchor. */
  chain: X509Certificate[];
  protocol: string | null;
  cipher: string;
  alpn: string | false | null;
  /** A client certificate was configured for this connection (sent if the server asked). */
  clientCertConfigured: boolean;
};

/** A failed connection attempt with what the classifier needs to know about it. */
export class ConnectError extends Error {
  override name = 'ConnectError';
  constructor(
    override readonly cause: unknown,
    readonly context: ClassifyContext,
  ) {
    super((cause as Error)?.message ?? String(cause));
  }
}

/** The peer chain, leaf first; stops at the self-signed anchor. */
export function peerChain(socket: tls.TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let cert: X509Certificate | undefined = socket.getPeerX509Certificate();
  while (cert && chain.length < 16) {
    chain.push(cert);
    const issuer: X509Certificate | undefined = cert.issuerCertificate;
    if (!issuer || issuer.fingerprint256 === cert.fingerprint256) break;
    cert = issuer;
  }
  return chain;
}

export type ConnectOptions = {
  target: ConnectTarget;
  tls: tls.ConnectionOptions;
  bounds: ConnectBounds;
  verifyPeer: VerifyPeer;
  policy: PeerPolicy;
  signal?: AbortSignal | undefined;
};

/**
 * Opens a TCP connection and a TLS session with exact bounds on each (timers, not socket
 * timeouts, which fire late), then runs the gateway's own peer policy. Resolves only with a
 * fully verified connection: nothing may be written to the socket before this resolves.
 * Rejects with a ConnectError carrying the classification context.
 */
export function connectVerified(options: ConnectOptions): Promise<VerifiedConnection> {
  const { target, bounds } = options;
  const clientCertConfigured = Boolean(options.tls.cert);
  return new Promise((resolve, reject) => {
    let phase: 'connect' | 'handshake' = 'connect';
    let keyExchangeSeen = false;
    let resolved = net.isIP(target.host) !== 0;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const socket = tls.connect({ ...options.tls, host: target.host, port: target.port });
    const context = (): ClassifyContext => ({ phase, keyExchangeSeen, clientCertConfigured, freshConnection: true, responseStarted: false });
    const onKeylog = () => void (keyExchangeSeen = true);
    const onLookup = () => void (resolved = true);
    const cleanup = () => {
      settled = true;
      clearTimeout(timer);
      socket.off('keylog', onKeylog);
      socket.off('lookup', onLookup);
      socket.off('connect', onConnect);
      socket.off('secureConnect', onSecure);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (cause: unknown) => {
      if (settled) return;
      const ctx = context();
      cleanup();
      socket.on('error', () => {}); // late errors of a socket we are abandoning
      socket.destroy();
      reject(new ConnectError(cause, ctx));
    };
    const onConnect = () => {
      phase = 'handshake';
      clearTimeout(timer);
      timer = setTimeout(() => fail(codedError('TLS_HANDSHAKE_TIMEOUT', `TLS handshake with ${target.host}:${target.port} not done within ${bounds.handshakeMs} ms`)), bounds.handshakeMs);
    };
    const onSecure = () => {
      if (settled) return;
      const chain = peerChain(socket);
      const verdict = options.verifyPeer(chain, options.policy);
      if (verdict) return fail(codedError(verdict.code, verdict.message));
      cleanup();
      socket.off('error', fail);
      // Whoever takes the socket listens for its errors; this keeps a late one from crashing us.
      socket.on('error', () => {});
      resolve({
        socket,
        chain,
        protocol: socket.getProtocol(),
        cipher: socket.getCipher()?.name ?? '',
        alpn: socket.alpnProtocol,
        clientCertConfigured,
      });
    };
    const onAbort = () => fail(codedError('NET_CONNECTION_CLOSED', 'the gateway is shutting down'));
    timer = setTimeout(() => fail(resolved
      ? codedError('NET_CONNECT_TIMEOUT', `TCP connect to ${target.host}:${target.port} not done within ${bounds.connectMs} ms`)
      : codedError('NET_DNS_FAILURE', `name resolution of ${target.host} not done within ${bounds.connectMs} ms`)), bounds.connectMs);
    socket.on('keylog', onKeylog);
    socket.once('lookup', onLookup);
    socket.once('connect', onConnect);
    socket.once('secureConnect', onSecure);
    socket.on('error', fail);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
