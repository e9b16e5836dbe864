import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { bundle, cert, closeAll, closedPort, httpsFake, json, key, onClose, scratchDir, stripeIntent, STRIPE_KEY, writeJson } from './helpers.ts';

test.afterEach(closeAll);

const BIN = fileURLToPath(new URL('../../../bin/gatecheck.js', import.meta.url));

/** Runs `gatecheck gateway ...`; `firstLine` resolves with the first stdout line. */
function cli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'gateway', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  onClose(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exit;
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exit.then((code) => reject(new Error(`exited ${code} before printing: ${stderr}`)));
  });
  firstLine.catch(() => {}); // only the tests that wait for it care
  return { child, exit, firstLine, stderr: () => stderr };
}

const config = (baseUrl: string, extra: Record<string, unknown> = {}) => ({
  health: { probeOnStart: false },
  processors: [{ name: 'stripe-main', profile: 'stripe', baseUrl, credentials: { secretKey: { env: 'GC_TEST_STRIPE_KEY' } }, tls: { caFile: bundle('trust-current') }, ...extra }],
});

test('cli: gateway --config --json takes a payment end to end and exits 0 on SIGTERM', async () => {
  const processor = await httpsFake((_req, res) => json(res, 200, stripeIntent('pi_cli')));
  const file = writeJson(scratchDir(), 'gateway.json', config(processor.url));
  const run = cli(['--config', file, '--json'], { GC_TEST_STRIPE_KEY: STRIPE_KEY });
  const line = await run.firstLine;
  const { url } = JSON.parse(line) as { url: string };
  expect(line).toBe(JSON.stringify({ url }));
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await fetch(`${url}/v1/payments`, { method: 'POST', headers: { 'idempotency-key': 'cli-1' }, body: JSON.stringify({ amount: 1000, currency: 'EUR', source: '4242424242424242', reference: 'order-1' }) });
  expect(res.status).toBe(201);
  expect(await res.json()).toMatchObject({ status: 'succeeded', processor: 'stripe-main', processorReference: 'pi_cli' });
  expect(processor.requests[0]?.headers.authorization).toBe(`Bearer ${STRIPE_KEY}`);
  run.child.kill('SIGTERM');
  expect(await run.exit).toBe(0);
  // With --json the logs go to stderr, as JSON lines, without the key or the card number.
  const logs = run.stderr().trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
  expect(logs.map((l) => l.msg)).toContain('payment succeeded');
  expect(run.stderr()).not.toContain(STRIPE_KEY);
  expect(run.stderr()).not.toContain('4242424242424242');
});

test('cli: --port overrides server.port', async () => {
  const port = await closedPort();
  const file = writeJson(scratchDir(), 'gateway.json', config('https://localhost:9'));
  const run = cli(['--config', file, '--json', '--port', String(port)], { GC_TEST_STRIPE_KEY: STRIPE_KEY });
  expect(JSON.parse(await run.firstLine)).toEqual({ url: `http://127.0.0.1:${port}` });
  run.child.kill('SIGINT');
  expect(await run.exit).toBe(0);
});

const refusals: [string, () => unknown, Record<string, string>, RegExp][] = [
  ['a key that does not match its certificate', () => config('https://localhost:9', { tls: { caFile: bundle('trust-current'), certFile: cert('client-mismatch'), keyFile: key('client-mismatch') } }), { GC_TEST_STRIPE_KEY: STRIPE_KEY }, /CONFIG_CLIENT_KEY_MISMATCH: processors\[0\]\.tls\.keyFile \(.*client-mismatch\.key\)/],
  ['an unreadable CA bundle', () => config('https://localhost:9', { tls: { caFile: 'missing-bundle.pem' } }), { GC_TEST_STRIPE_KEY: STRIPE_KEY }, /CONFIG_CA_BUNDLE_UNREADABLE: processors\[0\]\.tls\.caFile \(.*missing-bundle\.pem\)/],
  ['a missing secret', () => config('https://localhost:9'), {}, /CONFIG_SECRET_MISSING: processors\[0\]\.credentials\.secretKey reads the environment variable GC_TEST_STRIPE_KEY/],
  ['a plain-http base URL', () => config('http://localhost:9'), { GC_TEST_STRIPE_KEY: STRIPE_KEY }, /CONFIG_INVALID: .*processors\[0\]\.baseUrl/],
  ['a TLS floor of 1.0', () => config('https://localhost:9', { tls: { minVersion: 'TLSv1' } }), { GC_TEST_STRIPE_KEY: STRIPE_KEY }, /CONFIG_INSECURE_TLS: processors\[0\]\.tls\.minVersion/],
];

for (const [what, body, env, says] of refusals) {
  test(`cli: refuses to start with ${what}: exit 1, one line naming the code and field`, async () => {
    const file = writeJson(scratchDir(), 'gateway.json', body());
    const run = cli(['--config', file], env);
    expect(await run.exit).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^gatecheck gateway: refused to start: /);
    expect(lines[0]).toMatch(says);
  });
}

test('cli: no --config is a usage error (exit 2)', async () => {
  const run = cli([]);
  expect(await run.exit).toBe(2);
  expect(run.stderr()).toMatch(/--config/);
});
