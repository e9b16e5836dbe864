import { expect, test } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DeclarativeGateway } from '../../../config/schema.ts';
import { declarativeDriver } from '../../drivers/declarative.ts';
import type { ProcessorConfig } from '../../drivers/driver.ts';
import { HarnessError } from '../../drivers/harness-error.ts';
import { gatecheckIn, project } from './run-in.ts';

/** The declarative driver's process hygiene: harness errors are never breaches, and nothing outlives a scenario. */
const processors: ProcessorConfig[] = [{ name: 'stripe', profile: 'stripe', baseUrl: 'https://127.0.0.1:9' }];
const gateway = (command: string, over: Record<string, unknown> = {}) =>
  DeclarativeGateway.parse({ command, payment: { path: '/v1/payments', body: {} }, ...over });
/** Running, as opposed to gone or a zombie (a killed orphan stays one where PID 1 does not reap). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !isAlive(pid);
}
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

test('a command that does not exist is a harness error naming the folder, not a boot refusal', async () => {
  const p = project({});
  try {
    const error = await failure(declarativeDriver(gateway('./no-such-gateway --config {config}'), p.dir).start(processors));
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).code).toBe('GATEWAY_COMMAND_FAILED');
    // A plain command is spawned without a shell (ENOENT); through the shell it is exit 127: the same error either way.
    expect((error as Error).message).toContain(`the gateway command could not be run (command not found: ./no-such-gateway) from ${p.dir}`);
  } finally {
    p.remove();
  }
});

test('a url line that is not a URL is a harness error quoting the line (not a SyntaxError)', async () => {
  const error = await failure(declarativeDriver(gateway(`echo '{"url": "htp:/oops"}'; sleep 5`, { ready: { urlLine: '"url"\\s*:\\s*"([^"]+)"' } }), process.cwd()).start(processors));
  expect(error).toBeInstanceOf(HarnessError);
  expect((error as Error).message).toBe('gatecheck harness error GATEWAY_URL_LINE_INVALID: the gateway printed a line matching the readiness pattern /"url"\\s*:\\s*"([^"]+)"/ whose first group is "htp:/oops", not an http URL: "{\\"url\\": \\"htp:/oops\\"}". Fix: print {"url":"http://127.0.0.1:PORT"}, or set gateway.ready.urlLine to a pattern whose first group is the URL.');
});

test('no readiness in time: a harness error naming the timeout and the pattern; the process group is killed and the temp folder removed', async () => {
  const command = `echo "cfg $GATECHECK_CONFIG"; (trap '' TERM; exec sleep 30) & echo "child $!"; wait`;
  const started = declarativeDriver(gateway(command, { bootTimeoutMs: 400 }), process.cwd()).start(processors);
  const error = await failure(started);
  expect(error).toBeInstanceOf(HarnessError);
  const message = (error as Error).message;
  expect(message).toMatch(/^gatecheck harness error GATEWAY_BOOT_TIMEOUT: the gateway was not ready within 400 ms \(gateway\.bootTimeoutMs\): no line of its output matched \/"url"\\s\*:\\s\*"\(http\[\^"\]\+\)"\/\. Last output: cfg /);
  const child = Number(/child (\d+)/.exec(message)?.[1]);
  expect(await gone(child)).toBe(true);
  expect(existsSync(/cfg (\S+)/.exec(message)![1]!)).toBe(false);
});

test('an exit before readiness is the gateway\'s boot refusal, its own code found by bootCode and mapped', async () => {
  const g = gateway('echo "FATAL E_CA_MISSING: cannot read ca.pem" >&2; exit 3', { bootCode: 'FATAL (E_[A-Z_]+)', errors: { map: { E_CA_MISSING: 'CONFIG_CA_BUNDLE_UNREADABLE' } } });
  expect(await declarativeDriver(g, process.cwd()).start(processors)).toEqual({ ok: false, code: 'CONFIG_CA_BUNDLE_UNREADABLE', message: 'gateway exited (3) before it was ready: FATAL E_CA_MISSING: cannot read ca.pem' });
});

test('run from the config\'s folder; stop() kills the whole group (a child ignoring SIGTERM too) and removes the temp folder', async () => {
  const p = project({});
  try {
    writeFileSync(path.join(p.dir, 'gw.sh'), `#!/bin/sh\n(trap '' TERM; exec sleep 30) &\necho "child $! cfg $1"\necho '{"url":"http://127.0.0.1:9"}'\nwait\n`, { mode: 0o755 });
    const boot = await declarativeDriver(gateway('./gw.sh {config}'), p.dir).start(processors);
    if (!boot.ok) throw new Error(boot.message);
    const [, child, cfg] = /child (\d+) cfg (\S+)/.exec(boot.gateway.logs())!;
    expect(existsSync(cfg!)).toBe(true);
    await boot.gateway.stop();
    expect(await gone(Number(child))).toBe(true);
    expect(existsSync(cfg!)).toBe(false);
  } finally {
    p.remove();
  }
});

test('gatecheck run: a gateway command that does not exist exits 2 (harness error), not 1 (breach)', async () => {
  const p = project({ 'gatecheck.config.json': JSON.stringify({ processors: ['stripe'], gateway: { command: './my-gateway {config}', payment: { path: '/api/charges', body: {} } } }) });
  try {
    const run = await gatecheckIn(p.dir, ['run', '--grep', 'tls\\.good-chain:', '--json']);
    expect(run.exit, run.stderr).toBe(2);
    const report = JSON.parse(run.stdout);
    // The preflight's one start on the good path finds it before any scenario runs: nothing judged, one harness error.
    expect(report).toMatchObject({ breached: 0, honoured: 0, scenarios: [], outcome: { kind: 'harness', exitCode: 2 } });
    expect(report.outcome.headline).toContain('GATEWAY_COMMAND_FAILED: the gateway command could not be run (command not found: ./my-gateway)');
  } finally {
    p.remove();
  }
});

test('regression: the default process command names a gateway module that exists, from the sources and from dist/ (dist/ once ran dist/dist/..., every scenario "refused to start")', async () => {
  const fromSources = (await import('../../../tests/drivers/default-command.ts')).defaultGatewayCommand();
  const fromDist = (await import(new URL('../../../dist/tests/drivers/default-command.js', import.meta.url).href)).defaultGatewayCommand() as string;
  for (const command of [fromSources, fromDist]) {
    const file = command.split('"')[3]!;
    expect(file, command).toMatch(/[\\/]dist[\\/]cli[\\/]commands[\\/]gateway\.js$/);
    expect(existsSync(file), command).toBe(true);
  }
});
