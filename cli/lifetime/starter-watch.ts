import { readFileSync, fstatSync } from 'node:fs';
import { isAlive } from './alive.ts';

/**
 * A long-running command (serve, gateway) ends when whatever started it is gone, however it was
 * launched: `npx gatecheck serve &` puts npm and a shell between the caller and this process, and
 * killing the npx PID does not pass the signal on. So it watches its whole line of ancestors (the
 * parent, npm's shell, npx, the script) and its stdin when that is a pipe: when one ancestor exits,
 * or the pipe reaches end of file, `onGone` is called once with the reason.
 */
export type StarterWatch = { stop(): void };

const POLL_MS = 250;

/** Parent pid of `pid` from /proc (Linux); null where /proc is not available. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4, after "pid (comm) state": comm may hold spaces and parentheses, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

/** This process's ancestors, nearest first, stopping before pid 1 (init or a container's). */
export function ancestors(pid = process.pid, max = 12): number[] {
  const line: number[] = [];
  let current: number | null = pid === process.pid ? process.ppid : parentOf(pid);
  while (current !== null && current > 1 && line.length < max) {
    line.push(current);
    current = parentOf(current);
  }
  return line;
}

function stdinIsPipe(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

export function watchStarter(onGone: (reason: string) => void, options: { watchStdin?: boolean } = {}): StarterWatch {
  const parent = process.ppid;
  const line = ancestors();
  let done = false;
  const gone = (reason: string) => {
    if (done) return;
    done = true;
    stop();
    onGone(reason);
  };
  const timer = setInterval(() => {
    if (process.ppid !== parent) return gone(`its parent process ${parent} exited`);
    const dead = line.find((pid) => !isAlive(pid));
    if (dead !== undefined) gone(`the process that started it (pid ${dead}) exited`);
  }, POLL_MS);
  timer.unref();
  const onEnd = () => gone('its stdin pipe was closed');
  const watchingStdin = (options.watchStdin ?? true) && stdinIsPipe();
  if (watchingStdin) {
    process.stdin.on('end', onEnd);
    process.stdin.resume();
    process.stdin.unref?.();
  }
  function stop() {
    clearInterval(timer);
    if (watchingStdin) {
      process.stdin.off('end', onEnd);
      process.stdin.pause();
    }
  }
  return { stop };
}
