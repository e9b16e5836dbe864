import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { stripe } from '../../../mocks/processors/index.ts';
import type { ProfileName } from '../../../mocks/processors/profile.ts';
import { loadPki } from '../../../mocks/pki/load.ts';
import type { ClientMaterial } from '../../../mocks/servers/client-material.ts';

/**
 * Stand-in sandboxes on 127.0.0.1, so the sandbox tier is exercised here without the internet:
 * `gatecheck serve` processes, a schema-breaking Stripe, and a port that only counts connections.
 */

const ROOT = new URL('../../../', import.meta.url).pathname;

export type StandIn = { profile: ProfileName; url: string; client: ClientMaterial; stop(): Promise<void> };

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** `npx gatecheck serve <scenario> --profile <profile> --json`: resolves once it prints its line. */
export async function serveStandIn(scenario: string, profile: ProfileName): Promise<StandIn> {
  const child = spawn(process.execPath, ['bin/gatecheck.js', 'serve', scenario, '--profile', profile, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk) => (err += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`gatecheck serve ${scenario} --profile ${profile} exited early (${code}): ${err}`)));
  });
  const printed = JSON.parse(line) as { url: string; client: ClientMaterial };
  return { profile, url: printed.url, client: printed.client, stop: () => stopChild(child) };
}

async function listen(server: net.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as net.AddressInfo).port;
}

/**
 * Stripe as the mock serves it, except that an approved payment intent comes back without
 * `status` and with `amount` as a string: the drift the sandbox tier must report.
 */
export async function breakingStripe(): Promise<{ url: string; ca: string; stop(): Promise<void> }> {
  const pki = loadPki();
  const state = stripe.createState();
  const server = https.createServer({ cert: readFileSync(pki.chainPath('server-good')), key: readFileSync(pki.keyPath('server-good')) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v ?? '']));
      const answer = await stripe.handle({ method: req.method ?? 'GET', path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') }, state);
      let body = answer.body;
      if (answer.status === 200) {
        const intent = JSON.parse(body) as Record<string, unknown>;
        delete intent.status;
        intent.amount = String(intent.amount);
        body = JSON.stringify(intent);
      }
      res.writeHead(answer.status, answer.headers).end(body);
    });
  });
  const port = await listen(server);
  return {
    url: `https://127.0.0.1:${port}`,
    ca: pki.bundlePath('trust-current'),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port that accepts and counts connections and never answers: proof that nothing was sent. */
export async function countingPort(): Promise<{ url: string; connections(): number; stop(): Promise<void> }> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    count += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    url: `https://127.0.0.1:${port}`,
    connections: () => count,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type SandboxRun = { code: number | null; stdout: string; stderr: string; outputDir: string; reportDir: string; junitFile: string };

/**
 * `npx playwright test --project=sandbox` as a child process with exactly `sandboxEnv` as its
 * GATECHECK_SANDBOX_* variables, writing list + JUnit + HTML reports and traces under `dir`.
 */
export async function runSandboxProject(dir: string, sandboxEnv: Record<string, string>): Promise<SandboxRun> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    // Not the outer run's sandbox variables, nor the outer Playwright worker's own.
    if (value === undefined || /^(GATECHECK_SANDBOX_|TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PW_|PLAYWRIGHT_)/.test(name)) continue;
    env[name] = value;
  }
  const run = { outputDir: `${dir}/test-results`, reportDir: `${dir}/playwright-report`, junitFile: `${dir}/junit.xml` };
  Object.assign(env, sandboxEnv, { FORCE_COLOR: '0', PLAYWRIGHT_HTML_OUTPUT_DIR: run.reportDir, PLAYWRIGHT_HTML_OPEN: 'never', PLAYWRIGHT_JUNIT_OUTPUT_FILE: run.junitFile });
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const args = [cli, 'test', '--config', `${ROOT}playwright.config.ts`, '--project=sandbox', '--reporter=list,junit,html', '--trace=on', '--output', run.outputDir];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr, ...run };
}
