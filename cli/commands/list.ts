import { z } from 'zod';
import { customScenarios } from '../../mocks/custom/scenarios.ts';
import { scenarios } from '../../mocks/scenarios/index.ts';
import { customProcessorsOfProject } from '../../tests/harness/custom-processors.ts';
import { Family } from '../../mocks/scenarios/schema.ts';
import { parseCommand } from './usage.ts';

export const listHelp = `Usage: npx gatecheck list [--family F] [--json]

Lists the scenario catalogue: id, what a correct gateway must do, and the title; then the
scenarios of the project's custom processors (<processor>/<id>).
  --family F   only one family: ${Family.options.join(', ')}
  --json       a JSON array of whole scenarios (id, family, title, basis, processor, gateway, expect, runbook)`;

const Args = z.object({
  family: Family.optional(),
  json: z.boolean().default(false),
  positionals: z.array(z.string()).max(0, 'list takes no arguments; filter with --family'),
});

export async function listCommand(argv: string[]): Promise<number> {
  const args = parseCommand('list', argv, { family: { type: 'string' }, json: { type: 'boolean' } }, Args);
  const custom = customScenarios(await customProcessorsOfProject()).map((c) => c.scenario);
  const selected = [...scenarios, ...custom].filter((s) => !args.family || s.family === args.family);
  if (args.json) {
    console.log(JSON.stringify(selected, null, 2));
    return 0;
  }
  const width = Math.max(...selected.map((s) => s.id.length));
  for (const s of selected) {
    const must = s.expect.outcome === 'ok' ? 'succeed' : s.expect.outcome === 'boot-refused' ? `refuse to boot: ${s.expect.code}` : s.expect.code;
    console.log(`${s.id.padEnd(width)}  ${String(must).padEnd(38)} ${s.title}`);
  }
  console.log(`\n${selected.length} scenario(s). Reproduce one: npx gatecheck serve <id>`);
  return 0;
}
