import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import net from 'node:net';

/** Whether nothing listens on 127.0.0.1:`port` any more (the connection is refused). */
export const refuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });

/** `gatecheck serve <id> --json` from this repository's build, and the one line it prints once listening. */
export async function serveJson(id: string): Promise<{ child: ChildProcessByStdio<null, Readable, Readable>; line: string }> {
  const child = spawn(process.execPath, ['bin/gatecheck.js', 'serve', id, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code})`)));
  });
  return { child, line };
}
