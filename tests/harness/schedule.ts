import { scenarios, scenariosOf } from '../../mocks/scenarios/index.ts';
import type { Family, Scenario } from '../../mocks/scenarios/schema.ts';
import { deliberateWait } from '../../mocks/scenarios/waits.ts';

/** A family's scenarios that keep a worker busy the whole time they run: spread over the workers one by one. */
export function busyScenariosOf(family: Family): Scenario[] {
  return scenariosOf(family).filter((s) => deliberateWait(s) === null);
}

/**
 * Every scenario that waits on purpose (its time is mostly idle), longest bound first: they run in
 * this order in one worker, started ahead a few at a time, so the longest waits start at once and
 * the short ones fill in beside them (the group takes about its longest wait).
 */
export function waitingScenarios(): Scenario[] {
  return scenarios.filter((s) => deliberateWait(s) !== null).sort((a, b) => b.expect.withinMs - a.expect.withinMs);
}

/** Scenarios per waiting group: today's 14 are one; a larger catalogue's spread over workers and shards. */
export const WAITING_GROUP_SIZE = 14;

/** The waiting scenarios in groups of at most WAITING_GROUP_SIZE, dealt longest first so every group gets its share of long waits. */
export function waitingGroups(size = WAITING_GROUP_SIZE): Scenario[][] {
  const waiting = waitingScenarios();
  const count = Math.ceil(waiting.length / size);
  const groups: Scenario[][] = Array.from({ length: count }, () => []);
  waiting.forEach((scenario, i) => groups[i % count]!.push(scenario));
  return groups;
}
