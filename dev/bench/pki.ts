import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { generatePki } from '../../mocks/pki/generate.ts';
import { certSpecs } from '../../mocks/pki/specs.ts';
import { figure, median, timeEach, type Figure } from './stats.ts';

/** The whole test PKI (every spec, keys, chains, bundles, manifest, written atomically) vs selfsigned with its defaults, as many certificates. */
export async function pkiGeneration(runs: number, baselineRuns: number): Promise<Figure> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-bench-pki-'));
  try {
    const cold = await timeEach(1, () => generatePki(dir));
    const ours = await timeEach(runs, () => generatePki(dir));
    const count = certSpecs.length;
    const baseline = await timeEach(baselineRuns, async () => {
      for (let i = 0; i < count; i++) await generate([{ name: 'commonName', value: `cert-${i}` }]);
    });
    const f = figure({
      id: 'pki-generation', what: `whole test PKI (${count} certificates, chains, bundles, manifest)`, unit: 'ms', better: 'lower', samples: ours,
      baseline: { what: `selfsigned.generate() with its defaults, ${count} times`, value: median(baseline), samples: baseline },
      notes: { firstRunMs: Math.round(cold[0]!) },
    });
    f.goal = { text: '<= 1 s', met: f.value <= 1000 };
    return f;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
