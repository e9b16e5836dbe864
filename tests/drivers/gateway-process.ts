import { spawn, type ChildProcess } from 'node:child_process';
import { commandWords } from './command-words.ts';
import { rmSync } from 'node:fs';
import { HarnessError } from './harness-error.ts';

/** Process groups and temp folders still alive in this worker: killed and removed if the worker exits first. */
const alive = new Map<number, string>();
process.once('exit', () => {
  for (const [pid, dir] of alive) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    rmSync(dir, { recursive: true, force: true });
  }
});

export type Readiness = { urlLine: RegExp } | { pollUrl: string };

export type SpawnOptions = {
  command: string;
  cwd: string;
  env: Record<string, string>;
  /** The scenario's temp folder (the generated config): removed with the process. */
  dir: string;
  ready: Readiness;
  bootTimeoutMs: number;
};

export type Spawned =
  | { ready: true; url: string; logs: () => string; stop: () => Promise<void> }
  | { ready: false; exit: number | null; signal: NodeJS.Signals | null; output: string };

const tail = (text: string) => (text.trim() ? text.trim().slice(-600) : '(no output)');

/** The url a readiness line names; a line that matches but names no http(s) URL is the adapter's fault. */
function urlFromLine(line: string, pattern: RegExp): string | null {
  const match = pattern.exec(line);
  if (!match) return null;
  const candidate = match[1];
  let url: URL | null = null;
  try { url = candidate ? new URL(candidate) : null; } catch { url = null; }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new HarnessError('GATEWAY_URL_LINE_INVALID', `the gateway printed a line matching the readiness pattern /${pattern.source}/ whose first group is ${candidate === undefined ? 'missing' : `"${candidate}"`}, not an http URL: ${JSON.stringify(line.slice(0, 200))}. Fix: print {"url":"http://127.0.0.1:PORT"}, or set gateway.ready.urlLine to a pattern whose first group is the URL.`);
  }
  return url.origin + url.pathname.replace(/\/$/, '');
}

/** Asks `url` until it answers: soon after the start (most gateways listen within a few hundred ms), then every 50 ms. */
async function poll(url: string, until: () => boolean): Promise<boolean> {
  for (let pause = 5; !until(); pause = Math.min(pause * 2, 50)) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  return false;
}

/**
 * Starts a gateway command in its own process group and waits until it is ready, exits, or runs
 * out of time. Whatever happens, the group is killed and `dir` removed when it is not ready, and
 * by `stop()` when it was. A command the shell cannot run (126/127), a boot timeout and a
 * malformed url line throw HarnessError; an exit before readiness is the gateway's refusal.
 */
export async function spawnGateway(options: SpawnOptions): Promise<Spawned> {
  // A plain list of words runs without /bin/sh (one process fewer per scenario); anything else through it.
  const words = commandWords(options.command);
  const spawnOptions = { detached: true, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } };
  const child: ChildProcess = words ? spawn(words[0]!, words.slice(1), spawnOptions) : spawn(options.command, { ...spawnOptions, shell: true });
  let output = '';
  let spawnError: Error | null = null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => { spawnError = error; resolve({ code: null, signal: null }); });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // 'exit' can come before the last of its output: the refusal line is read once its pipes close.
  const outputClosed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  if (child.pid) alive.set(child.pid, options.dir);
  let done = false;
  void exited.then(() => { done = true; });
  const killGroup = (signal: NodeJS.Signals) => {
    if (!child.pid) return;
    try { process.kill(-child.pid, signal); } catch { /* already gone */ }
  };
  const release = () => {
    killGroup('SIGKILL');
    rmSync(options.dir, { recursive: true, force: true });
    if (child.pid) alive.delete(child.pid);
  };
  const stop = async () => {
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    release();
  };

  let readyUrl: string | null = null;
  let lineError: unknown = null;
  let partial = '';
  // Settled by whichever comes first: the URL line (or a malformed one), the exit, the deadline.
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const onData = (chunk: Buffer) => {
    output += chunk;
    if (readyUrl || lineError || !('urlLine' in options.ready)) return;
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        readyUrl = urlFromLine(line, options.ready.urlLine);
      } catch (error) {
        lineError = error;
      }
      if (readyUrl || lineError) return settle();
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const deadline = Date.now() + options.bootTimeoutMs;
  const timedOut = () => Date.now() >= deadline;
  if ('pollUrl' in options.ready) {
    if (await poll(options.ready.pollUrl, () => done || timedOut())) readyUrl = new URL(options.ready.pollUrl).origin;
  } else {
    const timer = setTimeout(settle, options.bootTimeoutMs);
    void exited.then(settle);
    await settled;
    clearTimeout(timer);
  }
  if (readyUrl && !done) return { ready: true, url: readyUrl, logs: () => output, stop };

  const stillRunning = !done;
  if (stillRunning) killGroup('SIGKILL');
  const exit = await exited;
  // Bounded: a grandchild still holding the pipes is killed with the group just after.
  let drainTimer: NodeJS.Timeout | undefined;
  await Promise.race([outputClosed, new Promise((resolve) => (drainTimer = setTimeout(resolve, 1000)))]);
  clearTimeout(drainTimer);
  release();
  if (lineError) throw lineError;
  if (stillRunning) {
    const how = 'urlLine' in options.ready ? `no line of its output matched /${options.ready.urlLine.source}/` : `${options.ready.pollUrl} never answered`;
    throw new HarnessError('GATEWAY_BOOT_TIMEOUT', `the gateway was not ready within ${options.bootTimeoutMs} ms (gateway.bootTimeoutMs): ${how}. Last output: ${tail(output)}. Fix: make it print its URL once it listens, or raise gateway.bootTimeoutMs.`);
  }
  const errno = (spawnError as NodeJS.ErrnoException | null)?.code;
  if (errno === 'ENOENT' || errno === 'EACCES') {
    // Spawned without a shell: the same harness error the shell's 127/126 gives.
    throw new HarnessError('GATEWAY_COMMAND_FAILED', `the gateway command could not be run (${errno === 'ENOENT' ? 'command not found' : 'not executable'}: ${words![0]}) from ${options.cwd}. Command: ${options.command}. Fix: check gateway.command (it runs from the config's folder) and that the file is executable.`);
  }
  if (spawnError) throw new HarnessError('GATEWAY_COMMAND_FAILED', `the gateway command could not be started (${(spawnError as Error).message}) from ${options.cwd}. Fix: check gateway.command and that the folder exists.`);
  if (!exit.signal && (exit.code === 126 || exit.code === 127)) {
    throw new HarnessError('GATEWAY_COMMAND_FAILED', `the gateway command could not be run (the shell exited ${exit.code}: ${exit.code === 127 ? 'command not found' : 'not executable'}) from ${options.cwd}: ${tail(output)}. Command: ${options.command}. Fix: check gateway.command (it runs from the config's folder) and that the file is executable.`);
  }
  return { ready: false, exit: exit.code, signal: exit.signal, output };
}
