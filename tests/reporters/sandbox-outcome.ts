import type { FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { EXIT_CODES, firstLine, OUTCOME_FILE_ENV, writeOutcome, type OutcomeKind, type RunOutcome } from './run-outcome.ts';

/** What the reporter saw of one sandbox check. */
export type SandboxRow = { title: string; status: TestResult['status']; drift: boolean; message: string | null };

export type SandboxInput = { rows: SandboxRow[]; total: number; status: FullResult['status']; errors: string[] };

/**
 * The one outcome of `gatecheck run --tier sandbox`, the nightly check that the mocks still tell the
 * truth: drift (a sandbox answer the mock's schema rejects) is what it exists to find, exit 1; a
 * check that failed before an answer could be compared (a sandbox unreachable, a refused credential)
 * is the environment's, exit 2; a run where nothing ran (no profile configured) is never green.
 */
export function decideSandboxOutcome({ rows, total, status, errors }: SandboxInput): RunOutcome {
  const ran = rows.filter((r) => r.status !== 'skipped');
  const make = (kind: OutcomeKind, headline: string): RunOutcome => ({ kind, exitCode: EXIT_CODES[kind], headline, total, judged: ran.length });
  if (status === 'interrupted') return make('interrupted', `interrupted: ${total - ran.length} of ${total} sandbox checks not run; run it again`);
  if (errors.length) return make('harness', `harness error: ${firstLine(errors[0]!)}`);
  const drifted = ran.filter((r) => r.drift);
  if (drifted.length) return make('breached', `${drifted.length} sandbox check(s) found drift: the sandbox answered what the mock's schema rejects, first ${drifted[0]!.title}: ${drifted[0]!.message ?? ''} (every field in test-results/drift.json)`);
  const failed = ran.filter((r) => r.status !== 'passed');
  if (failed.length) return make('harness', `harness error: ${failed.length} sandbox check(s) failed before an answer could be compared, first ${failed[0]!.title}: ${failed[0]!.message ?? failed[0]!.status}`);
  if (status === 'timedout') return make('harness', 'harness error: the run hit Playwright\'s global timeout before every sandbox check ran');
  if (ran.length === 0) return make('harness', 'harness error: the sandbox tier ran nothing: no processor sandbox is configured; set the GATECHECK_SANDBOX_* variables of a profile (README "Nightly sandbox tier")');
  if (rows.length < total) return make('harness', `harness error: only ${rows.length} of ${total} sandbox checks reported a result`);
  const skipped = rows.length - ran.length;
  return make('held', `all ${ran.length} sandbox check(s) held${skipped ? `; ${skipped} skipped (their profiles are not configured: the reason is printed beside each)` : ''}`);
}

/** Writes the sandbox tier's outcome for `gatecheck run` (beside the list reporter, which prints each check). */
export default class SandboxOutcomeReporter implements Reporter {
  private rows: SandboxRow[] = [];
  private total = 0;
  private errors: string[] = [];

  onBegin(_config: unknown, suite: Suite): void {
    this.total = suite.allTests().length;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const message = result.error?.message ? firstLine(result.error.message) : null;
    this.rows.push({ title: test.title, status: result.status, drift: result.attachments.some((a) => a.name === 'drift'), message });
  }

  onError(error: TestError): void {
    this.errors.push(error.message ?? error.value ?? 'unknown runner error');
  }

  onEnd(result: FullResult): void {
    const outcome = decideSandboxOutcome({ rows: this.rows, total: this.total, status: result.status, errors: this.errors });
    if (process.env[OUTCOME_FILE_ENV]) writeOutcome(process.env[OUTCOME_FILE_ENV], outcome);
    console.error(`gatecheck run --tier sandbox: ${outcome.headline}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
