import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scenarios } from '../../mocks/scenarios/index.ts';
import { runMatrix } from '../proof/matrix-run.ts';
import { figure, median, MiB, round, type Figure } from './stats.ts';
import { deliberateWait } from './waits.ts';

const require = createRequire(import.meta.url);

/** Playwright alone: as many empty tests as the matrix has scenarios, same workers. The runner's own floor. */
async function emptyRun(workers: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-bench-empty-'));
  const testModule = path.join(path.dirname(require.resolve('@playwright/test')), 'index.mjs');
  writeFileSync(path.join(dir, 'empty.config.mjs'), `export default { testDir: ${JSON.stringify(dir)}, workers: ${workers}, fullyParallel: true, reporter: 'null', outputDir: ${JSON.stringify(path.join(dir, 'out'))} };\n`);
  writeFileSync(path.join(dir, 'empty.spec.mjs'), `import { test } from ${JSON.stringify(testModule)};\nfor (const id of ${JSON.stringify(scenarios.map((s) => s.id))}) test(id, () => {});\n`);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('@playwright/test/cli'), 'test', '--config', path.join(dir, 'empty.config.mjs')], { stdio: 'ignore' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the empty Playwright run exited ${code}`))));
  });
  const ms = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

/** Whole-matrix wall time (spawn to exit, as `gatecheck run`), the waits it does on purpose, and its peak RSS. */
export async function matrix(runs: number, workers = 2): Promise<Figure[]> {
  const walls: number[] = [];
  const rss: number[] = [];
  const deliberate: number[] = [];
  const harness: number[] = [];
  const perTest: number[] = [];
  let count = 0;
  let breaches: string[] = [];
  const empty: number[] = [];
  for (let i = 0; i < runs; i++) {
    empty.push(await emptyRun(workers));
    const run = await runMatrix({ workers, sampleRssMs: 50 });
    if (!run.result) throw new Error(`the matrix run printed nothing (exit ${run.exitCode}): ${run.stderr.slice(-500)}`);
    walls.push(run.wallMs);
    rss.push(run.peakRssBytes / MiB);
    count = run.result.scenarios.length;
    breaches = run.result.scenarios.filter((r) => r.verdict !== 'honoured').map((r) => r.id);
    let waiting = 0;
    let own = 0;
    for (const row of run.result.scenarios) {
      const scenario = scenarios.find((s) => s.id === row.id);
      if (scenario && deliberateWait(scenario)) waiting += row.ms;
      else {
        own += row.ms;
        perTest.push(row.ms);
      }
    }
    deliberate.push(waiting);
    harness.push(own);
  }
  const waiters = scenarios.filter((s) => deliberateWait(s)).map((s) => `${s.id}: ${deliberateWait(s)}`);
  const wall = figure({
    id: 'matrix-wall', what: `whole contract matrix (${count} scenarios, ${workers} workers), spawn to exit`, unit: 'ms', better: 'lower', samples: walls,
    baseline: { what: `Playwright alone: ${count} empty tests, ${workers} workers`, value: median(empty), samples: empty },
    notes: {
      sumOfTestTimesMs: { deliberateWaits: Math.round(median(deliberate)), everythingElse: Math.round(median(harness)) },
      medianTestMsWithoutWaits: round(median(perTest)),
      scenariosThatWaitOnPurpose: waiters.length,
      breaches,
    },
  });
  wall.goal = { text: '>= 60 scenarios within ~15 s on 2 cores', met: count >= 60 && wall.value <= 15_500 && breaches.length === 0 };
  const memory = figure({ id: 'matrix-peak-rss', what: 'peak RSS of a matrix run (runner + workers + children, summed)', unit: 'MiB', better: 'lower', samples: rss });
  return [wall, memory];
}
