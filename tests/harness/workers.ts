/**
 * The contract project's workers: GATECHECK_WORKERS (`gatecheck run --workers`), default 2. The
 * scenarios that wait on purpose need no workers of their own: they overlap in one
 * (tests/contract/0-waiting.spec.ts). A `--workers N` on Playwright's command line overrides it.
 */
export function contractWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GATECHECK_WORKERS;
  if (raw === undefined || raw === '') return 2;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`gatecheck: GATECHECK_WORKERS=${raw} is not a worker count; set it to a whole number from 1 to 16, or unset it`);
  return n;
}
