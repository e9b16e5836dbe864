import { loadPki } from '../../mocks/pki/load.ts';
import { getScenario } from '../../mocks/scenarios/index.ts';
import { gatewayProcessorConfig } from '../../mocks/servers/gateway-config.ts';
import { startProcessor } from '../../mocks/servers/start-processor.ts';
import type { ProcessorConfig } from '../../tests/drivers/driver.ts';
import { selectDriver } from '../../tests/drivers/select.ts';
import { spawnWithLine } from './child.ts';
import { figure, median, round, type Figure } from './stats.ts';

const pki = loadPki();
/** The floor for any process that serves: node starts, reads a key pair, listens, prints its URL. */
const BARE = `const https=require('node:https'),fs=require('node:fs');const s=https.createServer({key:fs.readFileSync(${JSON.stringify(pki.keyPath('server-good'))}),cert:fs.readFileSync(${JSON.stringify(pki.chainPath('server-good'))})},(q,r)=>r.end('{}'));s.listen(0,'127.0.0.1',()=>console.log(JSON.stringify({url:'https://127.0.0.1:'+s.address().port})));process.on('SIGTERM',()=>s.close(()=>process.exit(0)))`;

/**
 * Spawn to ready of one gateway through the process driver (GATECHECK_GATEWAY=process: what the
 * matrix pays per scenario on top of the in-process run), against a bare `node -e` https server's
 * spawn to listen; alternated run by run. Also the driver's stop (SIGTERM to exit, folder removed).
 */
export async function spawnReady(runs: number): Promise<Figure> {
  const processor = await startProcessor(getScenario('tls.good-chain'), { pki });
  const driver = await selectDriver('process');
  const processors = [gatewayProcessorConfig(processor) as ProcessorConfig];
  const gatewayOnce = async () => {
    const started = performance.now();
    const boot = await driver.start(processors);
    const ready = performance.now() - started;
    if (!boot.ok) throw new Error(`the gateway refused to start: ${boot.message}`);
    const stopping = performance.now();
    await boot.gateway.stop();
    return { ready, stop: performance.now() - stopping };
  };
  const bareOnce = async () => {
    const started = performance.now();
    const child = await spawnWithLine(['-e', BARE]);
    const ms = performance.now() - started;
    await child.stop();
    return ms;
  };
  try {
    await gatewayOnce(); // warms the OS file cache for both, as any second start
    await bareOnce();
    const gateway: number[] = [];
    const stops: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await bareOnce());
      const g = await gatewayOnce();
      gateway.push(g.ready);
      stops.push(g.stop);
    }
    return figure({
      id: 'process-driver-ready', what: 'reference gateway through the process driver: start() to ready (free port, config file, spawn, boot, URL line)', unit: 'ms', better: 'lower', samples: gateway,
      baseline: { what: 'bare `node -e` https server: spawn to its listening line', value: median(bare), samples: bare },
      notes: { stopMedianMs: round(median(stops)) },
    });
  } finally {
    await processor.close();
  }
}
