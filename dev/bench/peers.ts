import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { loadPki } from '../../mocks/pki/load.ts';
import { load } from './load.ts';
import { figure, median, percentile, round, type Figure } from './stats.ts';
import { benchRequest } from './throughput.ts';

/** Where `--install-peers` puts Mountebank and WireMock: outside the project, never a dependency of it. */
export const PEERS_DIR = process.env.GATECHECK_PEERS_DIR ?? path.join(homedir(), '.cache', 'gatecheck-peers');
const PEER_PACKAGES = ['mountebank@2.9.1', 'wiremock@3.13.2'];
const BODY = JSON.stringify({ id: 'pi_bench', object: 'payment_intent', amount: 1000, currency: 'eur', status: 'succeeded', created: 1700000000, metadata: { reference: 'bench' } });

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const freePort = () => new Promise<number>((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function findFile(dir: string, test: (name: string) => boolean, depth = 6): string | null {
  if (!existsSync(dir) || depth < 0) return null;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      const found = findFile(full, test, depth - 1);
      if (found) return found;
    } else if (test(name)) return full;
  }
  return null;
}

/** Installs the peers on request only: Mountebank and WireMock from npm into PEERS_DIR (never into the project). */
function install(log: (line: string) => void): void {
  mkdirSync(PEERS_DIR, { recursive: true });
  log(`bench: installing ${PEER_PACKAGES.join(', ')} into ${PEERS_DIR} ...`);
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', PEERS_DIR, ...PEER_PACKAGES], { stdio: ['ignore', process.stderr, process.stderr] });
}

type Peer = { name: string; start(port: number): Promise<() => Promise<void>> };

function mountebank(bin: string): Peer {
  const pki = loadPki();
  return {
    name: 'Mountebank',
    async start(port) {
      const admin = await freePort();
      const child = spawn(bin, ['--port', String(admin), '--host', '127.0.0.1', '--loglevel', 'warn'], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        const ok = await fetch(`http://127.0.0.1:${admin}/`).then(() => true, () => false);
        if (ok) break;
        await sleep(100);
      }
      const response = await fetch(`http://127.0.0.1:${admin}/imposters`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ protocol: 'https', port, host: '127.0.0.1', key: readFileSync(pki.keyPath('server-good'), 'utf8'), cert: readFileSync(pki.chainPath('server-good'), 'utf8'),
          recordRequests: false, stubs: [{ responses: [{ is: { statusCode: 200, headers: { 'Content-Type': 'application/json', Connection: 'keep-alive' }, body: BODY } }] }] }),
      });
      if (!response.ok) throw new Error(`Mountebank refused the imposter: ${response.status} ${await response.text()}`);
      return async () => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); };
    },
  };
}

function wiremock(jar: string): Peer {
  const pki = loadPki();
  return {
    name: 'WireMock',
    async start(port) {
      const store = path.join(PEERS_DIR, 'server-good.p12');
      execFileSync('openssl', ['pkcs12', '-export', '-in', pki.chainPath('server-good'), '-inkey', pki.keyPath('server-good'), '-out', store, '-passout', 'pass:gatecheck', '-name', 'server']);
      const admin = await freePort();
      const child = spawn('java', ['-jar', jar, '--bind-address', '127.0.0.1', '--port', String(admin), '--https-port', String(port), '--https-keystore', store, '--keystore-type', 'PKCS12', '--keystore-password', 'gatecheck', '--key-manager-password', 'gatecheck', '--no-request-journal', '--async-response-enabled', 'true', '--disable-banner'], { stdio: 'ignore' });
      for (let i = 0; i < 300; i++) {
        const ok = await fetch(`http://127.0.0.1:${admin}/__admin/mappings`).then((r) => r.ok, () => false);
        if (ok) break;
        await sleep(100);
      }
      const response = await fetch(`http://127.0.0.1:${admin}/__admin/mappings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ request: { method: 'POST', url: '/v1/payment_intents' }, response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: BODY } }) });
      if (!response.ok) throw new Error(`WireMock refused the mapping: ${response.status}`);
      return async () => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); };
    },
  };
}

export type PeersOptions = { install: boolean; runs: number; durationMs: number; warmupMs: number; connections: number };

/**
 * Mountebank and WireMock serving the same stub over HTTPS with the same leaf, measured with the
 * same load generator, when installed; "not installed" otherwise. Their ratio is against the
 * bare node:https figure of the throughput section (a separate, equal measurement).
 */
export async function peers(options: PeersOptions): Promise<Figure[]> {
  const log = (line: string) => void process.stderr.write(`${line}\n`);
  if (options.install) install(log);
  const pki = loadPki();
  const mb = findFile(path.join(PEERS_DIR, 'node_modules', '.bin'), (n) => n === 'mb');
  const jar = findFile(path.join(PEERS_DIR, 'node_modules', 'wiremock'), (n) => /^wiremock.*\.jar$/.test(n));
  const candidates: [string, Peer | null][] = [['Mountebank', mb ? mountebank(mb) : null], ['WireMock', jar && onPath('java') ? wiremock(jar) : null]];
  const figures: Figure[] = [];
  for (const [name, peer] of candidates) {
    if (!peer) {
      figures.push({ id: `peer-${name.toLowerCase()}`, what: `${name} https stub, same body`, unit: 'req/s', value: NaN, samples: [], better: 'higher', notes: { status: `not installed (npm run bench -- --only peers --install-peers installs it into ${PEERS_DIR})` } });
      continue;
    }
    const port = await freePort();
    let stop: (() => Promise<void>) | undefined;
    try {
      stop = await peer.start(port);
      const base = { port, request: benchRequest(), connections: options.connections, maxRequests: 2_000_000, tls: { ca: readFileSync(pki.bundlePath('trust-current')), servername: 'localhost' } };
      await load({ ...base, durationMs: options.warmupMs }); // WireMock (the JVM) needs ~10 s of load to be warm
      const rps: number[] = [];
      const p99: number[] = [];
      const p50: number[] = [];
      let errors = 0;
      for (let i = 0; i < options.runs; i++) {
        const result = await load({ ...base, durationMs: options.durationMs });
        rps.push(result.rps);
        p99.push(percentile(result.latenciesMs, 99));
        p50.push(percentile(result.latenciesMs, 50));
        errors += result.errors;
      }
      figures.push(figure({ id: `peer-${name.toLowerCase()}`, what: `${name} https stub, same body, ${options.connections} keep-alive connections, warmed ${options.warmupMs} ms`, unit: 'req/s', better: 'higher', samples: rps, notes: { p50Ms: round(median(p50), 2), p99Ms: round(median(p99), 2), errors } }));
    } catch (error) {
      figures.push({ id: `peer-${name.toLowerCase()}`, what: `${name} https stub`, unit: 'req/s', value: NaN, samples: [], better: 'higher', notes: { status: `failed: ${(error as Error).message}` } });
    } finally {
      await stop?.();
    }
  }
  return figures;
}
