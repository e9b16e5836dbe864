/**
 * `node --import tsx dev/bench/profile-route.ts [path] [ms] [kind]`: a server of the throughput
 * bench (`mock`, the default: tls.good-chain; or `bare`) under the bench's load, profiled over the
 * measured window only (after the same 1 s warm-up), then the functions with the most self and
 * inclusive time, in microseconds per answer. Wall-clock samples: on a loaded machine, time spent
 * descheduled inside a call (a socket write) counts to that call. The profile goes to
 * GATECHECK_PROFILE_DIR (default: a temporary folder), never the project.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPki } from '../../mocks/pki/load.ts';
import { applyProjectPaths } from '../../cli/project-paths.ts';
import { root, spawnWithLine } from './child.ts';
import { load } from './load.ts';
import { benchRequest } from './throughput.ts';

await applyProjectPaths([], root);
const [route = '/v1/payment_intents', ms = '4000', kind = 'mock'] = process.argv.slice(2);
const dir = process.env.GATECHECK_PROFILE_DIR ?? mkdtempSync(path.join(tmpdir(), 'gatecheck-profile-'));
const file = path.join(dir, `${kind}${route.replace(/\W+/g, '-')}.cpuprofile`);
const reply = JSON.stringify({ status: 200, contentType: 'application/json', body: '{"ok":true}' });
const server = await spawnWithLine(['--import', 'tsx', 'dev/bench/throughput-server.ts', kind], { GATECHECK_PROFILE_FILE: file, GATECHECK_BENCH_REPLY: reply });
const pki = loadPki();
const base = { port: Number(server.line.port), request: benchRequest(route), connections: 10, maxRequests: 2_000_000, tls: { ca: readFileSync(pki.bundlePath('trust-current')), servername: 'localhost' } };
await load({ ...base, durationMs: 1000 });
server.child.kill('SIGUSR2');
const result = await load({ ...base, durationMs: Number(ms) });
await server.stop();

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const where = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(`file://${root}`, '')}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const sampled = new Map<number, number>(); // node id -> us
profile.samples.forEach((id, i) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of sampled) {
  self.set(where(byId.get(id)!), (self.get(where(byId.get(id)!)) ?? 0) + us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = where(byId.get(at)!);
    if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    seen.add(name);
  }
}
const top = (table: Map<string, number>, title: string) => {
  console.log(`-- ${title}, us per answer`);
  for (const [name, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(us / result.requests).toFixed(1).padStart(7)}  ${name}`);
};
console.log(`${kind} ${route}: ${Math.round(result.rps)} req/s, statuses ${JSON.stringify(result.statuses)}; profile ${file}`);
top(self, 'self');
top(inclusive, 'inclusive');
