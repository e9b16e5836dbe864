import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { getScenario } from '../../../mocks/scenarios/index.ts';
import { wholeSentences } from '../../harness/sentences.ts';
import { judge } from '../../harness/verdict.ts';
import type { Observation } from '../../harness/observation.ts';
import { runCli } from '../doctor/run-cli.ts';

/** Deliver 5, the smaller CLI items of issue 14, each with the case that found it. */

test('regression: `list | head -1` died with an EPIPE stack; now it stops quietly', () => {
  // `true` closes the pipe before list writes anything: the EPIPE every time, not by chance.
  const run = spawnSync('bash', ['-c', 'node bin/gatecheck.js list | true; echo "list-exit=${PIPESTATUS[0]}"'], { encoding: 'utf8' });
  expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
  expect(run.stdout.trim()).toBe('list-exit=0');
});

test('regression: `runbook --out /missing/x.md` named its temporary file; now a clear error and no file left', async () => {
  const run = await runCli(['runbook', '--out', '/missing/x.md']);
  expect(run.exit).toBe(2);
  expect(run.stderr.trim()).toBe('gatecheck runbook: cannot write /missing/x.md: the folder /missing does not exist; fix: create it or choose another --out');
  expect(run.stderr).not.toMatch(/\.tmp/);
  expect(existsSync('/missing')).toBe(false);
});

test('regression: a breach line cut a boot message mid-sentence at 200 characters; now whole sentences only', () => {
  const first = `the client key ${'does not match '.repeat(15)}its certificate.`;
  const message = `${first} Fix: point tls.keyFile at the key of the certificate in tls.certFile.`;
  expect(first.length).toBeGreaterThan(200);
  expect(wholeSentences(message, 200)).toBe(first);
  expect(wholeSentences('One. Two. Three.', 9)).toBe('One. Two.');
  const scenario = getScenario('tls.good-chain');
  const o = { scenarioId: scenario.id, driver: 'x', boot: { ok: false, code: 'CONFIG_CLIENT_KEY_MISMATCH', message }, payment: null, payments: [], webhooks: [], idempotencyKey: 'k', requests: [], committed: [], connections: 0, health: null, failures: null, wireProblems: [], leaks: [] } as Observation;
  const verdict = judge(scenario, o, { paymentPath: '/v1/payment_intents', idempotencyHeader: 'idempotency-key' });
  expect(verdict.line).toContain(`${first};`);
});

async function answering(status: number, body: string) {
  const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(body); }); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`, close: () => new Promise((r) => server.close(r)) };
}

test('regression: `serve --target` never judged the answer (a 404 exited 0); now 404 exits 1 with one clear line', async () => {
  const target = await answering(404, '{"error":"no route"}');
  try {
    const run = await runCli(['serve', 'webhook.tampered-body', '--target', target.url]);
    expect(run.exit).toBe(1);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('webhook.tampered-body: BREACHED: the gateway refused the webhook with 404 no error code; expected WEBHOOK_SIGNATURE_INVALID');
  } finally {
    await target.close();
  }
});

test('serve --target exits 0 when the answer honours the scenario', async () => {
  const target = await answering(400, '{"error":{"code":"WEBHOOK_SIGNATURE_INVALID"}}');
  try {
    const run = await runCli(['serve', 'webhook.tampered-body', '--target', target.url]);
    expect(run.exit).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('webhook.tampered-body: honoured (refused with WEBHOOK_SIGNATURE_INVALID)');
  } finally {
    await target.close();
  }
});

test('regression: `serve --target` said only "fetch failed" for a closed port; now it says nothing listens there, exit 2', async () => {
  const target = await answering(200, '{}');
  await target.close();
  const run = await runCli(['serve', 'webhook.tampered-body', '--target', target.url]);
  expect(run.exit).toBe(2);
  expect(run.stderr.trim()).toBe(`gatecheck serve: nothing listens at ${target.url} (connection refused); fix: start your gateway, or check the host and port in --target`);
  expect(readdirSync('.').filter((f) => f.endsWith('.tmp'))).toEqual([]);
});
