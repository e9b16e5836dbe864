import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { scenarios } from '../../mocks/scenarios/index.ts';
import { classifyRow, countRows, summaryCounts, type RowVerdict } from './row-verdict.ts';
import { decideOutcome, OUTCOME_FILE_ENV, writeOutcome, type OutcomeRow } from './run-outcome.ts';

/** One row of the contract matrix. `reason`: why it is not applicable, waived or coarse. */
export type MatrixRow = {
  id: string;
  verdict: RowVerdict;
  reason: string | null;
  expected: string;
  observed: string | null;
  ms: number;
  message: string | null;
};

const glyph: Record<RowVerdict, string> = {
  honoured: 'honoured', 'honoured (coarse)': 'coarse', waived: 'waived', 'not applicable': 'n/a', breached: 'BREACHED', error: 'ERROR', skipped: 'skipped',
};

/**
 * Prints the contract matrix for `gatecheck run`: a live progress line on stderr, then one row
 * per scenario (verdict, observed code, time) and the one-line breach of every failure. With
 * GATECHECK_RUN_JSON=1 it prints the same as one JSON document on stdout instead.
 */
export default class MatrixReporter implements Reporter {
  private rows: MatrixRow[] = [];
  private total = 0;
  private readonly json = process.env.GATECHECK_RUN_JSON === '1';
  private started = Date.now();
  private errors: string[] = [];
  private filter: string | null = null;

  onBegin(config: FullConfig, suite: Suite): void {
    this.total = suite.allTests().length;
    const grep = [config.grep].flat()[0];
    this.filter = grep && grep.source !== '.*' ? grep.source : null;
    this.started = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const id = test.title.split(':')[0]!;
    const attachment = result.attachments.find((a) => a.name === 'observation');
    const observation = attachment?.body ? JSON.parse(attachment.body.toString()) : null;
    const observed = observation ? describeObserved(observation) : null;
    // A custom processor's transport scenario (mobile-money/tls.expired-leaf) expects what the catalogue's does.
    const catalogueId = /^[^/]+\/(tls|mtls|network)\./.test(id) ? id.slice(id.indexOf('/') + 1) : id;
    const expect = scenarios.find((s) => s.id === catalogueId)?.expect;
    const expected = !expect ? '?' : expect.outcome === 'ok' ? 'payment taken' : expect.outcome === 'boot-refused' ? `boot refused: ${expect.code}` : String(expect.code);
    const annotations = [...(result.annotations ?? []), ...test.annotations];
    const { verdict, reason } = classifyRow(result.status, annotations, observation !== null);
    const failed = verdict === 'breached' || verdict === 'error';
    const message = failed ? stripAnsi(result.error?.message?.split('\n').find((l) => l.includes(id) || l.trim()) ?? '') : null;
    this.rows.push({ id, verdict, reason, expected, observed, ms: typeof observation?.ms === 'number' ? observation.ms : Math.round(result.duration), message });
    if (process.stderr.isTTY) process.stderr.write(`\r[${this.rows.length}/${this.total}] ${glyph[verdict]} ${id}`.padEnd(80));
  }

  /** Errors outside any test (config, globalSetup preflight, runner): harness errors. */
  onError(error: TestError): void {
    this.errors.push(stripAnsi(error.message ?? error.value ?? 'unknown runner error'));
  }

  onEnd(result: FullResult): void {
    if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(81) + '\r');
    const rows = [...this.rows].sort((a, b) => a.id.localeCompare(b.id));
    const counts = countRows(rows);
    const outcome = decideOutcome({ rows: rows.map(outcomeRow), total: this.total, status: result.status, errors: this.errors, filter: this.filter });
    if (process.env[OUTCOME_FILE_ENV]) writeOutcome(process.env[OUTCOME_FILE_ENV], outcome);
    const summary = { status: result.status, wallMs: Date.now() - this.started, ...counts, outcome };
    if (this.json) {
      process.stdout.write(JSON.stringify({ ...summary, gateway: process.env.GATECHECK_GATEWAY ?? process.env.GATECHECK_GATEWAY_LABEL ?? 'reference', scenarios: rows }) + '\n');
      return;
    }
    // A harness error or an interrupted run is one message, never a table that reads as a verdict.
    if (outcome.kind === 'harness' || outcome.kind === 'interrupted') return void console.error(`gatecheck run: ${outcome.headline}`);
    const width = Math.max(8, ...rows.map((r) => r.id.length));
    const observedWidth = Math.max(8, ...rows.map((r) => (r.observed ?? '-').length));
    console.log(`${'scenario'.padEnd(width)}  ${'verdict'.padEnd(8)}  ${'observed'.padEnd(observedWidth)}  time`);
    for (const r of rows) console.log(`${r.id.padEnd(width)}  ${glyph[r.verdict].padEnd(8)}  ${(r.observed ?? '-').padEnd(observedWidth)}  ${String(r.ms).padStart(5)} ms`);
    const declared = rows.filter((r) => r.reason && r.verdict !== 'skipped');
    if (declared.length) {
      console.log('\nDeclared by the config (not plain honoured):');
      for (const r of declared) console.log(`  ${r.id}: ${r.verdict === 'honoured (coarse)' ? r.reason : `${r.verdict}: ${r.reason}`}`);
    }
    const failures = rows.filter((r) => r.message);
    if (failures.length) {
      console.log('\nBreaches:');
      for (const r of failures) console.log(`  ${r.message}`);
    }
    console.log(`\n${summaryCounts(counts)} in ${(summary.wallMs / 1000).toFixed(1)} s against the ${process.env.GATECHECK_GATEWAY ?? process.env.GATECHECK_GATEWAY_LABEL ?? 'reference'} gateway`);
  }

  printsToStdio(): boolean {
    return true;
  }
}

/** What the gateway answered last: a boot refusal, an error code, or an HTTP status (payment or webhook). */
function describeObserved(o: { boot?: { ok: boolean; code?: string | null }; payment?: { code: string | null; status: number } | null; webhooks?: { code: string | null; status: number }[] }): string | null {
  if (o.boot?.ok === false) return `boot refused: ${o.boot.code}`;
  const last = o.payment ?? o.webhooks?.at(-1) ?? null;
  return last ? last.code ?? String(last.status) : null;
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '').replace(/^Error:\s*/, '').trim();
}

/** What decides the run's outcome: a judged row (waived and coarse rows were judged and held), an error, or one that did not run (not applicable). */
function outcomeRow(row: MatrixRow): OutcomeRow {
  const verdict = row.verdict === 'breached' || row.verdict === 'error' ? row.verdict : row.verdict === 'not applicable' || row.verdict === 'skipped' ? 'skipped' : 'honoured';
  return { id: row.id, verdict, message: row.message };
}
