import { expect, test } from '@playwright/test';
import { decideOutcome, type OutcomeRow } from '../../reporters/run-outcome.ts';

const row = (id: string, verdict: OutcomeRow['verdict'], message: string | null = null): OutcomeRow => ({ id, verdict, message });

test('all honoured -> held, exit 0', () => {
  const o = decideOutcome({ rows: [row('a', 'honoured'), row('b', 'honoured')], total: 2, status: 'passed', errors: [] });
  expect([o.kind, o.exitCode]).toEqual(['held', 0]);
});

test('an observed breach -> breached, exit 1', () => {
  const o = decideOutcome({ rows: [row('a', 'honoured'), row('b', 'breached', 'b: answered 201')], total: 2, status: 'failed', errors: [] });
  expect([o.kind, o.exitCode, o.headline]).toEqual(['breached', 1, '1 scenario(s) breached']);
});

test('regression: a test that failed without an observation (fetch failed in the harness) is a harness error, not a breach', () => {
  const o = decideOutcome({ rows: [row('a', 'breached', 'a: x'), row('b', 'error', 'TypeError: fetch failed')], total: 2, status: 'failed', errors: [] });
  expect([o.kind, o.exitCode]).toEqual(['harness', 2]);
  expect(o.headline).toBe('harness error: 1 scenario(s) failed in the harness before the gateway could be judged, first b: TypeError: fetch failed');
});

test('regression: zero scheduled scenarios (--grep zzz) is a harness error saying no scenario matched, not "0 honoured, 0 breached"', () => {
  const o = decideOutcome({ rows: [], total: 0, status: 'failed', errors: ['Error: No tests found'] });
  expect(o.exitCode).toBe(2);
  expect(o.headline).toMatch(/^harness error: no scenario matched; fix: npx gatecheck list/);
});

test('regression: a runner error outside tests (globalSetup, config) is a harness error with the runner\'s first line', () => {
  const o = decideOutcome({ rows: [], total: 5, status: 'failed', errors: ['HarnessError: the test certificates in /x are unusable\n    at stack'] });
  expect([o.kind, o.headline]).toEqual(['harness', 'harness error: the test certificates in /x are unusable']);
});

test('regression: an interrupted run says how many scenarios did not run and exits 130, never a complete-looking summary', () => {
  const o = decideOutcome({ rows: [row('a', 'honoured'), row('b', 'breached'), row('c', 'error', 'TypeError: fetch failed')], total: 10, status: 'interrupted', errors: [] });
  expect([o.kind, o.exitCode, o.judged]).toEqual(['interrupted', 130, 2]);
  expect(o.headline).toMatch(/^interrupted: 8 of 10 scenarios not run/);
});

test('the global timeout is a harness error, and fewer results than scheduled tests is one too', () => {
  expect(decideOutcome({ rows: [row('a', 'honoured')], total: 1, status: 'timedout', errors: [] }).kind).toBe('harness');
  const short = decideOutcome({ rows: [row('a', 'honoured')], total: 3, status: 'passed', errors: [] });
  expect([short.kind, short.headline]).toEqual(['harness', 'harness error: only 1 of 3 scenarios reported a result; the runner stopped early (status passed)']);
});

test('a failed status with nothing failing is a harness error, not a false green', () => {
  expect(decideOutcome({ rows: [row('a', 'honoured')], total: 1, status: 'failed', errors: [] }).exitCode).toBe(2);
});
