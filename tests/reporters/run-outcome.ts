import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The one outcome of a `gatecheck run`, decided from the rows the matrix reporter collected, the
 * runner's FullResult status and the errors it reported outside tests. Exactly one of:
 *   held        every scenario ran and honoured the contract          exit 0
 *   breached    the gateway broke the contract (an observed answer)   exit 1
 *   harness     gatecheck or the environment failed (nothing judged)  exit 2
 *   interrupted the run was stopped (SIGINT/SIGTERM) before the end   exit 130
 * A harness fault is never counted as a breach, and an incomplete run never reads as complete.
 */
export const OutcomeKind = z.enum(['held', 'breached', 'harness', 'interrupted']);
export type OutcomeKind = z.infer<typeof OutcomeKind>;

export const EXIT_CODES: Record<OutcomeKind, number> = { held: 0, breached: 1, harness: 2, interrupted: 130 };

export const RunOutcome = z.object({
  kind: OutcomeKind,
  exitCode: z.number().int(),
  /** One line: what happened and, for a harness error, the fix. */
  headline: z.string(),
  /** Scenarios the run was asked to judge, and how many got a verdict. */
  total: z.number().int().min(0),
  judged: z.number().int().min(0),
});
export type RunOutcome = z.infer<typeof RunOutcome>;

/** What the reporter saw of one test: a verdict needs an observation. */
export type OutcomeRow = { id: string; verdict: 'honoured' | 'breached' | 'error' | 'skipped'; message: string | null };

export type OutcomeInput = {
  rows: OutcomeRow[];
  /** Tests Playwright scheduled (onBegin), after --grep / --family. */
  total: number;
  /** FullResult.status. */
  status: 'passed' | 'failed' | 'timedout' | 'interrupted';
  /** Messages of errors reported outside any test (onError): config, globalSetup, runner. */
  errors: string[];
  /** The --grep / --family filter the run was given, for the "no scenario matched" message. */
  filter?: string | null;
};

export const firstLine = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').replace(/^[A-Za-z]*Error: /, '').split('\n').map((l) => l.trim()).find(Boolean) ?? '(no message)';

export function decideOutcome(input: OutcomeInput): RunOutcome {
  const { rows, total } = input;
  const judged = rows.filter((r) => r.verdict === 'honoured' || r.verdict === 'breached').length;
  const make = (kind: OutcomeKind, headline: string): RunOutcome => ({ kind, exitCode: EXIT_CODES[kind], headline, total, judged });

  if (input.status === 'interrupted') {
    return make('interrupted', `interrupted: ${total - judged} of ${total} scenarios not run (the verdicts so far are not a complete run; run again to judge the gateway)`);
  }
  const runnerError = input.errors.map(firstLine).find((e) => !/^No tests found/i.test(e));
  if (runnerError) return make('harness', `harness error: ${runnerError}`);
  if (total === 0 || input.errors.some((e) => /^No tests found/i.test(firstLine(e)))) {
    return make('harness', `harness error: no scenario matched${input.filter ? ` the filter ${JSON.stringify(input.filter)}` : ''}; fix: npx gatecheck list shows the scenario ids (--family F, --grep REGEX)`);
  }
  if (input.status === 'timedout') return make('harness', 'harness error: the run hit Playwright\'s global timeout before every scenario was judged; fix: raise globalTimeout or narrow the run with --family / --grep');
  const unjudged = rows.filter((r) => r.verdict === 'error');
  if (unjudged.length) {
    const first = unjudged[0]!;
    return make('harness', `harness error: ${unjudged.length} scenario(s) failed in the harness before the gateway could be judged, first ${first.id}: ${first.message ?? 'no message'}`);
  }
  if (judged + rows.filter((r) => r.verdict === 'skipped').length < total) {
    return make('harness', `harness error: only ${rows.length} of ${total} scenarios reported a result; the runner stopped early (status ${input.status})`);
  }
  if (rows.some((r) => r.verdict === 'breached')) return make('breached', `${rows.filter((r) => r.verdict === 'breached').length} scenario(s) breached`);
  if (input.status === 'failed') return make('harness', 'harness error: the runner reported a failure without a failing scenario; run npx playwright test --project=contract for its own report');
  return make('held', `all ${judged} scenario(s) honoured`);
}

/** The environment variable `gatecheck run` sets to the file the reporter writes its outcome to. */
export const OUTCOME_FILE_ENV = 'GATECHECK_OUTCOME_FILE';

export function writeOutcome(file: string, outcome: RunOutcome): void {
  writeFileSync(file, JSON.stringify(outcome) + '\n');
}

/** The outcome the reporter wrote, or null when it wrote none (the runner died before onEnd). */
export function readOutcome(file: string): RunOutcome | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = RunOutcome.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
