import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { getScenario } from '../../../mocks/scenarios/index.ts';
import { spkiPin } from '../../../mocks/servers/client-material.ts';
import { gatewayProcessorConfig } from '../../../mocks/servers/gateway-config.ts';
import { startProcessor, type ProcessorServer } from '../../../mocks/servers/start-processor.ts';
import { audit } from '../../../cli/audit/audit.ts';
import { runCli } from '../doctor/run-cli.ts';
import { env, goodConfig, pki, tempDir } from './configs.ts';

/** `audit --live` against running mock processors, configured as `serve` prints them. */
let dir: ReturnType<typeof tempDir>;
const servers: ProcessorServer[] = [];
test.beforeEach(() => void (dir = tempDir()));
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  dir.remove();
});

async function configFor(...ids: string[]) {
  const processors = [];
  for (const id of ids) {
    const server = await startProcessor(getScenario(id));
    servers.push(server);
    processors.push({ ...gatewayProcessorConfig(server), name: id.replace(/\./g, '-') });
  }
  return dir.write('gateway.json', { processors });
}

test('tls.good-chain: passes live, the processor verified and answering', async () => {
  const report = await audit(await configFor('tls.good-chain'), { live: true });
  expect(report.findings).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.processors[0]!.live).toMatchObject({ ok: true, code: null, tls: { verified: true } });
});

test('tls.expired-leaf: flagged TLS_CERT_EXPIRED on its baseUrl; the good processor beside it passes', async () => {
  const report = await audit(await configFor('tls.good-chain', 'tls.expired-leaf'), { live: true });
  expect(report.ok).toBe(false);
  expect(report.findings.map((f) => `${f.field} ${f.code}`)).toEqual(['processors[1].baseUrl TLS_CERT_EXPIRED']);
  expect(report.findings[0]!.message).toContain('tls-expired-leaf (https://127.0.0.1:');
  expect(report.processors.map((p) => p.live?.ok)).toEqual([true, false]);
});

test('without --live nothing connects: the expired leaf is not seen', async () => {
  const report = await audit(await configFor('tls.expired-leaf'));
  expect(report.ok).toBe(true);
  expect(report.processors[0]!.live).toBeNull();
  expect(servers[0]!.connections()).toEqual([]);
});

test('mtls.good-client-cert: the client certificate is accepted live', async () => {
  const report = await audit(await configFor('mtls.good-client-cert'), { live: true });
  expect(report.findings).toEqual([]);
  expect(report.processors[0]!.live?.tls.clientCert).toMatchObject({ configured: true, accepted: true });
});

test('tls.pinned-leaf-rotated: live pin mismatch, and the fix names the issuing CA pin', async () => {
  const report = await audit(await configFor('tls.pinned-leaf-rotated'), { live: true });
  expect(report.findings.map((f) => `${f.field} ${f.code}`)).toEqual(['processors[0].baseUrl TLS_PIN_MISMATCH']);
  expect(report.findings[0]!.fix).toMatch(/pin the issuing CA key sha256\//);
});

test('a leaf-only pin that still matches is a warning: the next renewal breaks it', async () => {
  const file = await configFor('tls.good-chain');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  config.processors[0].tls.pins = [spkiPin(pki.read(pki.certPath('server-good')))];
  const report = await audit(dir.write('pinned.json', config), { live: true });
  expect(report.ok).toBe(true);
  expect(report.findings).toMatchObject([{ field: 'processors[0].baseUrl', code: 'TLS_PIN_MISMATCH', severity: 'warning' }]);
  expect(report.findings[0]!.message).toContain('matches only the leaf key');
});

test('CLI: audit --live exits 1 with one line per problem; the good config exits 0; no --config exits 2', async () => {
  const bad = await runCli(['audit', '--config', await configFor('tls.expired-leaf'), '--live']);
  expect(bad.exit, bad.stderr).toBe(1);
  const lines = bad.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^processors\[0\]\.baseUrl: TLS_CERT_EXPIRED: tls-expired-leaf \(https:\/\/127\.0\.0\.1:\d+\): .* Fix: The processor's certificate/);
  expect(lines.at(-1)).toMatch(/^gatecheck audit .*gateway\.json: FAIL, 1 problem\(s\); 1 processor\(s\), 0 reachable and verified live/);

  const good = await runCli(['audit', '--config', dir.write('good.json', goodConfig()), '--json'], env);
  expect(good.exit, good.stdout).toBe(0);
  expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, findings: [] });

  const usage = await runCli(['audit']);
  expect(usage.exit).toBe(2);
  expect(usage.stderr).toContain('--config: is required');
});
