import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { ancestors } from '../../../cli/lifetime/starter-watch.ts';

/** Deliver 3: `serve` ends when whatever started it is gone, however it was launched. */

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });

async function closedWithin(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!(await listening(port))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

// The CI-script pattern from the issue: start serve through npx in the background, later kill that PID.
const SCRIPT = `
set -u
out=$(mktemp)
npx --no-install gatecheck serve tls.good-chain --json > "$out" &
npx_pid=$!
for i in $(seq 1 300); do grep -q url "$out" && break; sleep 0.1; done
cat "$out"
kill $npx_pid
rm -f "$out"
`;

test('regression: killing the npx PID of a background `npx gatecheck serve --json &` left the real serve listening; now it exits and its port closes', async () => {
  test.setTimeout(60_000);
  const run = spawnSync('bash', ['-c', SCRIPT], { encoding: 'utf8', timeout: 45_000 });
  const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
  expect(line, run.stderr).toBeTruthy();
  const port = Number(new URL(JSON.parse(line!).url).port);
  expect(await closedWithin(port, 10_000)).toBe(true);
});

test('serve whose stdin pipe closes stops and closes its port', async () => {
  const child = spawn(process.execPath, ['bin/gatecheck.js', 'serve', 'tls.good-chain', '--json'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => { out += c; if (out.includes('\n')) resolve(out.trim()); });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code})`)));
  });
  const port = Number(new URL(JSON.parse(line).url).port);
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdin.end();
  expect(await exited).toBe(0);
  expect(stderr).toContain('gatecheck serve: stopping: its stdin pipe was closed');
  expect(await listening(port)).toBe(false);
});

test('serve whose stdin is not a pipe keeps serving until a signal', async () => {
  const child = spawn(process.execPath, ['bin/gatecheck.js', 'serve', 'tls.good-chain', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (c) => { out += c; if (out.includes('\n')) resolve(out.trim()); });
  });
  const port = Number(new URL(JSON.parse(line).url).port);
  await new Promise((r) => setTimeout(r, 600)); // longer than the watch's poll: nothing it watches has gone
  expect(await listening(port)).toBe(true);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

test('ancestors() walks up from this process and stops before pid 1', () => {
  const line = ancestors();
  expect(line[0]).toBe(process.ppid);
  expect(line.every((pid) => pid > 1)).toBe(true);
});
