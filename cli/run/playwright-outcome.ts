import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OUTCOME_FILE_ENV, readOutcome } from '../../tests/reporters/run-outcome.ts';

/** How long Playwright gets to report an interrupted run after SIGINT before it is killed. */
const INTERRUPT_GRACE_MS = 15_000;

/**
 * Spawns the Playwright runner with the matrix reporter and returns the run's exit code as the
 * reporter decided it (tests/reporters/run-outcome.ts), read from a result file: Playwright's own
 * exit code is 0/1 only and cannot tell a harness error from a breach. No file means the runner
 * died before its reporter finished: a harness error (2), or an interruption (130) after a signal.
 */
export async function runPlaywrightForOutcome(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  const folder = mkdtempSync(path.join(tmpdir(), 'gatecheck-run-'));
  const outcomeFile = path.join(folder, 'outcome.json');
  try {
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...options.env, [OUTCOME_FILE_ENV]: outcomeFile }, stdio: 'inherit' });
    let signalled: NodeJS.Signals | null = null;
    let killTimer: NodeJS.Timeout | undefined;
    // SIGTERM becomes SIGINT for Playwright: its graceful stop, which reports what did not run.
    // (A Ctrl-C reaches it from the terminal too; Playwright ignores a second SIGINT within 1 s.)
    const forward = (signal: NodeJS.Signals) => {
      signalled ??= signal;
      child.kill('SIGINT');
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), INTERRUPT_GRACE_MS).unref();
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, ...{ error } }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    clearTimeout(killTimer);
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    const outcome = readOutcome(outcomeFile);
    if (outcome) return outcome.exitCode;
    if (signalled || exit.signal) {
      console.error(`gatecheck run: interrupted (${signalled ?? exit.signal}) before any verdict was reported: the run is incomplete; run it again`);
      return 130;
    }
    console.error(`gatecheck run: harness error: the Playwright runner exited (${exit.code ?? exit.signal ?? 'failed to start'}) without reporting an outcome; fix: run npx playwright test --project=contract to see its own output`);
    return 2;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
