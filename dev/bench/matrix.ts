import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scenarios } from '../../mocks/scenarios/index.ts';
import { root, runMatrix, type MatrixRun } from '../proof/matrix-run.ts';
import { tree } from '../proof/processes.ts';
import { RUNNER_NODE_FLAGS } from '../../cli/commands/run.ts';
import { figure, median, MiB, round, type Figure } from './stats.ts';
import { deliberateWait } from './waits.ts';

const require = createRequire(import.meta.url);

/** Playwright alone: as many empty tests as the matrix has scenarios, same workers. The runner's own floor, in time and in memory (its processes' summed RSS at the peak). */
async function emptyRun(workers: number): Promise<{ ms: number; peakRssBytes: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-bench-empty-'));
  const testModule = path.join(path.dirname(require.resolve('@playwright/test')), 'index.mjs');
  writeFileSync(path.join(dir, 'empty.config.mjs'), `export default { testDir: ${JSON.stringify(dir)}, workers: ${workers}, fullyParallel: true, reporter: 'null', outputDir: ${JSON.stringify(path.join(dir, 'out'))} };\n`);
  writeFileSync(path.join(dir, 'empty.spec.mjs'), `import { test } from ${JSON.stringify(testModule)};\nfor (const id of ${JSON.stringify(scenarios.map((s) => s.id))}) test(id, () => {});\n`);
  const started = performance.now();
  let peakRssBytes = 0;
  let sampler: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...RUNNER_NODE_FLAGS, require.resolve('@playwright/test/cli'), 'test', '--config', path.join(dir, 'empty.config.mjs')], { stdio: 'ignore' });
    sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, tree(child.pid!).reduce((sum, p) => sum + p.rssBytes, 0))), 50);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the empty Playwright run exited ${code}`))));
  });
  clearInterval(sampler);
  const ms = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  return { ms, peakRssBytes };
}

const notHonoured = (run: MatrixRun) => (run.result?.scenarios ?? []).filter((r) => r.verdict !== 'honoured').map((r) => `${r.id}: ${r.verdict}`);

function mustHaveResult(run: MatrixRun, what: string): NonNullable<MatrixRun['result']> {
  if (!run.result) throw new Error(`the ${what} matrix run printed nothing (exit ${run.exitCode}): ${run.stderr.slice(-500)}`);
  return run.result;
}

/**
 * The whole matrix against the reference gateway, in-process and through the process driver
 * (`node dist/cli/commands/gateway.js` per scenario) and in-process on one worker (the low-memory
 * shape), each through `gatecheck run` as a user runs it and alternated so the machine's load drifts
 * onto all alike: wall time spawn to exit, the waits done on purpose, peak RSS (the run's sum; the
 * CLI, the runner and each worker), and the verdicts (the same in every run, or the figure says so).
 */
export async function matrix(runs: number, workers = 2): Promise<Figure[]> {
  const walls: number[] = [];
  const processWalls: number[] = [];
  const rss: number[] = [];
  const runnerRss: number[] = [];
  const cliRss: number[] = [];
  const oneWorkerWalls: number[] = [];
  const oneWorkerRss: number[] = [];
  const emptyRss: number[] = [];
  const workerRss: number[] = [];
  const workerCounts: number[] = [];
  const deliberate: number[] = [];
  const harness: number[] = [];
  const perTest: number[] = [];
  const verdictSets = new Set<string>();
  const processVerdictSets = new Set<string>();
  let count = 0;
  const empty: number[] = [];
  for (let i = 0; i < runs; i++) {
    const floor = await emptyRun(workers);
    empty.push(floor.ms);
    emptyRss.push(floor.peakRssBytes / MiB);
    // As a user runs it: `gatecheck run --json`, the compiled package.
    const run = await runMatrix({ via: 'cli', workers, sampleRssMs: 50 });
    const result = mustHaveResult(run, 'in-process');
    walls.push(run.wallMs);
    rss.push(run.peakRssBytes / MiB);
    runnerRss.push(run.peakRssByRole.runnerBytes / MiB);
    cliRss.push(run.peakRssByRole.cliBytes / MiB);
    workerRss.push(Math.max(0, ...run.peakRssByRole.workersBytes) / MiB);
    workerCounts.push(run.peakRssByRole.workersBytes.length);
    count = result.scenarios.length;
    verdictSets.add(JSON.stringify(notHonoured(run)));
    let waiting = 0;
    let own = 0;
    for (const row of result.scenarios) {
      const scenario = scenarios.find((s) => s.id === row.id);
      if (scenario && deliberateWait(scenario)) waiting += row.ms;
      else {
        own += row.ms;
        perTest.push(row.ms);
      }
    }
    deliberate.push(waiting);
    harness.push(own);
    const viaProcess = await runMatrix({ via: 'cli', workers, gateway: 'process' });
    mustHaveResult(viaProcess, 'process-driver');
    processWalls.push(viaProcess.wallMs);
    processVerdictSets.add(JSON.stringify(notHonoured(viaProcess)));
    const oneWorker = await runMatrix({ via: 'cli', workers: 1, sampleRssMs: 50 });
    mustHaveResult(oneWorker, 'one-worker');
    oneWorkerWalls.push(oneWorker.wallMs);
    oneWorkerRss.push(oneWorker.peakRssBytes / MiB);
    verdictSets.add(JSON.stringify(notHonoured(oneWorker)));
  }
  const breaches = JSON.parse([...verdictSets][0] ?? '[]') as string[];
  const sameVerdicts = verdictSets.size === 1 && breaches.length === 0;
  const waiters = scenarios.filter((s) => deliberateWait(s)).map((s) => `${s.id}: ${deliberateWait(s)}`);
  const wall = figure({
    id: 'matrix-wall', what: `whole contract matrix, reference gateway in-process (${count} scenarios, ${workers} workers), spawn to exit`, unit: 'ms', better: 'lower', samples: walls,
    baseline: { what: `Playwright alone: ${count} empty tests, ${workers} workers`, value: median(empty), samples: empty },
    notes: {
      sumOfTestTimesMs: { deliberateWaits: Math.round(median(deliberate)), everythingElse: Math.round(median(harness)) },
      medianTestMsWithoutWaits: round(median(perTest)),
      scenariosThatWaitOnPurpose: waiters.length,
      notHonoured: breaches,
      sameVerdictsInEveryRun: verdictSets.size === 1,
    },
  });
  wall.goal = { text: '<= 6 s wall on 2 cores, every scenario honoured in every run', met: wall.value <= 6000 && sameVerdicts };
  const memory = figure({
    id: 'matrix-peak-rss', what: `peak RSS of a matrix run, ${workers} workers (gatecheck run + Playwright runner + workers + their children, summed at each 50 ms sample)`, unit: 'MiB', better: 'lower', samples: rss,
    baseline: { what: `Playwright alone: ${count} empty tests, ${workers} workers, same V8 flags`, value: median(emptyRss), samples: emptyRss },
    notes: {
      cliPeakMiB: round(median(cliRss)), runnerPeakMiB: round(median(runnerRss)), largestWorkerPeakMiB: round(median(workerRss)), workerProcesses: median(workerCounts),
      oneWorker: { peakRssMiB: round(median(oneWorkerRss)), wallMs: Math.round(median(oneWorkerWalls)), samplesMiB: oneWorkerRss.map((v) => round(v)), samplesMs: oneWorkerWalls.map((v) => Math.round(v)) },
    },
  });
  memory.goal = { text: '<= 400 MiB', met: memory.value <= 400 };
  const perWorker = figure({ id: 'matrix-worker-peak-rss', what: 'peak RSS of the largest Playwright worker of a matrix run (its own high-water mark)', unit: 'MiB', better: 'lower', samples: workerRss, notes: { runnerPeakMiB: round(median(runnerRss)) } });
  const processDriver = figure({
    id: 'matrix-process-driver', what: `whole contract matrix, reference gateway through the process driver (a gateway process per scenario), ${workers} workers`, unit: 'ms', better: 'lower', samples: processWalls,
    baseline: { what: 'the same matrix in-process (above), alternated run by run', value: median(walls), samples: walls },
    notes: { notHonouredByRun: [...processVerdictSets].map((set) => JSON.parse(set) as string[]), sameVerdictsInEveryRun: processVerdictSets.size === 1 },
  });
  processDriver.goal = { text: '<= 1.5x in-process', met: (processDriver.ratio ?? Infinity) <= 1.5 };
  return [wall, memory, perWorker, processDriver];
}

/**
 * The Java example gateway (examples/java-gateway) through its gatecheck.config.mjs: `gatecheck
 * run --json` from its folder, when java and javac are on PATH; skipped with the reason otherwise.
 */
export async function javaExample(runs: number, workers = 2): Promise<Figure[]> {
  const base = { id: 'matrix-java-example', what: `whole contract matrix against examples/java-gateway (gatecheck run, ${workers} workers)`, unit: 'ms' as const, better: 'lower' as const };
  const missing = ['java', 'javac'].filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
  if (missing.length) return [{ ...base, value: NaN, samples: [], notes: { status: `skipped: ${missing.join(' and ')} not on PATH` } }];
  const cwd = path.join(root, 'examples', 'java-gateway');
  const walls: number[] = [];
  let summary: Record<string, unknown> = {};
  for (let i = 0; i < runs; i++) {
    const output = mkdtempSync(path.join(tmpdir(), 'gatecheck-bench-java-'));
    const started = performance.now();
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'gatecheck.js'), 'run', '--json', '--workers', String(workers)], { cwd, encoding: 'utf8', env: { ...process.env, GATECHECK_OUTPUT_DIR: output, FORCE_COLOR: '0' }, maxBuffer: 64 * MiB });
    const ms = performance.now() - started;
    rmSync(output, { recursive: true, force: true });
    const line = run.stdout.split('\n').reverse().find((l) => l.startsWith('{') && l.includes('"scenarios"'));
    if (!line || run.status === 2) return [{ ...base, value: NaN, samples: [], notes: { status: `skipped: npx gatecheck run in examples/java-gateway exited ${run.status} (${(run.stderr || run.stdout).trim().split('\n').slice(-2).join(' / ').slice(0, 300)})` } }];
    const result = JSON.parse(line) as { honoured: number; breached: number; scenarios: { id: string; verdict: string; message?: string }[] };
    walls.push(ms);
    const verdicts: Record<string, number> = {};
    for (const r of result.scenarios) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    const breaches = result.scenarios.filter((r) => r.verdict === 'breached').map((r) => r.message ?? r.id);
    summary = { exit: run.status, verdicts, breachesByRun: [...((summary.breachesByRun as string[][] | undefined) ?? []), breaches] };
  }
  return [figure({ ...base, samples: walls, notes: { ...summary, note: 'no goal: reported as the issue asks; a JVM start per scenario' } })];
}
