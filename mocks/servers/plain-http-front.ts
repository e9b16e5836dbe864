import http from 'node:http';
import { closeServer, listen, trackSockets } from './listen.ts';

export type PlainHttpFront = { port: number; close(): Promise<void> };

/**
 * A plain HTTP server (node:http) where the gateway expects TLS, passing requests on to the
 * processor application. A TLS ClientHello gets node's "400 Bad Request", which a TLS client
 * reads as a wrong version number: what a real HTTP port does.
 */
export async function startPlainHttpFront(upstreamPort: number, port = 0): Promise<PlainHttpFront> {
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const sockets = trackSockets(server);
  const boundPort = await listen(server, port);
  return { port: boundPort, close: () => closeServer(server, sockets) };
}
