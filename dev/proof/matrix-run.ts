import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MatrixRow } from '../../tests/reporters/matrix.ts';
import { RUNNER_NODE_FLAGS } from '../../cli/commands/run.ts';
import { processesWithEnv, tree } from './processes.ts';

export const root = fileURLToPath(new URL('../../', import.meta.url));
/** Set in every process of a run: finds them all afterwards, re-parented or not. */
export const RUN_MARKER = 'GATECHECK_PROOF_RUN';

/** What `gatecheck run --json` prints. */
export type MatrixResult = { status: string; wallMs: number; honoured: number; breached: number; skipped: number; gateway: string; scenarios: MatrixRow[] };

export type MatrixRunOptions = {
  /** GATECHECK_GATEWAY: reference, process or mutant:<name>. */
  gateway?: string;
  /** Playwright workers (GATECHECK_WORKERS). */
  workers?: number;
  /** Playwright --grep. */
  grep?: string;
  /** SIGINT the whole run (as Ctrl-C does) this many ms after start. */
  interruptAfterMs?: number;
  /** Sample the run's process tree for RSS every this many ms (0 = off). */
  sampleRssMs?: number;
  /** The run's marker value (default: a fresh UUID). */
  marker?: string;
  /** Playwright --shard, as the workflow's matrix passes it: "i/n". */
  shard?: string;
  /** `source`: Playwright on the TypeScript sources (this repository's config); `cli`: `node bin/gatecheck.js run --json`, the compiled package as users run it. */
  via?: 'source' | 'cli';
};

export type MatrixRun = {
  marker: string;
  result: MatrixResult | null;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Spawn to exit. */
  wallMs: number;
  /** Largest sum of RSS over the run's processes seen by the sampler. */
  peakRssBytes: number;
  /** Each process's own largest RSS seen by the sampler: `gatecheck run` (via cli), the Playwright runner, its workers, and the largest of the rest (gateway processes). */
  peakRssByRole: { cliBytes: number; runnerBytes: number; workersBytes: number[]; othersBytes: number };
  stderr: string;
};

/**
 * Runs the contract project once, as `gatecheck run --json` does (same reporter), in its own
 * process group and with its own Playwright output folder, so it clobbers nobody's test-results/.
 */
export async function runMatrix(options: MatrixRunOptions = {}): Promise<MatrixRun> {
  const marker = options.marker ?? randomUUID();
  const output = mkdtempSync(path.join(tmpdir(), 'gatecheck-proof-'));
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const workers = String(options.workers ?? 2);
  const args = options.via === 'cli'
    ? [`${root}bin/gatecheck.js`, 'run', '--json', '--workers', workers]
    : [...RUNNER_NODE_FLAGS, cli, 'test', '--config', `${root}playwright.config.ts`, '--project=contract', `--reporter=${root}tests/reporters/matrix.ts`, '--output', output];
  if (options.grep) args.push('--grep', options.grep);
  if (options.shard) args.push('--shard', options.shard);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GATECHECK_RUN_JSON: '1', GATECHECK_GATEWAY: options.gateway ?? 'reference', [RUN_MARKER]: marker, FORCE_COLOR: '0', GATECHECK_WORKERS: workers, ...(options.via === 'cli' ? { GATECHECK_OUTPUT_DIR: output } : {}) },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  let peakRssBytes = 0;
  const peaks = new Map<number, { role: Role; bytes: number }>();
  const sample = () => {
    const found = tree(child.pid!);
    peakRssBytes = Math.max(peakRssBytes, found.reduce((sum, p) => sum + p.rssBytes, 0));
    for (const p of found) {
      // Read until it names a role: a process seen between fork and exec still shows its parent's
      // command line, and an exiting one shows none.
      const known = peaks.get(p.pid)?.role;
      const read = known === 'worker' || known === 'cli' ? known : roleOf(p.pid);
      const role = read === 'other' ? (known ?? 'other') : read;
      peaks.set(p.pid, { role, bytes: Math.max(peaks.get(p.pid)?.bytes ?? 0, p.rssBytes) });
    }
  };
  const sampler = options.sampleRssMs ? setInterval(sample, options.sampleRssMs) : undefined;
  const interrupt = options.interruptAfterMs === undefined ? undefined : setTimeout(() => {
    try { process.kill(-child.pid!, 'SIGINT'); } catch { /* already gone */ }
  }, options.interruptAfterMs);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, sig) => resolve([code, sig])));
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  clearTimeout(interrupt);
  rmSync(output, { recursive: true, force: true });
  const line = stdout.split('\n').reverse().find((l) => l.startsWith('{') && l.includes('"scenarios"'));
  const byRole = [...peaks.values()];
  const peakRssByRole = {
    cliBytes: Math.max(0, ...byRole.filter((p) => p.role === 'cli').map((p) => p.bytes)),
    runnerBytes: Math.max(0, ...byRole.filter((p) => p.role === 'runner').map((p) => p.bytes)),
    workersBytes: byRole.filter((p) => p.role === 'worker').map((p) => p.bytes),
    othersBytes: Math.max(0, ...byRole.filter((p) => p.role === 'other').map((p) => p.bytes)),
  };
  return { marker, result: line ? (JSON.parse(line) as MatrixResult) : null, exitCode, signal, wallMs, peakRssBytes, peakRssByRole, stderr };
}

type Role = 'cli' | 'runner' | 'worker' | 'other';

/** A Playwright worker is forked from playwright/lib/worker/workerProcessEntry.js (common/process.js before 1.5x); the runner runs its cli.js `test`; `gatecheck run` starts the runner. */
function roleOf(pid: number): Role {
  let cmdline = '';
  try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return 'other'; }
  if (/playwright[\\/]lib[\\/](worker[\\/]workerProcessEntry|common[\\/]process)\.js/.test(cmdline)) return 'worker';
  if (/[\\/]cli\.js\0test\0/.test(cmdline)) return 'runner';
  if (/gatecheck\.js\0run\0/.test(cmdline)) return 'cli';
  return 'other';
}

/** Processes of a finished run that are still alive, waiting up to `graceMs` for them to go. */
export async function leftovers(marker: string, graceMs = 3000) {
  const deadline = Date.now() + graceMs;
  let alive = processesWithEnv(RUN_MARKER, marker);
  while (alive.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    alive = processesWithEnv(RUN_MARKER, marker);
  }
  return alive;
}
