import { scenarios } from '../../mocks/scenarios/index.ts';
import { deliberateWait } from '../../mocks/scenarios/waits.ts';

/**
 * The contract suites as two Playwright projects, both named `contract` (so `--project=contract`
 * selects both and a row is a row, whichever ran it): the scenarios that wait on purpose (a
 * timeout to hit, a Retry-After to honour: idle time, read from the scenario data by
 * deliberateWait) with their own workers, and every other scenario with the CPU workers. The
 * waits then overlap each other and the CPU-bound scenarios instead of queueing behind them; no
 * time bound or verdict changes. The waiting project comes first, so its scenarios start first.
 *
 * Workers: `cpuWorkers` (GATECHECK_WORKERS, default 2) for the CPU-bound scenarios, plus
 * `waitWorkers` (GATECHECK_WAIT_WORKERS, default 2) for the waiting ones; the run's total is their
 * sum. A `--workers N` on Playwright's command line caps the total at N instead (then the waiting
 * scenarios still go first). GATECHECK_WAIT_WORKERS=0: one project, every scenario on the CPU
 * workers (fewer processes, less memory, a longer run).
 */
export function contractSchedule(env: NodeJS.ProcessEnv = process.env): { workers: number; cpuWorkers: number; waitWorkers: number } {
  const count = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`gatecheck: ${name}=${raw} is not a worker count; set it to a whole number >= 1, or unset it`);
    return n;
  };
  const cpuWorkers = count('GATECHECK_WORKERS', 2);
  const waitWorkers = env.GATECHECK_WAIT_WORKERS === '0' ? 0 : count('GATECHECK_WAIT_WORKERS', 2);
  return { workers: cpuWorkers + waitWorkers, cpuWorkers, waitWorkers };
}

/** Matches the titles of the waiting scenarios (`<id>: <title>`), wherever Playwright's grep string puts them. */
export function waitingTitles(ids = scenarios.filter((s) => deliberateWait(s) !== null).map((s) => s.id)): RegExp {
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:^|\\s)(?:${escaped.join('|')}):\\s`);
}

export function contractProjects(testDir: string, schedule = contractSchedule()) {
  if (schedule.waitWorkers === 0) return [{ name: 'contract', testDir, fullyParallel: true }];
  const waiting = waitingTitles();
  return [
    { name: 'contract', testDir, fullyParallel: true, grep: waiting, workers: schedule.waitWorkers },
    { name: 'contract', testDir, fullyParallel: true, grepInvert: waiting, workers: schedule.cpuWorkers },
  ];
}
