/**
 * A server for the throughput bench, in its own process so the load generator and the server each
 * get a core: `bare` (node:https answering a fixed body), `mock` (a scenario's mock processor) or
 * `custom` (examples/custom-processor's mockttp rules behind the TLS front, its tls.good-chain).
 * Prints one JSON line {port} once listening; exits on SIGTERM. With GATECHECK_PROFILE_FILE set,
 * SIGUSR2 starts a CPU profile, written there on SIGTERM (dev/bench/profile-route.ts).
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { loadPki } from '../../mocks/pki/load.ts';

/** The custom processor the bench serves: the example's mobile-money API. */
export const CUSTOM_BENCH_CONFIG = 'examples/custom-processor/gatecheck.config.mjs';

const [kind = 'bare', scenarioId = 'tls.good-chain'] = process.argv.slice(2);
const profileFile = process.env.GATECHECK_PROFILE_FILE;
const profiler = profileFile ? await (await import('./throughput-profile.ts')).profileOnSignal(profileFile) : null;
let close: () => Promise<void>;
let port: number;

if (kind === 'bare') {
  const pki = loadPki();
  const { status, contentType, body } = JSON.parse(process.env.GATECHECK_BENCH_REPLY ?? '{"status":200,"contentType":"application/json","body":"{}"}') as { status: number; contentType: string; body: string };
  const server = https.createServer({ key: readFileSync(pki.keyPath('server-good')), cert: readFileSync(pki.chainPath('server-good')) }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
} else if (kind === 'custom') {
  const { customScenarios } = await import('../../mocks/custom/scenarios.ts');
  const { startCustomProcessor } = await import('../../mocks/custom/start.ts');
  const { customProcessorsIn } = await import('../../tests/harness/custom-processors.ts');
  const processors = await customProcessorsIn(CUSTOM_BENCH_CONFIG);
  const run = customScenarios(processors).find((c) => c.scenario.id === `${processors[0]!.name}/${scenarioId}`)!;
  const processor = await startCustomProcessor(run);
  port = Number(new URL(processor.url).port);
  close = () => processor.close();
} else {
  const { getScenario } = await import('../../mocks/scenarios/index.ts');
  const { startProcessor } = await import('../../mocks/servers/start-processor.ts');
  const processor = await startProcessor(getScenario(scenarioId));
  port = Number(new URL(processor.url).port);
  close = () => processor.close();
}
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.once('SIGTERM', () => void (profiler?.stop() ?? Promise.resolve()).then(close).then(() => process.exit(0)));
