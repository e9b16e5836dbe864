import { z } from 'zod';
import { ProfileName } from '../../mocks/processors/profile.ts';
import { CONFIG_FILE, CONFIG_FILES, configTemplate, GITIGNORE_FILE, GITIGNORE_LINES, WORKFLOW, WORKFLOW_FILE } from '../init/templates.ts';
import { ensureLines, writeNew } from '../init/write.ts';
import { parseCommand } from './usage.ts';

export const initHelp = `Usage: npx gatecheck init [--processors LIST] [--json]

Sets gatecheck up in the current project (run it at the project's root):
  ${CONFIG_FILE.padEnd(31)} a commented config: processors, the gateway adapter, waivers
  ${WORKFLOW_FILE.padEnd(31)} CI: every push, npx gatecheck run (mocks); nightly, the sandbox tier
  ${GITIGNORE_FILE.padEnd(31)} ignores ${GITIGNORE_LINES.join(', ')} (the output folder), appended if missing
It never overwrites: a file that exists (or any gatecheck.config.*) is reported and left alone,
and the exit code is then 1, so you know to merge by hand (move it aside and run init again to
see the template). Exit 0 when everything was written or already in place.
  --processors LIST  the processors your gateway integrates, comma-separated
                     (${ProfileName.options.join(', ')}; default: all four)
  --json             print {"files":[{"file","outcome","detail"}], "exit"} instead`;

const Args = z.object({
  processors: z
    .string()
    .transform((list) => list.split(',').map((p) => p.trim()).filter(Boolean))
    .pipe(z.array(ProfileName, { error: `a comma-separated list of ${ProfileName.options.join(', ')}` }).min(1, 'name at least one processor'))
    .default([...ProfileName.options]),
  json: z.boolean().default(false),
  positionals: z.array(z.string()).max(0, 'init takes no arguments; it writes into the current folder'),
});

export async function initCommand(argv: string[]): Promise<number> {
  const args = parseCommand('init', argv, { processors: { type: 'string' }, json: { type: 'boolean' } }, Args);
  const dir = process.cwd();
  const files = [
    writeNew(dir, CONFIG_FILE, configTemplate(args.processors), CONFIG_FILES.filter((f) => f !== CONFIG_FILE)),
    writeNew(dir, WORKFLOW_FILE, WORKFLOW),
    ensureLines(dir, GITIGNORE_FILE, GITIGNORE_LINES),
  ];
  const exit = files.some((f) => f.outcome === 'exists') ? 1 : 0;
  if (args.json) {
    console.log(JSON.stringify({ files, exit }));
    return exit;
  }
  for (const f of files) console.log(`${f.outcome.padEnd(9)}${f.file}${f.detail ? `: ${f.detail}` : ''}`);
  console.log(exit
    ? '\nSome files existed and were left alone (init never overwrites): merge what you need from `npx gatecheck init` in an empty folder.'
    : '\nNext: npx gatecheck run   (the reference gateway first; then describe yours in gatecheck.config.mjs)');
  return exit;
}
