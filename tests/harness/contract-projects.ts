import { scenarios } from '../../mocks/scenarios/index.ts';
import { deliberateWait } from '../../mocks/scenarios/waits.ts';

/**
 * The contract suites as Playwright projects. By default one project, `contract`, every scenario
 * spread over the workers one by one (GATECHECK_WORKERS, default 2).
 *
 * GATECHECK_WAIT_WORKERS=N (N >= 1) splits it in two projects, both named `contract` (so
 * `--project=contract` selects both and a row is a row, whichever ran it): the scenarios that
 * wait on purpose (a timeout to hit, a Retry-After to honour: idle time, read from the scenario
 * data by deliberateWait) first, on N workers of their own, and every other scenario on the CPU
 * workers; the run's total is their sum. Their waits then overlap instead of queueing behind
 * the CPU-bound scenarios; no time bound or verdict changes. It is not the default because on
 * the 2-core machine it was measured on it bought no wall time (the matrix was CPU-bound there:
 * each extra worker's start and the contention cost what the overlap saved) and each extra
 * worker costs ~180 MiB (README, Performance). On a machine with idle cores, try it.
 * A `--workers N` on Playwright's command line caps the total at N.
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
  const waitWorkers = env.GATECHECK_WAIT_WORKERS === '0' ? 0 : count('GATECHECK_WAIT_WORKERS', 0);
  return { workers: cpuWorkers + waitWorkers, cpuWorkers, waitWorkers };
}

/** Matches the titles of the waiting scenarios (`<id>: <title>`), wherever Playwright's grep string puts them. */
export function waitingTitles(ids = scenarios.filter((s) => deliberateWait(s) !== null).map((s) => s.id)): RegExp {
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:^|\\s)(?:${escaped.join('|')}):\\s`);
}

/** The fields of a Playwright project this sets. */
export type ContractProject = { name: 'contract'; testDir: string; fullyParallel: true; grep?: RegExp; grepInvert?: RegExp; workers?: number };

export function contractProjects(testDir: string, schedule = contractSchedule()): ContractProject[] {
  if (schedule.waitWorkers === 0) return [{ name: 'contract', testDir, fullyParallel: true }];
  const waiting = waitingTitles();
  return [
    { name: 'contract', testDir, fullyParallel: true, grep: waiting, workers: schedule.waitWorkers },
    { name: 'contract', testDir, fullyParallel: true, grepInvert: waiting, workers: schedule.cpuWorkers },
  ];
}
