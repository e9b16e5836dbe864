import net from 'node:net';
import type { Mockttp } from 'mockttp';

let patched = 0;
const originalListen = net.Server.prototype.listen;

/**
 * mockttp 4 calls `server.listen(port)` with no host, which binds every interface. Our mocks
 * listen on 127.0.0.1 only, so while a mockttp server starts, a host-less numeric listen() is
 * pinned to loopback. Reference-counted so concurrent starts share one patch.
 */
export async function startMockttpOnLoopback(server: Mockttp, port = 0): Promise<void> {
  if (patched++ === 0) {
    net.Server.prototype.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]) {
      const listen = originalListen as (this: net.Server, ...a: unknown[]) => net.Server;
      if (args.length === 1 && typeof args[0] === 'number') return listen.call(this, args[0], '127.0.0.1');
      return listen.apply(this, args);
    } as typeof originalListen;
  }
  try {
    await server.start(port);
  } finally {
    if (--patched === 0) net.Server.prototype.listen = originalListen;
  }
}
