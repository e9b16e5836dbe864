/**
 * `npm run mutation [-- --json | --markdown [--readme]] [--mutant NAME[,NAME]] [--full] [--workers N] [--no-baseline]`
 *
 * Runs the contract suites against every deliberately broken gateway in tests/mutants/ and prints
 * which tests killed each one. By default each mutant meets only the scenarios meant to kill it
 * (its `killedBy`), which proves exactly that and keeps the run short; `--full` runs the whole
 * matrix per mutant. Exits 1 if any mutant survives (a hole in the suites), 2 if the suites are
 * not green against the reference gateway first (then no kill means anything).
 * `--markdown` prints the kill table; with `--readme` it also replaces the table in README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { mutants, type Mutant } from '../tests/mutants/index.ts';
import { killTable, README_TABLE_END, README_TABLE_START, type MutantResult } from './mutation/table.ts';
import { root, runMatrix, type MatrixRun } from './proof/matrix-run.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
    readme: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    mutant: { type: 'string' },
    workers: { type: 'string', default: '2' },
    'no-baseline': { type: 'boolean', default: false },
  },
});
const workers = Number(values.workers);
const chosen: Mutant[] = values.mutant ? values.mutant.split(',').map((name) => {
  const found = mutants.find((m) => m.name === name.trim());
  if (!found) throw new Error(`gatecheck mutation: no mutant "${name}"; one of: ${mutants.map((m) => m.name).join(', ')}`);
  return found;
}) : mutants;

type Killer = MutantResult['killers'][number];

const quiet = values.json || values.markdown;
const log = (line: string) => void (quiet ? process.stderr : process.stdout).write(`${line}\n`);
const failures = (run: MatrixRun) => (run.result?.scenarios ?? []).filter((r) => r.verdict === 'breached' || r.verdict === 'error');
const problem = (run: MatrixRun) => (run.result ? null : `the run printed no matrix (exit ${run.exitCode ?? run.signal}): ${run.stderr.trim().split('\n').slice(-5).join(' | ')}`);
/** Playwright --grep for exactly these scenario ids (titles start "<id>: "). */
const idsGrep = (ids: string[]) => `\\b(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}):`;
/** The scenarios a mutant meets: its own, or everything. */
const targetsOf = (m: Mutant) => (values.full || !m.killedBy?.length ? null : m.killedBy);

let baseline: { wallMs: number; scenarios: number; breaches: Killer[] } | null = null;
if (!values['no-baseline']) {
  const targeted = chosen.every((m) => targetsOf(m));
  const ids = [...new Set(chosen.flatMap((m) => targetsOf(m) ?? []))];
  log(`baseline: ${targeted ? `the ${ids.length} target scenarios` : 'the contract suites'} against the reference gateway ...`);
  const run = await runMatrix({ gateway: 'reference', workers, ...(targeted ? { grep: idsGrep(ids) } : {}) });
  const breaches = failures(run).map((r) => ({ id: r.id, verdict: r.verdict, message: r.message }));
  baseline = { wallMs: Math.round(run.wallMs), scenarios: run.result?.scenarios.length ?? 0, breaches };
  const missing = targeted ? ids.filter((id) => !run.result?.scenarios.some((r) => r.id === id)) : [];
  if (problem(run) || breaches.length || missing.length) {
    const why = problem(run) ?? (missing.length ? `  no such scenario(s) in the matrix: ${missing.join(', ')} (a mutant's killedBy names a scenario that does not exist)` : breaches.map((b) => `  ${b.message ?? b.id}`).join('\n'));
    console.error(`gatecheck mutation: the suites are not green against the reference gateway, so a kill proves nothing. Fix these first:\n${why}`);
    if (values.json) console.log(JSON.stringify({ baseline, mutants: [], killed: 0, total: chosen.length }));
    process.exit(2);
  }
  log(`baseline: ${baseline.scenarios} scenarios honoured in ${(run.wallMs / 1000).toFixed(1)} s`);
}

const started = performance.now();
const results: MutantResult[] = [];
for (const mutant of chosen) {
  const targets = targetsOf(mutant);
  const run = await runMatrix({ gateway: `mutant:${mutant.name}`, workers, ...(targets ? { grep: idsGrep(targets) } : {}) });
  const killers = failures(run).map((r) => ({ id: r.id, verdict: r.verdict, message: r.message }));
  const error = problem(run) ?? (run.result?.scenarios.length ? null : 'no scenario ran');
  // A run that printed no matrix killed nothing we can name: count it as a survivor, with the reason.
  const result = { name: mutant.name, models: mutant.models, targets, killed: !error && killers.length > 0, killers, scenarios: run.result?.scenarios.length ?? 0, wallMs: Math.round(run.wallMs), error };
  results.push(result);
  log(`${result.killed ? 'killed  ' : 'SURVIVED'} ${mutant.name} (${killers.length}/${result.scenarios} test(s), ${(run.wallMs / 1000).toFixed(1)} s)${error ? `: ${error}` : ''}`);
}
const mutantsMs = Math.round(performance.now() - started);

const killed = results.filter((r) => r.killed).length;
if (values.json) {
  console.log(JSON.stringify({ baseline, mutants: results, killed, total: results.length, mutantsMs }));
} else if (values.markdown) {
  const table = killTable(results, { full: values.full, baselineMs: baseline?.wallMs ?? null, mutantsMs });
  console.log(table);
  if (values.readme) {
    const file = `${root}README.md`;
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf(README_TABLE_START);
    const end = text.indexOf(README_TABLE_END);
    if (start < 0 || end < start) {
      console.error(`gatecheck mutation: README.md has no ${README_TABLE_START} ... ${README_TABLE_END} markers; add them where the table goes`);
      process.exit(2);
    }
    writeFileSync(file, `${text.slice(0, start + README_TABLE_START.length)}\n${table}\n${text.slice(end)}`);
    log('README.md: kill table replaced');
  }
} else {
  const width = Math.max(6, ...results.map((r) => r.name.length));
  console.log(`\n${'mutant'.padEnd(width)}  result    killed by`);
  for (const r of results) {
    const ids = r.killers.map((k) => k.id);
    const by = ids.length ? `${ids.slice(0, 4).join(', ')}${ids.length > 4 ? ` (+${ids.length - 4} more)` : ''}` : r.error ?? 'nothing: a hole in the suites';
    console.log(`${r.name.padEnd(width)}  ${r.killed ? 'killed  ' : 'SURVIVED'}  ${by}`);
  }
  console.log(`\n${killed}/${results.length} mutants killed in ${(mutantsMs / 1000).toFixed(1)} s${baseline ? ` (baseline: ${baseline.scenarios} scenarios green)` : ''}`);
}
process.exit(killed === results.length ? 0 : 1);
