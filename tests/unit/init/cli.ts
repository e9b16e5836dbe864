import { spawn, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/gatecheck.js', import.meta.url));

export type Run = { exit: number | null; stdout: string; stderr: string };

/** Runs a program to its end and collects what it printed. */
export function collect(command: string, args: string[], options: SpawnOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c) => (stdout += c));
    child.stderr!.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('close', (exit) => resolve({ exit, stdout, stderr }));
  });
}

/** Runs a program with plain Node in `cwd`, as a user's shell would. */
export const node = (args: string[], cwd: string) => collect(process.execPath, args, { cwd });

/** `npx gatecheck ...args` in `cwd` (the compiled CLI, as installed). */
export const gatecheck = (args: string[], cwd: string) => node([BIN, ...args], cwd);
