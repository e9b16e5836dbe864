import net from 'node:net';
import type { Mockttp } from 'mockttp';

let pinning = 0;
const originalListen = net.Server.prototype.listen;

/**
 * A local mockttp server for a custom processor, listening on 127.0.0.1 only. mockttp 4 calls
 * `server.listen(port)` with no host, which binds every interface, and has no option for the
 * host; so while one starts, a host-less numeric listen() is pinned to loopback (reference-counted:
 * concurrent starts share the pin; other listen() calls pass through unchanged).
 * Traffic recording is off (gatecheck keeps its own bounded record), so are CORS, change
 * suggestions and HTTP/2: the front speaks HTTP/1.1 to it.
 */
export async function startLoopbackMockttp(port = 0): Promise<Mockttp> {
  const mockttp = await loadMockttp();
  const server = mockttp.getLocal({ recordTraffic: false, suggestChanges: false, cors: false, http2: false, maxBodySize: 1024 * 1024 });
  if (pinning++ === 0) {
    net.Server.prototype.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]) {
      const listen = originalListen as (this: net.Server, ...a: unknown[]) => net.Server;
      if (args.length === 1 && typeof args[0] === 'number') return listen.call(this, args[0], '127.0.0.1');
      return listen.apply(this, args);
    } as typeof originalListen;
  }
  try {
    await server.start(port);
  } finally {
    if (--pinning === 0) net.Server.prototype.listen = originalListen;
  }
  return server;
}

/** mockttp is an optional peer dependency: only a project with custom processors needs it (and its ~38 MB). */
async function loadMockttp(): Promise<typeof import('mockttp')> {
  try {
    return await import('mockttp');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error('gatecheck: custom processors run on mockttp, which is not installed in this project. Fix: npm i -D mockttp@4');
  }
}
