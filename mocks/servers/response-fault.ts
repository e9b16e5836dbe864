import type net from 'node:net';
import type { ResponseFault } from '../scenarios/schema.ts';
import { tcpOf } from './tcp-of.ts';

const GARBAGE = Buffer.from('\x16\x03\x01garbage: this is not an HTTP response\r\n\x00\xff', 'latin1');
const DRIP_BYTES = 4;
const DRIP_INTERVAL_MS = 100;
/** How long the half body has to reach the client before the RST (reset-mid-body): 50 ms failed 1 run in 4 on a loaded 2-core machine; the scenario's bound (2 s for three attempts) leaves room. */
const RESET_AFTER_MS = 200;


/**
 * Copies the application's response to the client, breaking it the way a network or a proxy
 * does: FIN right after the headers, RST halfway through the body, the body dripped a few bytes
 * at a time, or garbage instead of HTTP. Below HTTP, so the front owns it, not the HTTP application.
 */
export function pipeWithFault(upstream: net.Socket, client: net.Socket, fault: Exclude<ResponseFault, 'none'>): void {
  let head = Buffer.alloc(0);
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearInterval(timer);
    upstream.destroy();
  };
  client.on('close', stop);
  upstream.on('data', (chunk: Buffer) => {
    if (timer || client.destroyed) return;
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    const headers = head.subarray(0, end + 4);
    const body = head.subarray(end + 4);
    switch (fault) {
      case 'garbage':
        client.end(GARBAGE);
        return stop();
      case 'close-after-headers':
        client.end(headers);
        return stop();
      case 'reset-mid-body': {
        // Cut only a whole response: the headers and the body can arrive in separate chunks, and
        // resetting after an empty half would be "closed after the headers", not a reset mid-body.
        if (!wholeBody(headers, body)) return;
        const half = Math.max(1, Math.floor(body.length / 2));
        // The RST must not overtake the half body: measured with a gateway in another process, an RST
        // sent as soon as the write was flushed reached it as a clean close with no response byte in
        // 18 of 20 payments (NET_CONNECTION_CLOSED); sent once the bytes had time to be read, 15 of 15
        // were the reset mid-body this scenario is about.
        client.write(Buffer.concat([headers, body.subarray(0, half)]), () => setTimeout(() => tcpOf(client).resetAndDestroy(), RESET_AFTER_MS));
        return stop();
      }
      case 'drip': {
        client.write(headers);
        let offset = 0;
        timer = setInterval(() => {
          if (offset >= body.length) return void clearInterval(timer);
          client.write(body.subarray(offset, (offset += DRIP_BYTES)));
        }, DRIP_INTERVAL_MS);
        return;
      }
    }
  });
}

/** Whether `body` holds the whole body the headers announce (Content-Length, or the last chunk). */
function wholeBody(headers: Buffer, body: Buffer): boolean {
  const text = headers.toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
  if (length) return body.length >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(text)) return body.includes('0\r\n\r\n');
  return body.length > 0;
}
