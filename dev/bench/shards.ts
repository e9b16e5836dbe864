import { runMatrix } from '../proof/matrix-run.ts';
import { figure, median, round, type Figure } from './stats.ts';

/**
 * The workflow's sharding (`--shard i/n`, one CI machine per shard), measured on this machine: each
 * shard of the whole matrix run alone, one after another, through `gatecheck run` as a user runs it.
 * The matrix's wall time on n machines is its slowest shard; the figure is that, against one shard.
 */
export async function shards(runs: number, counts = [1, 2, 4]): Promise<Figure[]> {
  const slowest = new Map<number, number[]>();
  const perShard = new Map<number, number[][]>();
  for (let r = 0; r < runs; r++) {
    for (const n of counts) {
      const walls: number[] = [];
      for (let i = 1; i <= n; i++) {
        const run = await runMatrix({ via: 'cli', shard: `${i}/${n}` });
        if (run.exitCode !== 0 || !run.result) throw new Error(`shard ${i}/${n} exited ${run.exitCode}: ${run.stderr.slice(-300)}`);
        walls.push(run.wallMs);
      }
      slowest.set(n, [...(slowest.get(n) ?? []), Math.max(...walls)]);
      perShard.set(n, [...(perShard.get(n) ?? []), walls]);
    }
  }
  const one = slowest.get(counts[0]!)!;
  return counts.map((n) => figure({
    id: `matrix-shards-${n}`,
    what: `whole matrix on ${n} shard(s) (gatecheck run --shard i/${n}, each alone, as on its own machine): the slowest shard's wall`,
    unit: 'ms', better: 'lower', samples: slowest.get(n)!,
    ...(n === counts[0] ? {} : { baseline: { what: `${counts[0]} shard`, value: median(one), samples: one } }),
    notes: { wallPerShardMs: perShard.get(n)!.map((walls) => walls.map((w) => round(w, 0))) },
  }));
}
