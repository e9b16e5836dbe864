import { spawn } from 'node:child_process';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { refuses, serveJson } from '../support/serve-process.ts';
import { getScenario } from '../../mocks/scenarios/index.ts';
import { startProcessor } from '../../mocks/servers/start-processor.ts';
import { curl } from '../support/tls-clients.ts';


test('close() leaves no listener behind, front or application', async () => {
  const processor = await startProcessor(getScenario('tls.good-chain'));
  expect(processor.ports.length).toBe(2);
  for (const port of processor.ports) expect(await refuses(port)).toBe(false);
  await processor.close();
  for (const port of processor.ports) expect(await refuses(port)).toBe(true);
});

test('close() ends open connections, including ones stuck in a handshake', async () => {
  const processor = await startProcessor(getScenario('tls.handshake-hangs'));
  const port = Number(new URL(processor.url).port);
  const stuck = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => stuck.once('connect', resolve));
  const closedByServer = new Promise((resolve) => stuck.once('close', resolve));
  await processor.close();
  await closedByServer;
  expect(await refuses(port)).toBe(true);
});

test('serve --json prints one line, serves, and exits 0 on SIGTERM leaving no listener', async () => {
  const { child, line } = await serveJson('tls.good-chain');
  const printed = JSON.parse(line);
  expect(Object.keys(printed)).toEqual(['id', 'profile', 'url', 'client']);
  expect(printed.client).toMatchObject({ ca: expect.stringMatching(/^\/.*bundle-trust-current\.pem$/), cert: null, key: null, passphrase: null, servername: 'localhost', pins: [] });
  expect((await curl(printed.url, printed.client)).ok).toBe(true);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(await refuses(Number(new URL(printed.url).port))).toBe(true);
});

test('serve <webhook scenario> --target delivers the signed webhook and prints the gateway answer', async () => {
  const { startGateway } = await import('../../gateway/index.ts');
  const { gatewayProcessorConfig } = await import('../../mocks/servers/gateway-config.ts');
  const processor = await startProcessor(getScenario('webhook.tampered-body'));
  const gateway = await startGateway({ health: { probeOnStart: false, probeIntervalMs: 0 }, processors: [gatewayProcessorConfig(processor)] });
  try {
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/gatecheck.js', 'serve', 'webhook.tampered-body', '--target', `${gateway.url}/webhooks/stripe`, '--json']);
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.once('exit', (code) => (code === 0 ? resolve({ stdout: out }) : reject(new Error(`exit ${code}`))));
    });
    const printed = JSON.parse(stdout.trim());
    expect(printed.answers).toHaveLength(1);
    expect(printed.answers[0].status).toBe(400);
    expect(JSON.parse(printed.answers[0].body).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
  } finally {
    await gateway.close();
    await processor.close();
  }
});
