import { spawn } from 'node:child_process';
import net from 'node:net';
import { expect, test } from '@playwright/test';

const refuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });

test('serve <topology scenario> --json starts every processor and prints a config entry for each, in failover order', async () => {
  const child = spawn(process.execPath, ['bin/gatecheck.js', 'serve', 'failover.reset-after-commit-primary', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code})`)));
  });
  const printed = JSON.parse(line) as { url: string; processors: { role: string; profile: string; url: string; config: { name: string; baseUrl: string } }[] };
  expect(printed.processors.map((p) => [p.role, p.profile, p.config.name])).toEqual([['primary', 'stripe', 'stripe'], ['secondary', 'stripe', 'stripe-secondary']]);
  expect(printed.processors[0]!.url).toBe(printed.url);
  const ports = printed.processors.map((p) => Number(new URL(p.config.baseUrl).port));
  expect(new Set(ports).size).toBe(2);
  for (const port of ports) expect(await refuses(port)).toBe(false);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  for (const port of ports) expect(await refuses(port)).toBe(true);
});
