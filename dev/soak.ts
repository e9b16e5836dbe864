/**
 * `npm run soak -- --runs N [--minutes M] [--workers 2] [--gateway reference|process] [--hog N] [--json] [--no-interrupt]`
 *
 * Runs the whole contract matrix N times (2 workers) against the reference gateway (--gateway process:
 * spawned per scenario) and reports
 * every scenario whose verdict ever differs between runs (a flake) or is ever not honoured. After
 * every run, and after one more run interrupted with SIGINT halfway (as Ctrl-C does, to the whole
 * process group), checks that no process of the run and no listening socket of one remains.
 * `--minutes M` stops starting new runs after M minutes (the report says how many ran). `--hog N`
 * keeps N busy loops (one core each) running beside the runs: no time bound may give way under them.
 * Exits 1 on any flake, breach or leak.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { listeningPortsOf, listeningSockets } from './proof/processes.ts';
import { leftovers, runMatrix, type MatrixRun } from './proof/matrix-run.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    minutes: { type: 'string' },
    workers: { type: 'string', default: '2' },
    /** reference (in-process) or process (the reference gateway spawned per scenario, as a user's gateway is). */
    gateway: { type: 'string', default: 'reference' },
    hog: { type: 'string', default: '0' },
    json: { type: 'boolean', default: false },
    'no-interrupt': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const workers = Number(values.workers);
const budgetMs = values.minutes ? Number(values.minutes) * 60_000 : Infinity;
const log = (line: string) => void (values.json ? process.stderr : process.stdout).write(`${line}\n`);

type Leak = { run: string; processes: { pid: number; command: string; listening: number[] }[] };
type RunReport = { run: string; wallMs: number; exit: number | string | null; scenarios: number; notHonoured: string[] };

/** What of a finished run is still there: processes carrying its marker, and the ports they listen on. */
async function leaksOf(run: MatrixRun, label: string): Promise<Leak | null> {
  const alive = await leftovers(run.marker);
  if (alive.length === 0) return null;
  const listening = listeningSockets();
  return { run: label, processes: alive.map((p) => ({ pid: p.pid, command: p.command, listening: listeningPortsOf(p.pid, listening) })) };
}

const verdicts = new Map<string, Map<string, number>>();
const reports: RunReport[] = [];
const leaks: Leak[] = [];
const started = Date.now();
const portsBefore = new Set(listeningSockets().map((s) => s.port));
const hogs = Array.from({ length: Number(values.hog) }, () => spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }));
process.once('exit', () => hogs.forEach((hog) => hog.kill('SIGKILL')));
if (hogs.length) log(`soak: ${hogs.length} busy loop(s) beside the runs`);

for (let i = 1; i <= runs; i++) {
  if (Date.now() - started > budgetMs) {
    log(`soak: ${values.minutes} min budget used; stopping after ${i - 1} run(s)`);
    break;
  }
  const run = await runMatrix({ workers, gateway: values.gateway });
  const rows = run.result?.scenarios ?? [];
  for (const row of rows) {
    const seen = verdicts.get(row.id) ?? new Map<string, number>();
    seen.set(row.verdict, (seen.get(row.verdict) ?? 0) + 1);
    verdicts.set(row.id, seen);
  }
  const report = { run: `#${i}`, wallMs: Math.round(run.wallMs), exit: run.exitCode ?? run.signal, scenarios: rows.length, notHonoured: rows.filter((r) => r.verdict !== 'honoured').map((r) => `${r.id} (${r.verdict}: ${r.message ?? ''})`) };
  reports.push(report);
  if (!run.result) report.notHonoured.push(`the run printed no matrix: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const leak = await leaksOf(run, report.run);
  if (leak) leaks.push(leak);
  log(`soak: run ${i}/${runs}: ${rows.length} scenarios, ${report.notHonoured.length} not honoured, ${(run.wallMs / 1000).toFixed(1)} s, ${leak ? `LEAK: ${leak.processes.length} process(es) left` : 'nothing left behind'}`);
}

let interrupted: { afterMs: number; exit: number | string | null; leak: Leak | null } | null = null;
if (!values['no-interrupt']) {
  const walls = reports.map((r) => r.wallMs).sort((a, b) => a - b);
  const afterMs = Math.round((walls[Math.floor(walls.length / 2)] ?? 14_000) / 2);
  const run = await runMatrix({ workers, gateway: values.gateway, interruptAfterMs: afterMs });
  const leak = await leaksOf(run, 'interrupted');
  if (leak) leaks.push(leak);
  interrupted = { afterMs, exit: run.exitCode ?? run.signal, leak };
  log(`soak: run interrupted with SIGINT after ${afterMs} ms: exited ${interrupted.exit}, ${leak ? `LEAK: ${leak.processes.length} process(es) left` : 'nothing left behind'}`);
}

for (const hog of hogs) hog.kill('SIGKILL');
const completed = reports.filter((r) => r.scenarios > 0).length;
const flakes = [...verdicts].filter(([, seen]) => seen.size > 1).map(([id, seen]) => ({ id, verdicts: Object.fromEntries(seen) }));
const breached = [...verdicts].filter(([, seen]) => seen.size === 1 && !seen.has('honoured')).map(([id, seen]) => ({ id, verdicts: Object.fromEntries(seen) }));
const newListeners = listeningSockets().map((s) => s.port).filter((p) => !portsBefore.has(p));
const summary = { runs: reports.length, busyLoops: hogs.length, completed, scenarios: verdicts.size, flakes, breached, leaks, interrupted, reports, newListeningPortsOnMachine: newListeners };

if (values.json) console.log(JSON.stringify(summary));
else {
  console.log(`\n${reports.length} run(s) of ${verdicts.size} scenarios with ${workers} workers${hogs.length ? ` beside ${hogs.length} busy loop(s)` : ''}: ${flakes.length} flake(s), ${breached.length} always breached, ${leaks.length} leak(s)${interrupted ? `; SIGINT halfway: ${interrupted.leak ? 'LEAK' : 'nothing left behind'}` : ''}`);
  for (const f of flakes) console.log(`  flake: ${f.id} ${JSON.stringify(f.verdicts)}`);
  for (const b of breached) console.log(`  breached every time: ${b.id}`);
  for (const r of reports) for (const n of r.notHonoured) console.log(`  ${r.run}: ${n}`);
  for (const l of leaks) for (const p of l.processes) console.log(`  leak after ${l.run}: pid ${p.pid} (${p.command}) listening on ${p.listening.join(', ') || 'nothing'}`);
  if (newListeners.length) console.log(`  (listening ports opened on the machine meanwhile, by processes outside the runs: ${newListeners.length})`);
}
process.exit(flakes.length || breached.length || leaks.length ? 1 : 0);
