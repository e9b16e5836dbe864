import { z } from 'zod';
import { checkPki, type PkiReport } from '../../mocks/pki/check.ts';
import { generatePki } from '../../mocks/pki/generate.ts';
import { certsDir } from '../../mocks/pki/paths.ts';
import { usersOf } from '../lifetime/certs-in-use.ts';
import { parseCommand } from './usage.ts';

export const certsHelp = `Usage: npx gatecheck certs [--check] [--if-needed] [--json] [--dir DIR]

Generates the test PKI (its certificates and manifest.json) in the certificates folder.
  --check      report every certificate; exit 1 if one is missing, unparseable,
               or (when meant to be valid) expires within 7 days
  --if-needed  regenerate only when --check would fail
  --json       print the report as JSON
  --dir DIR    another folder (default: certsDir of gatecheck.config, or GATECHECK_CERTS_DIR,
               or <output folder>/certs, i.e. .gatecheck/certs)
  --force      regenerate even while a running gatecheck serve uses the folder`;

const Args = z.object({
  check: z.boolean().default(false),
  'if-needed': z.boolean().default(false),
  json: z.boolean().default(false),
  dir: z.string().min(1).optional(),
  force: z.boolean().default(false),
  positionals: z.array(z.string()).max(0, 'certs takes no arguments'),
});

function printReport(report: PkiReport, json: boolean): void {
  if (json) return void console.log(JSON.stringify(report, null, 2));
  for (const cert of report.certs) {
    console.log(`${cert.ok ? 'ok  ' : 'FAIL'} ${cert.id.padEnd(22)} ${cert.status.padEnd(17)} ${cert.detail}`);
  }
  for (const problem of report.problems) console.error(`gatecheck certs: ${problem}`);
  console.log(report.ok ? `certs ok: ${report.certs.length} certificates in ${report.dir}` : `certs NOT ok: ${report.problems.length} problem(s); fix: npx gatecheck certs`);
}

export async function certsCommand(argv: string[]): Promise<number> {
  const args = parseCommand('certs', argv, {
    check: { type: 'boolean' }, 'if-needed': { type: 'boolean' }, json: { type: 'boolean' }, dir: { type: 'string' }, force: { type: 'boolean' },
  }, Args);
  const dir = args.dir ?? certsDir();
  if (args.check) {
    const report = checkPki(dir);
    printReport(report, args.json);
    return report.ok ? 0 : 1;
  }
  if (args['if-needed'] && checkPki(dir).ok) {
    if (!args.json) console.log(`certs ok in ${dir}; nothing to do`);
    return 0;
  }
  const users = args.force ? [] : usersOf(dir);
  if (users.length) {
    console.error(`gatecheck certs: not regenerating: ${users.length} running gatecheck serve process(es) (pid ${users.map((u) => u.pid).join(', ')}) use the certificates in ${dir}; stop them first, or pass --force`);
    return 2;
  }
  const result = await generatePki(dir);
  if (args.json) console.log(JSON.stringify({ dir: result.dir, ms: Math.round(result.ms), certs: result.manifest.certs.length }));
  else console.log(`generated ${result.manifest.certs.length} certificates and ${result.manifest.bundles.length} CA bundles in ${result.dir} (${Math.round(result.ms)} ms)`);
  return 0;
}
