/**
 * `node --import tsx dev/bench/profile-route.ts [path] [ms]`: the mock processor (tls.good-chain)
 * under the throughput bench's load with `--cpu-prof`, then the functions with the most self time.
 * The profile goes to GATECHECK_PROFILE_DIR (default: a temporary folder), never the project.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPki } from '../../mocks/pki/load.ts';
import { applyProjectPaths } from '../../cli/project-paths.ts';
import { root, spawnWithLine } from './child.ts';
import { load } from './load.ts';
import { benchRequest } from './throughput.ts';

await applyProjectPaths([], root);
const [route = '/v1/payment_intents', ms = '4000'] = process.argv.slice(2);
const dir = process.env.GATECHECK_PROFILE_DIR ?? mkdtempSync(path.join(tmpdir(), 'gatecheck-profile-'));
const server = await spawnWithLine(['--cpu-prof', '--cpu-prof-dir', dir, '--import', 'tsx', 'dev/bench/throughput-server.ts', 'mock']);
const pki = loadPki();
const result = await load({ port: Number(server.line.port), request: benchRequest(route), connections: 10, durationMs: Number(ms), maxRequests: 2_000_000, tls: { ca: readFileSync(pki.bundlePath('trust-current')), servername: 'localhost' } });
await server.stop();
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number };
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { nodes: Node[] };
const self = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
  const where = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(`file://${root}`, '')}:${n.callFrame.lineNumber + 1}`;
  self.set(where, (self.get(where) ?? 0) + n.hitCount);
  total += n.hitCount;
}
console.log(`${Math.round(result.rps)} req/s, statuses ${JSON.stringify(result.statuses)}; profile ${path.join(dir, file)}`);
for (const [where, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${((hits / total) * 100).toFixed(1).padStart(5)}%  ${where}`);
