import { expect, test } from '@playwright/test';
import { scenarios } from '../../mocks/scenarios/index.ts';
import { deliberateWait } from '../../mocks/scenarios/waits.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import type { Observation } from '../../tests/harness/observation.ts';
import { Overlap } from '../../tests/harness/overlap.ts';
import { selectedByRun } from '../../tests/harness/run-selection.ts';
import type { ScenarioRun } from '../../tests/harness/scenario-run.ts';
import { busyScenariosOf, WAITING_GROUP_SIZE, waitingGroups, waitingScenarios } from '../../tests/harness/schedule.ts';
import { slotsOf } from '../../tests/harness/slots.ts';
import { contractWorkers } from '../../tests/harness/workers.ts';

/** A run that ends when the test says so: records starts, ends and abandons. */
function controlledRuns() {
  const log: string[] = [];
  const finish = new Map<string, () => void>();
  let underWay = 0;
  let most = 0;
  const start = (scenario: Scenario): ScenarioRun => {
    log.push(`start ${scenario.id}`);
    most = Math.max(most, ++underWay);
    const observation = new Promise<Observation>((resolve) => {
      finish.set(scenario.id, () => {
        underWay--;
        log.push(`end ${scenario.id}`);
        resolve({ scenario: scenario.id } as unknown as Observation);
      });
    });
    return { observation, abandon: async () => void log.push(`abandon ${scenario.id}`) };
  };
  return { start, log, end: (id: string) => finish.get(id)!(), most: () => most };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const [a, b, c, d, e] = scenarios;

test('Overlap: starts the scenarios in line ahead, never more than its limit under way, the next as one ends', async () => {
  const runs = controlledRuns();
  const overlap = new Overlap(runs.start, 3);
  const first = overlap.run(a!, [b!, c!, d!, e!]);
  expect(runs.log).toEqual([`start ${a!.id}`, `start ${b!.id}`, `start ${c!.id}`]);
  runs.end(b!.id);
  await tick();
  expect(runs.log.at(-1)).toBe(`start ${d!.id}`);
  runs.end(a!.id);
  expect(await first).toMatchObject({ scenario: a!.id });
  await tick();
  expect(runs.log.at(-1)).toBe(`start ${e!.id}`);
  // b's test comes after its run ended: it gets that run's observation, no second start.
  expect(await overlap.run(b!, [c!, d!, e!])).toMatchObject({ scenario: b!.id });
  expect(runs.log.filter((l) => l === `start ${b!.id}`)).toHaveLength(1);
  expect(runs.most()).toBe(3);
  await overlap.abandon();
  expect(runs.log.filter((l) => l.startsWith('abandon')).sort()).toEqual([`abandon ${c!.id}`, `abandon ${d!.id}`, `abandon ${e!.id}`].sort());
});

test('Overlap: with nothing in line, a test runs only its own scenario', async () => {
  const runs = controlledRuns();
  const overlap = new Overlap(runs.start, 4);
  const own = overlap.run(a!);
  runs.end(a!.id);
  await own;
  expect(runs.log).toEqual([`start ${a!.id}`, `end ${a!.id}`]);
});

test('Overlap: a run that fails ahead of its test fails that test, and frees its place for the next in line', async () => {
  const started: string[] = [];
  const overlap = new Overlap((scenario) => {
    started.push(scenario.id);
    const observation = scenario.id === b!.id ? Promise.reject(new Error('HARNESS_BOOT: no port')) : new Promise<Observation>(() => undefined);
    return { observation, abandon: async () => undefined };
  }, 2);
  void overlap.run(a!, [b!, c!]);
  await tick();
  expect(started).toEqual([a!.id, b!.id, c!.id]);
  await expect(overlap.run(b!, [c!])).rejects.toThrow('HARNESS_BOOT');
});

test('slotsOf: at most n tasks at once, the rest in call order', async () => {
  const slot = slotsOf(2);
  const order: string[] = [];
  let running = 0;
  let most = 0;
  const task = (name: string) => slot(async () => {
    most = Math.max(most, ++running);
    order.push(name);
    await tick();
    running--;
    return name;
  });
  expect(await Promise.all(['a', 'b', 'c', 'd', 'e'].map(task))).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(most).toBe(2);
  // A task that throws gives its slot back.
  await expect(slot(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
  expect(await Promise.all([task('f'), task('g')])).toEqual(['f', 'g']);
});

test('the waiting group: every scenario that waits on purpose, longest bound first; the family specs keep the rest', () => {
  const waiting = waitingScenarios();
  expect(waiting.length).toBeGreaterThan(0);
  expect(waiting.every((s) => deliberateWait(s) !== null)).toBe(true);
  expect(waiting.map((s) => s.expect.withinMs)).toEqual([...waiting.map((s) => s.expect.withinMs)].sort((x, y) => y - x));
  const families = [...new Set(scenarios.map((s) => s.family))];
  const busy = families.flatMap((f) => busyScenariosOf(f));
  expect(busy.length + waiting.length).toBe(scenarios.length);
  expect(new Set([...busy, ...waiting].map((s) => s.id)).size).toBe(scenarios.length);
});

test('waiting groups: every waiting scenario once, at most the group size each, longest bounds dealt round so each group leads with a long one', () => {
  const waiting = waitingScenarios();
  expect(waitingGroups()).toHaveLength(Math.ceil(waiting.length / WAITING_GROUP_SIZE));
  const groups = waitingGroups(4);
  expect(groups).toHaveLength(Math.ceil(waiting.length / 4));
  expect(groups.every((g) => g.length <= 4)).toBe(true);
  expect(groups.flat().map((s) => s.id).sort()).toEqual(waiting.map((s) => s.id).sort());
  expect(groups.map((g) => g[0])).toEqual(waiting.slice(0, groups.length));
});

test('selectedByRun follows the filter gatecheck run passed (GATECHECK_GREP), everything without one', () => {
  expect(selectedByRun(a!, {})).toBe(true);
  expect(selectedByRun(a!, { GATECHECK_GREP: `^${a!.id.replace('.', '\\.')}: ` })).toBe(true);
  expect(selectedByRun(a!, { GATECHECK_GREP: '^no-such-family\\.' })).toBe(false);
});

test('contractWorkers: 2 by default, GATECHECK_WORKERS 1-16, anything else a message naming the variable', () => {
  expect(contractWorkers({})).toBe(2);
  expect(contractWorkers({ GATECHECK_WORKERS: '4' })).toBe(4);
  for (const bad of ['0', '17', '2.5', 'two']) expect(() => contractWorkers({ GATECHECK_WORKERS: bad })).toThrow(`GATECHECK_WORKERS=${bad}`);
});
