import net from 'node:net';
import tls from 'node:tls';
import type { Pki } from '../pki/load.ts';
import type { ProcessorSetup, ServerTls } from '../scenarios/schema.ts';
import type { HttpApp } from './http-app.ts';
import { closeServer, listen, trackSockets } from './listen.ts';
import { opensslReason } from './openssl-reason.ts';
import { connectionRecord, monotonicMs, type BoundedLog, type ConnectionRecord } from './records.ts';
import { pipeWithFault } from './response-fault.ts';

type FaultBudget = ProcessorSetup['responseFault'];

export type TlsFront = { port: number; close(): Promise<void> };

const nginx400 = (reason: string) => {
  const body = `<html>\r\n<head><title>400 ${reason}</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>${reason}</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return `HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
};
export const NGINX_NO_CERT = 'No required SSL certificate was sent';
export const NGINX_BAD_CERT = 'The SSL certificate error';

export function serverTlsOptions(spec: ServerTls, pki: Pki): tls.TlsOptions {
  const policy = spec.clientCert;
  const options: tls.TlsOptions = {
    key: pki.read(pki.keyPath(spec.cert)),
    cert: pki.read(spec.chain === 'full' ? pki.chainPath(spec.cert) : pki.certPath(spec.cert)),
    minVersion: spec.minVersion,
    maxVersion: spec.maxVersion,
  };
  if (spec.ciphers) options.ciphers = spec.ciphers;
  if (spec.alpn) options.ALPNProtocols = spec.alpn;
  if (policy.mode === 'request-any') {
    options.requestCert = true;
    options.rejectUnauthorized = false;
  } else if (policy.mode !== 'none') {
    options.requestCert = true;
    options.rejectUnauthorized = policy.mode === 'node-reject';
    options.ca = pki.read(pki.certPath(policy.trust));
  }
  return options;
}

function describeClientCert(socket: tls.TLSSocket): ConnectionRecord['clientCert'] {
  const peer = socket.getPeerCertificate();
  if (!peer || !peer.subject) return null;
  return {
    subject: `CN=${peer.subject.CN}`,
    issuer: `CN=${peer.issuer?.CN}`,
    authorized: socket.authorized,
    error: socket.authorizationError ? String(socket.authorizationError) : null,
  };
}

/**
 * When each live connection was accepted (monotonic ms), keyed by the client's address and port
 * (the TLS socket of a completed handshake has the same ones): a handshake's span, for the time
 * clause that does not count a gateway's handshakes against its waiting policy (verdict.ts).
 */
function acceptTimes(server: tls.Server): (socket: tls.TLSSocket) => { from: number; to: number } | null {
  const accepted = new Map<string, number>();
  const key = (s: net.Socket) => `${s.remoteAddress}:${s.remotePort}`;
  server.on('connection', (raw: net.Socket) => {
    const id = key(raw);
    accepted.set(id, monotonicMs());
    raw.once('close', () => accepted.delete(id));
  });
  return (socket) => {
    const from = accepted.get(key(socket));
    return from === undefined ? null : { from, to: monotonicMs() };
  };
}

/**
 * The TLS half of a mock processor: serves the scenario's chain, versions, ciphers, ALPN and
 * client-certificate policy, records every connection, and hands each verified connection to the
 * HTTP application in this process (a faulted response goes over a loopback hop to `app.port`).
 * Nothing reaches the application unless the handshake (and the client-certificate policy) passed.
 */
export async function startTlsFront(
  spec: ServerTls,
  pki: Pki,
  app: Pick<HttpApp, 'port' | 'serve'>,
  records: BoundedLog<ConnectionRecord>,
  port = 0,
  responseFault: FaultBudget = { fault: 'none', times: null },
): Promise<TlsFront> {
  let faultsLeft = responseFault.times ?? Infinity;
  const record = (partial: Partial<ConnectionRecord>) => connectionRecord(records, partial);
  const server = tls.createServer(serverTlsOptions(spec, pki));
  const sockets = trackSockets(server);
  const acceptedAt = acceptTimes(server);
  server.on('tlsClientError', (error: Error & { code?: string }, socket: tls.TLSSocket) => {
    const clientCertProblem = spec.clientCert.mode !== 'none' && /certificate|peer did not return/i.test(error.message);
    record({
      handshake: 'failed',
      failure: clientCertProblem ? (/did not return|no certificate/i.test(error.message) ? 'client-cert-missing' : 'client-cert-rejected') : 'handshake-error',
      error: opensslReason(error.message),
      sni: socket.servername || null,
    });
  });
  server.on('secureConnection', (socket: tls.TLSSocket) => {
    const entry = record({
      handshake: 'ok',
      tlsVersion: socket.getProtocol(),
      sni: socket.servername || null,
      alpn: socket.alpnProtocol || null,
      clientCert: describeClientCert(socket),
      handshakeSpan: acceptedAt(socket),
    });
    socket.on('error', () => socket.destroy());
    if (spec.clientCert.mode === 'http-400' && !socket.authorized) {
      const missing = entry.clientCert === null;
      entry.failure = missing ? 'client-cert-missing' : 'client-cert-rejected';
      entry.error = String(socket.authorizationError ?? 'no client certificate');
      let head = '';
      socket.on('data', (chunk) => {
        head += chunk.toString('latin1');
        if (head.includes('\r\n\r\n')) socket.end(nginx400(missing ? NGINX_NO_CERT : NGINX_BAD_CERT));
      });
      return;
    }
    entry.forwarded = true;
    if (responseFault.fault === 'none' || faultsLeft <= 0) return app.serve(socket);
    // A faulted response: the application answers over a loopback hop, and the front breaks the bytes on their way back.
    faultsLeft--;
    const upstream = net.connect(app.port, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    socket.pipe(upstream);
    pipeWithFault(upstream, socket, responseFault.fault);
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });
  const boundPort = await listen(server, port);
  return {
    port: boundPort,
    close: () => closeServer(server, sockets),
  };
}
