import type { Scenario } from '../../mocks/scenarios/schema.ts';

/**
 * Whether `gatecheck run` selected this scenario (GATECHECK_GREP: the filter it passed Playwright as
 * --grep, matched against `<id>: <title>`); every scenario when unset. Used only to start waiting
 * scenarios ahead of their tests: a run started for a scenario that is then not selected is
 * wasted work, never a row.
 */
export function selectedByRun(scenario: Scenario, env: NodeJS.ProcessEnv = process.env): boolean {
  const filter = env.GATECHECK_GREP;
  return !filter || new RegExp(filter).test(`${scenario.id}: ${scenario.title}`);
}
