import net from 'node:net';
import { closeServer, listen, trackSockets } from './listen.ts';
import { connectionRecord, type BoundedLog, type ConnectionRecord } from './records.ts';

export type RawFault = 'hang' | 'garbage' | 'fin' | 'rst' | 'closed-port';

export type RawFaultServer = { port: number; close(): Promise<void> };

const GARBAGE = Buffer.from('\x00\xffgatecheck: this is not a TLS ServerHello\r\n\x15\x03\x09garbage', 'latin1');

/**
 * Faults below TLS on a plain TCP listener: accept and never answer, garbage instead of a
 * ServerHello, FIN or RST right after accept, or a port where nothing listens any more.
 */
export async function startRawFault(fault: RawFault, records: BoundedLog<ConnectionRecord>, port = 0): Promise<RawFaultServer> {
  const server = net.createServer((socket) => {
    connectionRecord(records, { handshake: fault === 'hang' ? 'none' : 'failed', failure: 'raw-fault', error: fault });
    socket.on('error', () => socket.destroy());
    if (fault === 'fin') socket.end();
    else if (fault === 'rst') socket.resetAndDestroy();
    else if (fault === 'garbage') socket.once('data', () => socket.end(GARBAGE));
    // 'hang': keep the socket open and say nothing until close().
  });
  const sockets = trackSockets(server);
  const boundPort = await listen(server, port);
  if (fault === 'closed-port') await closeServer(server, sockets);
  return { port: boundPort, close: () => closeServer(server, sockets) };
}
