import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export type Child = { child: ChildProcess; line: Record<string, unknown>; peakRssMiB(): number; stop(): Promise<void> };

/** Spawns `node args...` and waits for its first JSON line on stdout. */
export async function spawnWithLine(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<Child> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no JSON line from ${args.join(' ')} within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      const found = out.split('\n').find((l) => l.trim().startsWith('{'));
      if (found && out.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(found) as Record<string, unknown>);
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${args.join(' ')} exited (${code}) before printing: ${stderr}`)); });
  });
  return {
    child,
    line,
    /** The process's own high-water mark of resident memory (VmHWM). */
    peakRssMiB: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
