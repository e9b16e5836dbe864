import type tls from 'node:tls';
import { classifyError, classifyTlsFrontResponse, type ClassifyContext, type GatewayCode } from '../../gateway/index.ts';

/** What the server did with one harmless request sent over the verified connection. */
export type Answer =
  | { answered: true; status: number; code: GatewayCode | null; detail: string }
  | { answered: false; code: GatewayCode; detail: string };

const MAX_READ = 64 * 1024;
/** After the headers, how long to wait for a body that has no Content-Length before judging. */
const BODY_GRACE_MS = 300;

/**
 * Sends `GET / HTTP/1.1` with `Connection: close` over a connection that already verified, and
 * reads the answer. This is where a processor's verdict on the client certificate shows: a TLS
 * 1.3 alert or a bare close after the handshake, or an nginx-style HTTP 400. Any other HTTP
 * answer means the connection (and the client certificate, if one was sent) was accepted.
 */
export function askOnce(socket: tls.TLSSocket, hostHeader: string, clientCertConfigured: boolean, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    let received = '';
    let socketEnd: 'reset' | 'fin' | undefined;
    let grace: NodeJS.Timeout | undefined;
    const context = (): ClassifyContext => ({ phase: 'request', keyExchangeSeen: true, clientCertConfigured, freshConnection: true, responseStarted: received.length > 0, socketEnd });
    const status = () => /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(received)?.[1];
    const finish = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      socket.removeAllListeners('data');
      socket.destroy();
      resolve(answer);
    };
    const answered = () => {
      const code = Number(status());
      const body = received.slice(received.indexOf('\r\n\r\n') + 4);
      finish({ answered: true, status: code, code: classifyTlsFrontResponse(code, body), detail: received.split('\r\n')[0] ?? '' });
    };
    const notHttp = () => finish({ answered: false, code: 'PROCESSOR_BAD_RESPONSE', detail: `the processor answered with bytes that are not HTTP: ${JSON.stringify(received.slice(0, 40))}` });
    const failed = (error: unknown) => {
      if (status()) return answered();
      if (received.length >= 8) return notHttp();
      const { code, reason } = classifyError(error, context());
      finish({ answered: false, code, detail: reason });
    };
    const timer = setTimeout(() => {
      if (status()) return answered();
      if (received.length >= 8) return notHttp();
      finish({ answered: false, code: 'NET_RESPONSE_TIMEOUT', detail: `no HTTP answer within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const headEnd = received.indexOf('\r\n\r\n');
      if (received.length >= 8 && !received.startsWith('HTTP/')) return notHttp();
      if (received.length > MAX_READ) return status() ? answered() : notHttp();
      if (headEnd < 0 || !status()) return;
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(received.slice(0, headEnd))?.[1];
      if (length !== undefined && Buffer.byteLength(received.slice(headEnd + 4), 'latin1') >= Number(length)) return answered();
      grace ??= setTimeout(answered, BODY_GRACE_MS);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') socketEnd ??= 'reset';
      failed(error);
    });
    socket.on('end', () => {
      socketEnd ??= 'fin';
      if (status()) answered();
      else failed(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    });
    socket.on('close', () => (status() ? answered() : failed(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))));
    socket.write(`GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nUser-Agent: gatecheck-doctor\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
  });
}
