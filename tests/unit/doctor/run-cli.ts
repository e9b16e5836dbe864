import { spawn } from 'node:child_process';

export type CliRun = { exit: number | null; stdout: string; stderr: string; ms: number };

/** Runs `node bin/gatecheck.js ...args` the way a user would, with extra environment variables. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/gatecheck.js', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('close', (exit) => resolve({ exit, stdout, stderr, ms: performance.now() - started }));
  });
}
