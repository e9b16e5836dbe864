import { expect, test } from '@playwright/test';
import { certsDir } from '../../../../mocks/pki/paths.ts';
import { runCli } from '../../doctor/run-cli.ts';
import { halfWritten } from './leftovers.ts';

/**
 * Deliver 6, CLI arguments and environment variables: each malformed input ends the process with
 * its exit code and one first line that names the problem; nothing is left running or half-written.
 */
type Row = { args: string[]; env?: Record<string, string>; exit: number; first: RegExp };

const rows: Row[] = [
  { args: ['nope'], exit: 2, first: /^gatecheck: unknown command "nope"\.$/ },
  { args: ['run', 'extra'], exit: 2, first: /^gatecheck run: argument: run takes no arguments; narrow it with --family or --grep\./ },
  { args: ['run', '--family', 'nope'], exit: 2, first: /^gatecheck run: --family: Invalid option: expected one of "tls"/ },
  { args: ['run', '--workers', '0'], exit: 2, first: /^gatecheck run: --workers: Too small/ },
  { args: ['run', '--workers', 'abc'], exit: 2, first: /^gatecheck run: --workers: Invalid input/ },
  { args: ['run', '--shard', '3/2'], exit: 2, first: /^gatecheck run: --shard: I must be at most N, e.g. 2\/2\. See: npx gatecheck run --help$/ },
  { args: ['run', '--shard', 'half'], exit: 2, first: /^gatecheck run: --shard: must be I\/N, e.g. 1\/2\. See/ },
  { args: ['run', '--gateway', 'nope'], exit: 2, first: /^gatecheck run: --gateway: Invalid option/ },
  { args: ['run', '--bogus'], exit: 2, first: /^gatecheck run: Unknown option '--bogus'/ },
  { args: ['run', '--grep', '[a-'], exit: 2, first: /^gatecheck run: --grep: "\[a-" is not a regular expression/ },
  { args: ['run', '--grep', 'zzz-no-such-scenario'], exit: 2, first: /^gatecheck run: harness error: no scenario matched/ },
  { args: ['list', '--family', 'nope'], exit: 2, first: /^gatecheck list: --family: Invalid option/ },
  { args: ['list', 'extra'], exit: 2, first: /^gatecheck list: argument: list takes no arguments/ },
  { args: ['serve'], exit: 2, first: /^gatecheck serve: argument: give exactly one scenario id/ },
  { args: ['serve', 'nope.scenario'], exit: 2, first: /^gatecheck: no scenario "nope\.scenario"\. List them: npx gatecheck list$/ },
  { args: ['serve', 'tls.good-chain', '--port', '70000'], exit: 2, first: /^gatecheck serve: --port: Too big/ },
  { args: ['serve', 'tls.good-chain', '--profile', 'nope'], exit: 2, first: /^gatecheck serve: --profile: Invalid option/ },
  { args: ['serve', 'tls.good-chain', '--target', 'ftp://x'], exit: 2, first: /^gatecheck serve: --target: an http\(s\):\/\/ URL/ },
  { args: ['serve', 'tls.good-chain', '--target', 'http://127.0.0.1:1999/x'], exit: 2, first: /^gatecheck serve: --target is for webhook scenarios; tls\.good-chain is a tls scenario/ },
  { args: ['doctor'], exit: 2, first: /^gatecheck doctor: argument: give exactly one https:\/\/ URL/ },
  { args: ['doctor', 'http://x'], exit: 2, first: /^gatecheck doctor: argument: give the processor's https:\/\/ URL/ },
  { args: ['doctor', 'https://127.0.0.1:1', '--pin', 'abc'], exit: 2, first: /^gatecheck doctor: --pin: a pin is "sha256\/" \+ 44 base64 characters/ },
  { args: ['doctor', 'https://127.0.0.1:1', '--min-tls', '1.5'], exit: 2, first: /^gatecheck doctor: --min-tls: Invalid option/ },
  { args: ['doctor', 'https://127.0.0.1:1', '--timeout-ms', '0'], exit: 2, first: /^gatecheck doctor: --timeout-ms: between 1 and 120000/ },
  { args: ['doctor', 'https://127.0.0.1:1', '--cert', 'a.pem'], exit: 2, first: /^gatecheck doctor: --cert: give --cert and --key together/ },
  { args: ['audit'], exit: 2, first: /^gatecheck audit: --config: is required/ },
  { args: ['runbook', '--out'], exit: 2, first: /^gatecheck runbook: Option '--out <value>' argument missing/ },
  { args: ['runbook', '--out', '/missing/x.md'], exit: 2, first: /^gatecheck runbook: cannot write \/missing\/x\.md: the folder \/missing does not exist/ },
  { args: ['certs', 'extra'], exit: 2, first: /^gatecheck certs: argument: certs takes no arguments/ },
  { args: ['gateway', '--config'], exit: 2, first: /^gatecheck gateway: Option '--config <value>' argument missing/ },
  { args: ['gateway', '--config', '/nonexistent.json'], exit: 1, first: /^gatecheck gateway: refused to start: CONFIG_INVALID: cannot read the gateway config \/nonexistent\.json/ },
  // Environment variables.
  { args: ['run'], env: { GATECHECK_WORKERS: 'abc' }, exit: 2, first: /^gatecheck run: harness error: GATECHECK_WORKERS="abc"/ },
  { args: ['run'], env: { GATECHECK_WORKERS: '99' }, exit: 2, first: /^gatecheck run: harness error: GATECHECK_WORKERS="99" must be 1 to 16/ },
  { args: ['run'], env: { GATECHECK_GATEWAY: 'bogus' }, exit: 2, first: /^gatecheck run: harness error: GATECHECK_GATEWAY="bogus"/ },
  { args: ['run'], env: { GATECHECK_GATEWAY: 'mutant:' }, exit: 2, first: /^gatecheck run: harness error: GATECHECK_GATEWAY="mutant:"/ },
  { args: ['run'], env: { GATECHECK_GATEWAY_CMD: '   ' }, exit: 2, first: /^gatecheck run: harness error: GATECHECK_GATEWAY_CMD="   " must be a command line/ },
  { args: ['run'], env: { GATECHECK_CERTS_DIR: '' }, exit: 2, first: /^gatecheck run: harness error: GATECHECK_CERTS_DIR="" must be a folder path/ },
  { args: ['run'], env: { GATECHECK_RUN_JSON: 'true' }, exit: 2, first: /^gatecheck run: harness error: GATECHECK_RUN_JSON="true" must be 1 or 0/ },
  { args: ['run'], env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' }, exit: 2, first: /^gatecheck run: harness error: NODE_TLS_REJECT_UNAUTHORIZED=0/ },
  { args: ['run', '--grep', 'tls.good-chain'], env: { GATECHECK_CERTS_DIR: '/dev/null/certs' }, exit: 2, first: /^gatecheck run: harness error: the test certificates in \/dev\/null\/certs are unusable/ },
  { args: ['doctor', 'https://127.0.0.1:1', '--key', 'k.pem', '--cert', 'c.pem', '--passphrase-env', 'GATECHECK_UNSET_PASSPHRASE'], exit: 1, first: /^gatecheck doctor https:\/\/127\.0\.0\.1:1/ },
];

for (const row of rows) {
  test(`bad input: ${row.env ? `${Object.entries(row.env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')} ` : ''}gatecheck ${row.args.join(' ')} -> exit ${row.exit}`, async () => {
    const run = await runCli(row.args, row.env);
    expect(run.exit, run.stderr + run.stdout).toBe(row.exit);
    const first = (run.stderr.trim() || run.stdout.trim()).split('\n')[0]!;
    expect(first).toMatch(row.first);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(halfWritten([process.cwd(), certsDir()])).toEqual([]);
  });
}
