import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { loadPki } from '../../mocks/pki/load.ts';
import { root, spawnWithLine } from './child.ts';
import { figure, median, round, type Figure } from './stats.ts';

const pki = loadPki();
const BARE = `const https=require('node:https'),fs=require('node:fs');const s=https.createServer({key:fs.readFileSync(${JSON.stringify(pki.keyPath('server-good'))}),cert:fs.readFileSync(${JSON.stringify(pki.chainPath('server-good'))})},(q,r)=>r.end('{}'));s.listen(0,'127.0.0.1',()=>console.log(JSON.stringify({url:'https://127.0.0.1:'+s.address().port})));process.on('SIGTERM',()=>s.close(()=>process.exit(0)))`;

function firstOk(url: string, ca: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    https.get(`${url}/`, { ca, servername: 'localhost', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    }).on('error', reject);
  });
}

const SERVE = ['bin/gatecheck.js', 'serve', 'tls.good-chain', '--json'];

/** Time a process has spent on a CPU so far (Linux /proc), or null where that is not available. */
function onCpuMs(pid: number | undefined): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/**
 * bin/gatecheck.js runs dist/, which `npm run bench` does not build: built here when older than a
 * source (a no-op otherwise), so the figure is that of the sources as they are.
 */
function buildDist(): void {
  const build = spawnSync(process.execPath, ['dev/build.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed, so dist/ would be stale: ${build.stderr || build.stdout}`);
}

/** Spawn to the first HTTPS answer: `gatecheck serve tls.good-chain --json` (the compiled CLI) vs a bare node:https process. */
export async function serveReadiness(runs: number): Promise<Figure> {
  buildDist();
  const ca = readFileSync(pki.bundlePath('trust-current'));
  const cpu: { serve: number[]; bare: number[] } = { serve: [], bare: [] };
  const time = async (args: string[], cpuSamples?: number[]) => {
    const started = performance.now();
    const child = await spawnWithLine(args);
    await firstOk(String(child.line.url), ca);
    const ms = performance.now() - started;
    const onCpu = onCpuMs(child.child.pid);
    if (onCpu !== null) cpuSamples?.push(onCpu);
    await child.stop();
    return ms;
  };
  await time(SERVE); // warms the OS file cache, as any second start
  const serve: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await time(['-e', BARE], cpu.bare));
    serve.push(await time(SERVE, cpu.serve));
  }
  const f = figure({ id: 'serve-ready', what: 'gatecheck serve tls.good-chain: spawn to first HTTPS answer', unit: 'ms', better: 'lower', samples: serve, baseline: { what: 'bare node:https process, spawn to first answer', value: median(bare), samples: bare } });
  f.goal = { text: '<= 2x bare', met: (f.ratio ?? Infinity) <= 2 };
  // Wall time on a shared machine moves with the load; the CPU each process used up to its first answer moves less.
  if (cpu.serve.length && cpu.bare.length) f.notes = { onCpuMs: { serve: round(median(cpu.serve)), bare: round(median(cpu.bare)), ratio: round(median(cpu.serve) / median(cpu.bare), 2) } };
  return f;
}
