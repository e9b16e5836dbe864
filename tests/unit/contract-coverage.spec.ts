import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { scenarios } from '../../mocks/scenarios/index.ts';

type ListedSuite = { title: string; specs?: { title: string }[]; suites?: ListedSuite[] };

function titles(suite: ListedSuite): string[] {
  return [...(suite.specs ?? []).map((s) => s.title), ...(suite.suites ?? []).flatMap(titles)];
}

test('every catalogue scenario has a contract test titled with its id', async () => {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'test', '--list', '--project=contract', '--reporter=json'], { maxBuffer: 32 * 1024 * 1024 });
  const listed = (JSON.parse(stdout) as { suites: ListedSuite[] }).suites.flatMap(titles);
  const ids = new Set(listed.map((title) => title.split(':')[0]));
  const missing = scenarios.map((s) => s.id).filter((id) => !ids.has(id));
  expect(missing, `scenarios without a contract test: ${missing.join(', ')}`).toEqual([]);
  // A custom processor's scenarios (tests/contract/custom*.spec.ts) carry its name: "<processor>/<catalogue-style id>: <title>".
  const custom = (t: string) => /^[a-z][a-z0-9]*(-[a-z0-9]+)*\/[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*: /.test(t);
  expect(listed.filter((t) => !custom(t) && !scenarios.some((s) => t.startsWith(`${s.id}: `))), 'contract tests must be titled "<scenario id>: <title>"').toEqual([]);
});
