import { expect, test } from '@playwright/test';
import { scenarios } from '../../mocks/scenarios/index.ts';
import { deliberateWait } from '../../mocks/scenarios/waits.ts';
import { contractProjects, contractSchedule, waitingTitles } from '../harness/contract-projects.ts';

test('by default the contract suites are one project on GATECHECK_WORKERS workers', () => {
  expect(contractSchedule({})).toEqual({ workers: 2, cpuWorkers: 2, waitWorkers: 0 });
  expect(contractSchedule({ GATECHECK_WORKERS: '3' })).toEqual({ workers: 3, cpuWorkers: 3, waitWorkers: 0 });
  expect(contractProjects('t', contractSchedule({}))).toEqual([{ name: 'contract', testDir: 't', fullyParallel: true }]);
});

test('GATECHECK_WAIT_WORKERS=N: the waiting scenarios first, in a second project named contract, with N workers of their own', () => {
  const schedule = contractSchedule({ GATECHECK_WAIT_WORKERS: '3' });
  expect(schedule).toEqual({ workers: 5, cpuWorkers: 2, waitWorkers: 3 });
  const [waiting, cpu] = contractProjects('t', schedule);
  expect([waiting!.name, cpu!.name, waiting!.workers, cpu!.workers]).toEqual(['contract', 'contract', 3, 2]);
  // Every scenario lands in exactly one of the two, as Playwright's grep reads a title ("project file title").
  for (const s of scenarios) {
    const title = `contract contract/x.spec.ts ${s.id}: ${s.title}`;
    expect(waiting!.grep!.test(title), s.id).toBe(deliberateWait(s) !== null);
    expect(cpu!.grepInvert!.test(title), s.id).toBe(deliberateWait(s) !== null);
  }
});

test('the waiting list comes from the scenario data, and an id is matched whole', () => {
  expect(scenarios.filter((s) => deliberateWait(s) !== null).length).toBeGreaterThan(0);
  expect(waitingTitles(['http.rate-limited-then-ok']).test('c f http.rate-limited-then-ok: t')).toBe(true);
  expect(waitingTitles(['http.rate-limited-then-ok']).test('c f http.rate-limited-then-okay: t')).toBe(false);
  expect(waitingTitles(['a.b']).test('c f axb: t')).toBe(false);
});

test('a worker count that is not a whole number >= 1 names the variable and the fix', () => {
  expect(() => contractSchedule({ GATECHECK_WAIT_WORKERS: 'two' })).toThrow('GATECHECK_WAIT_WORKERS=two is not a worker count; set it to a whole number >= 1, or unset it');
  expect(() => contractSchedule({ GATECHECK_WORKERS: '0' })).toThrow('GATECHECK_WORKERS=0');
});
