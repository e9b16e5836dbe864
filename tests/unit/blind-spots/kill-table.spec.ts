import { expect, test } from '@playwright/test';
import { killTable } from '../../../dev/mutation/table.ts';

test('the kill table names each mutant, what it models and what killed it, then the count and the time', () => {
  const table = killTable([
    { name: 'retry-after-ignored', models: 'Retries after 14 ms | ignoring Retry-After.', targets: ['http.retry-after-honoured'], killed: true, killers: [{ id: 'http.retry-after-honoured', verdict: 'breached', message: null }], scenarios: 1, wallMs: 900, error: null },
    { name: 'survivor', models: 'A hole.', targets: null, killed: false, killers: [], scenarios: 97, wallMs: 9000, error: null },
  ], { full: false, baselineMs: 12_000, mutantsMs: 40_400 });
  expect(table).toBe([
    '| mutant | the real mistake it models | killed by |',
    '|---|---|---|',
    '| `retry-after-ignored` | Retries after 14 ms \\| ignoring Retry-After. | `http.retry-after-honoured` (of 1 meant for it) |',
    '| `survivor` | A hole. | **survived** (of all 97) |',
    '',
    '**1/2 killed**, each mutant against the scenarios meant to kill it; 40 s for the mutants plus 12 s for the baseline.',
  ].join('\n'));
});
