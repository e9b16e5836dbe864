import { expect, test } from '@playwright/test';
import { refuses, serveJson } from '../../support/serve-process.ts';


test('serve <topology scenario> --json starts every processor and prints a config entry for each, in failover order', async () => {
  const { child, line } = await serveJson('failover.reset-after-commit-primary');
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
