import { readFileSync } from 'node:fs';
import https from 'node:https';
import { loadPki } from '../../mocks/pki/load.ts';
import { spawnWithLine } from './child.ts';
import { figure, median, type Figure } from './stats.ts';

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

/** Spawn to the first HTTPS answer: `gatecheck serve tls.good-chain --json` vs a bare node:https process. */
export async function serveReadiness(runs: number): Promise<Figure> {
  const ca = readFileSync(pki.bundlePath('trust-current'));
  const time = async (args: string[]) => {
    const started = performance.now();
    const child = await spawnWithLine(args);
    await firstOk(String(child.line.url), ca);
    const ms = performance.now() - started;
    await child.stop();
    return ms;
  };
  await time(['bin/gatecheck.js', 'serve', 'tls.good-chain', '--json']); // the compiled CLI (dist/): warms the OS file cache, as any second start
  const serve: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await time(['-e', BARE]));
    serve.push(await time(['bin/gatecheck.js', 'serve', 'tls.good-chain', '--json']));
  }
  const f = figure({ id: 'serve-ready', what: 'gatecheck serve tls.good-chain: spawn to first HTTPS answer', unit: 'ms', better: 'lower', samples: serve, baseline: { what: 'bare node:https process, spawn to first answer', value: median(bare), samples: bare } });
  f.goal = { text: '<= 2x bare', met: (f.ratio ?? Infinity) <= 2 };
  return f;
}
