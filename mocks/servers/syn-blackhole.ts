import { spawn } from 'node:child_process';

// A listener whose accept queue is full and never drained: the kernel drops further SYNs, so a
// client's TCP connect hangs. Node accepts every connection itself (libuv), so the listener is a
// small Python process that never calls accept().
const SCRIPT = `
import socket, sys, time
s = socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(0)
port = s.getsockname()[1]
fill = []
for _ in range(8):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(('127.0.0.1', port))
    except BlockingIOError: pass
    fill.append(c)
time.sleep(0.1)
print(port, flush=True)
sys.stdin.read()
`;

export type SynBlackhole = { port: number; close(): Promise<void> };

export async function startSynBlackhole(port = 0): Promise<SynBlackhole> {
  const child = spawn('python3', ['-c', SCRIPT, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const bound = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`gatecheck: the SYN black hole (python3) exited with ${code}`)));
  });
  return {
    port: bound,
    close: async () => {
      child.stdin.end();
      child.kill('SIGKILL');
      await exited;
    },
  };
}
