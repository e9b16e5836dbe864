import { readFileSync } from 'node:fs';
import https from 'node:https';
import { loadPki } from '../../mocks/pki/load.ts';
import { getScenario, scenarios } from '../../mocks/scenarios/index.ts';
import { gatewayProcessorConfig } from '../../mocks/servers/gateway-config.ts';
import { startProcessor } from '../../mocks/servers/start-processor.ts';
import { referenceDriver } from '../../tests/drivers/reference.ts';
import type { ProcessorConfig } from '../../tests/drivers/driver.ts';
import { figure, median, round, timeEach, type Figure } from './stats.ts';

const pki = loadPki();
const tlsOptions = () => ({ key: readFileSync(pki.keyPath('server-good')), cert: readFileSync(pki.chainPath('server-good')) });

/** A bare node:https server up on 127.0.0.1 and down again: the floor for any TLS mock. */
async function bareUpDown(): Promise<void> {
  const server = https.createServer(tlsOptions(), (_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** One scenario's processor start (until it listens) vs a bare https.createServer().listen(). */
export async function processorStart(runs: number): Promise<Figure> {
  const scenario = getScenario('tls.good-chain');
  const open: { close(): Promise<void> }[] = [];
  for (let i = 0; i < 3; i++) (await startProcessor(scenario, { pki })).close(); // warm caches and JIT alike for both
  await timeEach(3, bareUpDown);
  const mock = await timeEach(runs, async () => open.push(await startProcessor(scenario, { pki })));
  const bare = await timeEach(runs, async () => {
    const server = https.createServer(tlsOptions(), (_req, res) => res.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    open.push({ close: () => new Promise((resolve) => server.close(() => resolve())) });
  });
  await Promise.all(open.map((s) => s.close()));
  return figure({ id: 'processor-start', what: 'tls.good-chain processor start, in-process, until listening', unit: 'ms', better: 'lower', samples: mock, baseline: { what: 'bare https.createServer(key, cert).listen()', value: median(bare), samples: bare } });
}

/**
 * Per-scenario harness overhead, without the drive: processor up + gateway up + gateway down +
 * processor down, for every scenario of the catalogue (the median over scenarios of each one's
 * median over `runs`).
 */
export async function harnessOverhead(runs: number): Promise<Figure> {
  const driver = referenceDriver();
  const perScenario = new Map<string, number[]>();
  for (let run = 0; run < runs + 1; run++) {
    for (const scenario of scenarios) {
      const started = performance.now();
      const processor = await startProcessor(scenario, { pki });
      const boot = await driver.start([gatewayProcessorConfig(processor) as ProcessorConfig]);
      if (boot.ok) await boot.gateway.stop();
      await processor.close();
      // The first pass warms module caches and the JIT: not counted.
      if (run > 0) perScenario.set(scenario.id, [...(perScenario.get(scenario.id) ?? []), performance.now() - started]);
    }
  }
  const medians = [...perScenario.values()].map(median);
  const bare = await timeEach(Math.max(20, runs * 10), async () => { await bareUpDown(); await bareUpDown(); });
  const slowest = [...perScenario].map(([id, s]) => [id, round(median(s))] as const).sort((a, b) => b[1] - a[1]).slice(0, 5);
  const f = figure({
    id: 'harness-overhead', what: `per-scenario harness overhead (processor up + gateway up + teardown), median of ${medians.length} scenarios`, unit: 'ms', better: 'lower',
    samples: medians, baseline: { what: 'two bare node:https servers up and down', value: median(bare), samples: bare },
    notes: { p90Ms: round([...medians].sort((a, b) => a - b)[Math.floor(medians.length * 0.9)]!), slowest },
  });
  f.goal = { text: '<= 20 ms median', met: f.value <= 20 };
  return f;
}
