/** One Prometheus sample: `name{a="x",b="y"} 3`. */
export type Sample = { name: string; labels: Record<string, string>; value: number };

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;

/** The samples of a Prometheus text exposition (comments and malformed lines skipped). */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line.trim());
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = raw!.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
    const value = Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

/** The sum of `counter`'s series whose labels pass `keep`. */
export function sumSamples(text: string, counter: string, keep: (labels: Record<string, string>) => boolean): number {
  return parseSamples(text).filter((s) => s.name === counter && keep(s.labels)).reduce((sum, s) => sum + s.value, 0);
}

/** How many failures `counter` counts for gatecheck's `code` (its `label` mapped), summed over every other label. */
export function countFailures(text: string, counter: string, label: string, code: string, mapCode: (code: string) => string): number {
  return parseSamples(text)
    .filter((s) => s.name === counter && s.labels[label] !== undefined && mapCode(s.labels[label]!) === code)
    .reduce((sum, s) => sum + s.value, 0);
}
