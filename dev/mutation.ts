/**
 * `npm run mutation [-- --json] [--mutant NAME[,NAME]] [--workers N] [--no-baseline]`
 *
 * Runs the contract suites against every deliberately broken gateway in tests/mutants/ and prints
 * which tests killed each one. Exits 1 if any mutant survives (a hole in the suites), 2 if the
 * suites are not green against the reference gateway first (then no kill means anything).
 */
import { parseArgs } from 'node:util';
import { mutants, type Mutant } from '../tests/mutants/index.ts';
import { runMatrix, type MatrixRun } from './proof/matrix-run.ts';

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, mutant: { type: 'string' }, workers: { type: 'string', default: '2' }, 'no-baseline': { type: 'boolean', default: false } },
});
const workers = Number(values.workers);
const chosen: Mutant[] = values.mutant ? values.mutant.split(',').map((name) => {
  const found = mutants.find((m) => m.name === name.trim());
  if (!found) throw new Error(`gatecheck mutation: no mutant "${name}"; one of: ${mutants.map((m) => m.name).join(', ')}`);
  return found;
}) : mutants;

type Killer = { id: string; verdict: string; message: string | null };
type MutantResult = { name: string; models: string; killed: boolean; killers: Killer[]; scenarios: number; wallMs: number; error: string | null };

const log = (line: string) => void (values.json ? process.stderr : process.stdout).write(`${line}\n`);
const failures = (run: MatrixRun) => (run.result?.scenarios ?? []).filter((r) => r.verdict === 'breached' || r.verdict === 'error');
const problem = (run: MatrixRun) => (run.result ? null : `the run printed no matrix (exit ${run.exitCode ?? run.signal}): ${run.stderr.trim().split('\n').slice(-5).join(' | ')}`);

let baseline: { wallMs: number; scenarios: number; breaches: Killer[] } | null = null;
if (!values['no-baseline']) {
  log('baseline: the contract suites against the reference gateway ...');
  const run = await runMatrix({ gateway: 'reference', workers });
  const breaches = failures(run).map((r) => ({ id: r.id, verdict: r.verdict, message: r.message }));
  baseline = { wallMs: Math.round(run.wallMs), scenarios: run.result?.scenarios.length ?? 0, breaches };
  if (problem(run) || breaches.length) {
    const why = problem(run) ?? breaches.map((b) => `  ${b.message ?? b.id}`).join('\n');
    console.error(`gatecheck mutation: the suites are not green against the reference gateway, so a kill proves nothing. Fix these first:\n${why}`);
    if (values.json) console.log(JSON.stringify({ baseline, mutants: [], killed: 0, total: chosen.length }));
    process.exit(2);
  }
  log(`baseline: ${baseline.scenarios} scenarios honoured in ${(run.wallMs / 1000).toFixed(1)} s`);
}

const results: MutantResult[] = [];
for (const mutant of chosen) {
  const run = await runMatrix({ gateway: `mutant:${mutant.name}`, workers });
  const killers = failures(run).map((r) => ({ id: r.id, verdict: r.verdict, message: r.message }));
  const error = problem(run);
  // A run that printed no matrix killed nothing we can name: count it as a survivor, with the reason.
  const result = { name: mutant.name, models: mutant.models, killed: !error && killers.length > 0, killers, scenarios: run.result?.scenarios.length ?? 0, wallMs: Math.round(run.wallMs), error };
  results.push(result);
  log(`${result.killed ? 'killed  ' : 'SURVIVED'} ${mutant.name} (${killers.length} test(s), ${(run.wallMs / 1000).toFixed(1)} s)${error ? `: ${error}` : ''}`);
}

const killed = results.filter((r) => r.killed).length;
if (values.json) {
  console.log(JSON.stringify({ baseline, mutants: results, killed, total: results.length }));
} else {
  const width = Math.max(6, ...results.map((r) => r.name.length));
  console.log(`\n${'mutant'.padEnd(width)}  result    killed by`);
  for (const r of results) {
    const ids = r.killers.map((k) => k.id);
    const by = ids.length ? `${ids.slice(0, 4).join(', ')}${ids.length > 4 ? ` (+${ids.length - 4} more)` : ''}` : r.error ?? 'nothing: a hole in the suites';
    console.log(`${r.name.padEnd(width)}  ${r.killed ? 'killed  ' : 'SURVIVED'}  ${by}`);
  }
  console.log(`\n${killed}/${results.length} mutants killed${baseline ? ` (baseline: ${baseline.scenarios} scenarios green)` : ''}`);
}
process.exit(killed === results.length ? 0 : 1);
