import { expect, test } from '@playwright/test';
import { getScenario } from '../../../mocks/scenarios/index.ts';
import { startProcessor, type ProcessorServer } from '../../../mocks/servers/start-processor.ts';
import { doctorArgs } from './material.ts';
import { runCli } from './run-cli.ts';

/** `gatecheck doctor` as a user runs it: output, --json shape and exit codes. */
const servers: ProcessorServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(id: string) {
  const processor = await startProcessor(getScenario(id));
  servers.push(processor);
  return { processor, ...doctorArgs(processor.url, processor.client) };
}

test('tls.good-chain: healthy, exit 0, the chain, protocol and expiry printed', async () => {
  const { args, env } = await serve('tls.good-chain');
  const run = await runCli(['doctor', ...args], env);
  expect(run.exit, run.stderr).toBe(0);
  expect(run.stdout).toContain('verdict     OK');
  expect(run.stdout).toMatch(/0\. CN=localhost.*\n\s+issuer CN=gatecheck Test Issuing CA 1/);
  expect(run.stdout).toMatch(/protocol    TLSv1\.3, TLS_/);
  expect(run.stdout).toMatch(/expiry      leaf expires in \d+ days/);
  expect(run.stdout).not.toContain('fix ');
});

test('tls.expired-leaf --json: exit 1 with code, summary, one-sentence fix, chain and tls', async () => {
  const { args, env } = await serve('tls.expired-leaf');
  const run = await runCli(['doctor', ...args, '--json'], env);
  expect(run.exit, run.stderr).toBe(1);
  const report = JSON.parse(run.stdout);
  expect(Object.keys(report).slice(0, 6)).toEqual(['code', 'ok', 'summary', 'fix', 'chain', 'tls']);
  expect(report).toMatchObject({ code: 'TLS_CERT_EXPIRED', ok: false, tls: { verified: false, hostnameMatch: true, http: null } });
  expect(report.fix).toMatch(/^The processor's certificate "CN=localhost.*" expired on \d{4}-\d\d-\d\d: escalate/);
  expect(report.chain[0]).toMatchObject({ subject: expect.stringContaining('CN=localhost'), key: 'EC P-256', signature: 'ecdsa-with-SHA256', daysToExpiry: expect.any(Number) });
  expect(report.chain[0].daysToExpiry).toBeLessThan(0);
});

test('mtls.encrypted-key-ok: client certificate with --passphrase-env is accepted, exit 0', async () => {
  const { args, env } = await serve('mtls.encrypted-key-ok');
  const run = await runCli(['doctor', ...args, '--json'], env);
  expect(run.exit, run.stdout).toBe(0);
  expect(JSON.parse(run.stdout).tls.clientCert).toMatchObject({ configured: true, subject: expect.stringContaining('gateway.merchant.test'), accepted: true });
});

test('mtls.client-key-mismatch: the key is refused before connecting, with its CONFIG_ code and the flag', async () => {
  const { args, env } = await serve('mtls.client-key-mismatch');
  const run = await runCli(['doctor', ...args], env);
  expect(run.exit).toBe(1);
  expect(run.stdout).toContain('FAIL CONFIG_CLIENT_KEY_MISMATCH');
  expect(run.stdout).toMatch(/detail      --key \(.*client-mismatch\.key\) is not the private key of the certificate in --cert/);
});

test('tls.handshake-hangs: reported as TLS_HANDSHAKE_TIMEOUT within the --timeout-ms bound', async () => {
  const { args, env } = await serve('tls.handshake-hangs');
  const run = await runCli(['doctor', ...args, '--timeout-ms', '800', '--json'], env);
  expect(run.exit).toBe(1);
  const report = JSON.parse(run.stdout);
  expect(report.code).toBe('TLS_HANDSHAKE_TIMEOUT');
  expect(report.tls.durationMs).toBeLessThan(1500);
});

const usage: [string, string[], RegExp][] = [
  ['no URL', [], /give exactly one https:\/\/ URL/],
  ['an http:// URL', ['http://127.0.0.1:1'], /give the processor's https:\/\/ URL/],
  ['--cert without --key', ['https://127.0.0.1:1', '--cert', 'a.pem'], /--cert: give --cert and --key together/],
  ['a malformed pin', ['https://127.0.0.1:1', '--pin', 'abc'], /--pin: a pin is "sha256\/"/],
  ['an unknown TLS version', ['https://127.0.0.1:1', '--min-tls', '2'], /--min-tls: /],
  ['an unknown flag', ['https://127.0.0.1:1', '--insecure'], /Unknown option '--insecure'/],
];
for (const [what, args, message] of usage) {
  test(`usage error, exit 2: ${what}`, async () => {
    const run = await runCli(['doctor', ...args]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('See: npx gatecheck doctor --help');
  });
}
