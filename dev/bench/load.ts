import tls from 'node:tls';

/**
 * A small keep-alive HTTPS load generator: `connections` TLS connections to 127.0.0.1, each
 * sending the same request again as soon as the previous answer is complete. It speaks just
 * enough HTTP/1.1 (Content-Length, chunked, or close-delimited bodies, reconnecting after a
 * close) and is bounded in time and in count; it never targets anything but loopback.
 */
export type LoadOptions = {
  port: number;
  request: Buffer;
  connections: number;
  durationMs: number;
  /** Hard cap on requests, whatever the duration. */
  maxRequests: number;
  tls: tls.ConnectionOptions;
};
export type LoadResult = { requests: number; errors: number; connectionsOpened: number; ms: number; rps: number; latenciesMs: Float64Array; statuses: Record<string, number> };

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('0\r\n\r\n');

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies = new Float64Array(options.maxRequests);
  const statuses: Record<string, number> = {};
  let requests = 0;
  let errors = 0;
  let opened = 0;
  let stopping = false;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const sockets = new Set<tls.TLSSocket>();

  const worker = () =>
    new Promise<void>((resolve) => {
      const connect = () => {
        if (stopping) return resolve();
        opened++;
        const socket = tls.connect({ ...options.tls, host: '127.0.0.1', port: options.port });
        sockets.add(socket);
        let buffer: Buffer = Buffer.alloc(0);
        let sentAt = 0;
        let framing: { kind: 'length'; end: number } | { kind: 'chunked'; start: number } | { kind: 'close' } | null = null;
        const send = () => {
          if (stopping || performance.now() >= deadline || requests >= options.maxRequests) {
            stopping = true;
            socket.destroy();
            return;
          }
          sentAt = performance.now();
          socket.write(options.request);
        };
        const complete = (status: string) => {
          if (requests < options.maxRequests) latencies[requests] = performance.now() - sentAt;
          requests++;
          statuses[status] = (statuses[status] ?? 0) + 1;
        };
        const parse = () => {
          for (;;) {
            if (!framing) {
              const end = buffer.indexOf(HEADER_END);
              if (end < 0) return;
              const head = buffer.subarray(0, end).toString('latin1');
              const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
              framing = length !== undefined ? { kind: 'length', end: end + 4 + Number(length) } : /\r\ntransfer-encoding:\s*chunked/i.test(head) ? { kind: 'chunked', start: end + 4 } : { kind: 'close' };
              (framing as { status?: string }).status = head.slice(9, 12);
            }
            const status = (framing as { status?: string }).status ?? '???';
            if (framing.kind === 'close') return; // the body ends when the server closes
            const end = framing.kind === 'length' ? framing.end : (() => { const i = buffer.indexOf(CHUNKED_END, framing.start); return i < 0 ? -1 : i + CHUNKED_END.length; })();
            if (end < 0 || buffer.length < end) return;
            buffer = buffer.subarray(end);
            framing = null;
            complete(status);
            send();
          }
        };
        socket.on('secureConnect', send);
        socket.on('data', (chunk: Buffer) => {
          buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
          parse();
        });
        socket.on('error', () => void errors++);
        socket.on('close', () => {
          sockets.delete(socket);
          if (framing?.kind === 'close') complete((framing as { status?: string }).status ?? '???');
          connect(); // stops when stopping
        });
      };
      connect();
    });

  const guard = setTimeout(() => {
    stopping = true;
    for (const s of sockets) s.destroy();
  }, options.durationMs + 2000);
  await Promise.all(Array.from({ length: options.connections }, worker));
  clearTimeout(guard);
  const ms = performance.now() - started;
  const count = Math.min(requests, options.maxRequests);
  return { requests, errors, connectionsOpened: opened, ms, rps: requests / (ms / 1000), latenciesMs: latencies.subarray(0, count), statuses };
}
