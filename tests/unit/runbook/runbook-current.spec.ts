import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { scenarios } from '../../../mocks/scenarios/index.ts';
import { REPOSITORY_RUNBOOK } from '../../../cli/commands/runbook.ts';
import { renderRunbook } from '../../../cli/runbook/render.ts';
import { runCli } from '../doctor/run-cli.ts';

/** docs/runbook.md is generated from the catalogue and committed: it must be what the catalogue generates now. */
test('docs/runbook.md is current', () => {
  const committed = readFileSync(REPOSITORY_RUNBOOK, 'utf8');
  const generated = renderRunbook(scenarios);
  const firstDifference = generated.split('\n').findIndex((line, i) => line !== committed.split('\n')[i]);
  expect(committed === generated, `docs/runbook.md is out of date (first difference at line ${firstDifference + 1}): run npx gatecheck runbook`).toBe(true);
});

test('every scenario with a code appears under its code, with the command that reproduces it', () => {
  const text = renderRunbook(scenarios);
  for (const s of scenarios) {
    expect(text, s.id).toContain(`npx gatecheck serve ${s.id}`);
    if (!s.expect.code) continue;
    const section = text.slice(text.indexOf(`\n## ${s.expect.code}\n`));
    expect(section.slice(0, section.indexOf('\n## ', 1)), `${s.id} under ${s.expect.code}`).toContain(`| \`${s.id}\` | ${s.title} |`);
  }
});

test('runbook --check exits 0 when current and 1 with "run npx gatecheck runbook" when not', async () => {
  const current = await runCli(['runbook', '--check']);
  expect(current.exit, current.stderr).toBe(0);
  const stale = await runCli(['runbook', '--check', '--out', 'package.json']);
  expect(stale.exit).toBe(1);
  expect(stale.stderr).toContain('package.json is out of date: run npx gatecheck runbook');
});
