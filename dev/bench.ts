/**
 * `npm run bench [-- --json] [--quick] [--only a,b] [--install-peers]`
 *
 * gatecheck's benchmarks (never timed tests): every figure is the median of several runs, with a
 * ratio against a baseline measured in this same run. Figures: the contract matrix (wall time,
 * deliberate waits apart, peak RSS), per-scenario harness overhead, one processor's start, the
 * mock processor's keep-alive throughput and p99 (vs bare node:https, and vs Mountebank and
 * WireMock when installed), PKI generation (vs selfsigned), `gatecheck serve` readiness and the
 * process driver's spawn to ready (vs a bare node:https process).
 */
import { parseArgs } from 'node:util';
import { applyProjectPaths } from '../cli/project-paths.ts';
import { root } from './bench/child.ts';
import { round, type Figure } from './bench/stats.ts';

// This repository's certificates (certs/, as gatecheck.config.json says) for the bench and every
// process it starts: set before the bench modules load the PKI, hence the imports that follow.
await applyProjectPaths([], root);
const { pkiGeneration } = await import('./bench/pki.ts');
const { peers } = await import('./bench/peers.ts');
const { serveReadiness } = await import('./bench/serve-ready.ts');
const { spawnReady } = await import('./bench/spawn-ready.ts');
const { harnessOverhead, processorStart } = await import('./bench/startup.ts');
const { javaExample, matrix } = await import('./bench/matrix.ts');
const { customThroughput, throughput } = await import('./bench/throughput.ts');
const { shards } = await import('./bench/shards.ts');

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'install-peers': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const only = values.only ? new Set(values.only.split(',')) : null;
const log = (line: string) => void process.stderr.write(`${line}\n`);

const sections: [string, () => Promise<Figure[]>][] = [
  ['pki', async () => [await pkiGeneration(quick ? 3 : 7, quick ? 1 : 2)]],
  ['processor', async () => [await processorStart(quick ? 20 : 50)]],
  ['overhead', async () => [await harnessOverhead(quick ? 1 : 3)]],
  ['serve', async () => [await serveReadiness(quick ? 3 : 7)]],
  ['throughput', () => throughput({ runs: quick ? 1 : 3, durationMs: quick ? 2000 : 4000, warmupMs: 1000, connections: 10 })],
  ['custom', () => customThroughput({ runs: quick ? 1 : 3, durationMs: quick ? 2000 : 4000, warmupMs: 1000, connections: 10 })],
  ['peers', () => peers({ install: values['install-peers'], runs: quick ? 1 : 3, durationMs: quick ? 2000 : 4000, warmupMs: quick ? 2000 : 10_000, connections: 10 })],
  ['spawn', async () => [await spawnReady(quick ? 5 : 15)]],
  ['matrix', () => matrix(quick ? 1 : 3)],
  ['java', () => javaExample(quick ? 1 : 3)],
  ['shards', () => shards(quick ? 1 : 2)],
];

const figures: Figure[] = [];
const started = performance.now();
for (const [name, run] of sections) {
  if (only && !only.has(name)) continue;
  log(`bench: ${name} ...`);
  try {
    figures.push(...(await run()));
  } catch (error) {
    log(`bench: ${name} failed: ${(error as Error).stack ?? error}`);
    figures.push({ id: `${name}-failed`, what: `the ${name} section`, unit: 'count', value: NaN, samples: [], better: 'lower', notes: { status: `failed: ${(error as Error).message}` } });
  }
}

// Peers are measured apart from the bare server: compare them with the throughput section's bare figure.
const bare = figures.find((f) => f.id === 'mock-throughput')?.baseline;
// "Stay ahead on equal work": a peer serves a canned stub, so it is held against gatecheck's static route.
const ours = figures.find((f) => f.id === 'mock-throughput-static');
for (const f of figures) {
  if (!f.id.startsWith('peer-') || !bare || !Number.isFinite(f.value)) continue;
  Object.assign(f, { baseline: bare, ratio: f.value / bare.value });
  if (ours) f.goal = { text: `gatecheck's static route (${Math.round(ours.value)} req/s) ahead of it`, met: ours.value > f.value };
}

const show = (f: Figure, v: number) => (f.unit === 'req/s' ? `${Math.round(v)} req/s` : f.unit === 'MiB' ? `${round(v)} MiB` : `${round(v, v < 10 ? 2 : 0)} ${f.unit}`);
if (values.json) {
  console.log(JSON.stringify({ machine: { cores: (await import('node:os')).cpus().length, node: process.version, load: (await import('node:os')).loadavg().map((l) => round(l, 2)) }, ms: Math.round(performance.now() - started), figures }));
} else {
  const rows = figures.map((f) => [f.id, Number.isNaN(f.value) ? String(f.notes?.status ?? 'n/a').split(' (')[0]! : show(f, f.value), f.baseline ? show(f, f.baseline.value) : '-', f.ratio === undefined ? '-' : `${round(f.ratio, 2)}x`, f.goal ? `${f.goal.met ? 'met' : 'NOT met'} (${f.goal.text})` : '']);
  const header = ['figure', 'median', 'baseline', 'ratio', 'goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log('');
  for (const f of figures) {
    console.log(`${f.id}: ${f.what}${f.baseline ? `; baseline: ${f.baseline.what}` : ''} (${f.samples.length} runs)`);
    if (f.notes) console.log(`  ${JSON.stringify(f.notes)}`);
  }
}
