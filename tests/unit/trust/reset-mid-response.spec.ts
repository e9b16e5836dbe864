import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { closeAll, gateway, gatewayConfig, processorConfig } from '../gateway/helpers.ts';

/**
 * Deliver 4: network.reset-mid-response failed 1 run in 3 through the process driver. The race
 * shows whenever the mock and the gateway are in different processes: the mock's RST overtook the
 * half body and the gateway saw a clean close (NET_CONNECTION_CLOSED). Here the mock runs as
 * `gatecheck serve` in its own process, as with the process driver.
 */
test.afterEach(closeAll);

test('regression: network.reset-mid-response across processes is a reset every time, never a clean close', async () => {
  test.setTimeout(60_000);
  const serve = spawn(process.execPath, ['bin/gatecheck.js', 'serve', 'network.reset-mid-response', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      serve.stdout.on('data', (c) => { out += c; if (out.includes('\n')) resolve(out); });
      serve.once('exit', (code) => reject(new Error(`serve exited (${code})`)));
    });
    const url = String(JSON.parse(line).url).replace('127.0.0.1', 'localhost');
    const gw = await gateway(gatewayConfig([processorConfig(url, { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } })]));
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${gw.url}/v1/payments`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `reset-${i}` },
        body: JSON.stringify({ amount: 1000, currency: 'EUR', source: '4242424242424242', reference: `r-${i}` }),
      });
      codes.push((await res.json()).error?.code ?? String(res.status));
    }
    expect(codes).toEqual(Array(12).fill('NET_CONNECTION_RESET'));
  } finally {
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
  }
});
