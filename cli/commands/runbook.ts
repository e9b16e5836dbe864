import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { outputDir, packageRoot } from '../../config/paths.ts';
import { customScenarios } from '../../mocks/custom/scenarios.ts';
import { scenarios } from '../../mocks/scenarios/index.ts';
import { customProcessorsOfProject } from '../../tests/harness/custom-processors.ts';
import { renderRunbook } from '../runbook/render.ts';
import { parseCommand, UsageError } from './usage.ts';

/** The runbook gatecheck's own repository keeps current (committed, checked by a unit test). */
export const REPOSITORY_RUNBOOK = path.join(packageRoot, 'docs', 'runbook.md');

/** In gatecheck's own repository, docs/runbook.md; in any other project, <outputDir>/runbook.md (never node_modules). */
export const defaultRunbook = (cwd = process.cwd()) => (path.resolve(cwd) === packageRoot ? REPOSITORY_RUNBOOK : path.join(outputDir(), 'runbook.md'));

export const runbookHelp = `Usage: npx gatecheck runbook [--out FILE] [--check]

Generates the on-call runbook from the scenario catalogue: for each error code, its meaning, the
symptoms, the scenarios that produce it (cause and fix of each), the command that reproduces it
and the doctor/audit command that confirms it. The output is deterministic (no dates).
  --out FILE   where to write it; "-" prints it (default: <output folder>/runbook.md, i.e.
               .gatecheck/runbook.md; in gatecheck's own repository, docs/runbook.md)
  --check      write nothing; exit 1 when FILE differs from what would be generated`;

const Args = z.object({
  out: z.string().min(1).optional(),
  check: z.boolean().default(false),
  positionals: z.array(z.string()).max(0, 'runbook takes no arguments; choose the file with --out'),
});

export async function runbookCommand(argv: string[]): Promise<number> {
  const args = parseCommand('runbook', argv, { out: { type: 'string' }, check: { type: 'boolean' } }, Args);
  // The project's custom processors add their scenarios (<processor>/<id>) beside the catalogue's.
  const text = renderRunbook([...scenarios, ...customScenarios(await customProcessorsOfProject()).map((c) => c.scenario)]);
  const out = args.out ?? defaultRunbook();
  if (out === '-') {
    process.stdout.write(text);
    return 0;
  }
  const file = path.resolve(out);
  const relative = path.relative(process.cwd(), file);
  const shown = !relative || relative.startsWith('..') ? file : relative;
  if (args.check) {
    let current: string | null = null;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = null;
    }
    if (current === text) {
      console.log(`${shown} is up to date (${scenarios.length} scenarios).`);
      return 0;
    }
    console.error(`${shown} is ${current === null ? 'missing' : 'out of date'}: run npx gatecheck runbook`);
    return 1;
  }
  if (args.out) {
    if (!existsSync(path.dirname(file))) throw new UsageError(`gatecheck runbook: cannot write ${shown}: the folder ${path.dirname(file)} does not exist; fix: create it or choose another --out`);
  } else mkdirSync(path.dirname(file), { recursive: true });
  const staging = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(staging, text);
    renameSync(staging, file);
  } catch (error) {
    rmSync(staging, { force: true });
    throw new UsageError(`gatecheck runbook: cannot write ${shown} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); fix: choose a writable --out`);
  }
  console.log(`wrote ${shown} (${scenarios.length} scenarios)`);
  return 0;
}
