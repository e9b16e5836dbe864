import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { collect, type Run } from '../init/cli.ts';

const exec = promisify(execFile);

/**
 * A user's environment: without the npm_* variables of an outer `npm test` (they would point the inner
 * npm at gatecheck's own project) and the GATECHECK_* ones this repository's test run sets (its certs/).
 */
export function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|gatecheck_)/i.test(name)));
}

export const npm = (args: string[], cwd: string) => exec('npm', args, { cwd, env: userEnv(), maxBuffer: 16 * 1024 * 1024 });

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs one named step; `timed` in a spec records how long it took. */
export type Step = <T>(label: string, step: () => Promise<T>) => Promise<T>;


/** A Step that records how long each labelled step took into `timings` ("label 1.2 s"). */
export function stepTimer(timings: string[]): Step {
  return async (label, step) => {
    const started = Date.now();
    try {
      return await step();
    } finally {
      timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  };
}
/**
 * A scratch project outside the repository (a fresh temporary folder) with gatecheck as a user
 * gets it: `npm pack` of this repository (its build is a no-op when dist/ is current), then
 * `npm install ./gatecheck-*.tgz` plus `extra` packages. Packing and installing ~90 packages from
 * the npm cache takes 30-60 s on two loaded cores.
 */
export async function installScratch(options: { prefix: string; extra?: string[]; step?: Step }): Promise<{ dir: string; installed: string }> {
  const step: Step = options.step ?? ((_label, run) => run());
  const dir = await mkdtemp(path.join(tmpdir(), options.prefix));
  const { stdout: packed } = await step('pack', () => npm(['pack', '--pack-destination', dir, '--silent'], root));
  const tarball = packed.trim().split('\n').at(-1)!;
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }));
  await step('install', () => npm(['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`, ...(options.extra ?? [])], dir));
  return { dir, installed: path.join(dir, 'node_modules', 'gatecheck') };
}

/** `npx gatecheck ...args` in the scratch project, as its user types it. */
export const npx = (args: string[], cwd: string): Promise<Run> => collect('npx', ['--no-install', 'gatecheck', ...args], { cwd, env: userEnv() });

/** A long-running `npx gatecheck ...` (serve, gateway): resolves with the child once a stdout line starts with "{". */
export function startJsonLine(args: string[], cwd: string): Promise<{ child: ChildProcessWithoutNullStreams; line: Record<string, unknown> }> {
  const child = spawn('npx', ['--no-install', 'gatecheck', ...args], { cwd, env: userEnv(), detached: true });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.stdout.on('data', (c) => {
      out += c;
      const line = out.split('\n').find((l) => l.startsWith('{') && l.endsWith('}'));
      if (line) resolve({ child, line: JSON.parse(line) as Record<string, unknown> });
    });
    child.once('exit', (code) => reject(new Error(`npx gatecheck ${args.join(' ')} exited ${code} before printing its JSON line: ${err}${out}`)));
  });
}

/** Stops a child started by startJsonLine (npx and the node under it: the whole group) and returns its exit code. */
export async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  process.kill(-child.pid!, 'SIGTERM');
  return exited;
}

/** Every file and folder under `dir` with its size and modification time: a listing to compare before and after. */
export function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false })
    .map((entry) => {
      const s = statSync(path.join(dir, String(entry)));
      return `${String(entry)} ${s.isDirectory() ? 'dir' : s.size} ${s.mtimeMs}`;
    })
    .sort();
}
