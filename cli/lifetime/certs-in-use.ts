import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isAlive } from './alive.ts';

/**
 * Who is using a certificate folder right now: a running `gatecheck serve` marks the folder with
 * `.in-use-<pid>` so `gatecheck certs` (npm run certs) does not swap its files from under it.
 * Markers of processes that no longer exist are ignored and removed.
 */
const PREFIX = '.in-use-';

/** Marks `dir` as used by this process; returns the release. A read-only folder is simply not marked. */
export function markInUse(dir: string, what: string): () => void {
  const file = path.join(dir, `${PREFIX}${process.pid}`);
  try {
    writeFileSync(file, `${what}\n`);
  } catch {
    return () => {};
  }
  const release = () => rmSync(file, { force: true });
  process.once('exit', release);
  return () => {
    process.off('exit', release);
    release();
  };
}

/** Live processes that marked `dir` (pid and what they said they are). */
export function usersOf(dir: string): { pid: number; file: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const users: { pid: number; file: string }[] = [];
  for (const name of names.filter((n) => n.startsWith(PREFIX))) {
    const pid = Number(name.slice(PREFIX.length));
    const file = path.join(dir, name);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) users.push({ pid, file });
    else if (pid !== process.pid) rmSync(file, { force: true });
  }
  return users;
}
