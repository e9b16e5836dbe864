import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

/** npm without the variables of an outer `npm test`, which would point the inner npm at this project. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

const npm = (args: string[], cwd: string) => run('npm', args, { cwd, env: npmEnv(), maxBuffer: 16 * 1024 * 1024 });

test('gatecheck/msw and gatecheck/nock load in a plain Node ESM project that installed the packed gatecheck', async () => {
  // Packing and installing ~250 packages: about 30 s from the npm cache on two cores.
  test.setTimeout(180_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'gatecheck-consumer-'));
  const timings: string[] = [];
  const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await step();
    } finally {
      timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  };
  try {
    const { stdout: tarball } = await timed('pack', () => npm(['pack', '--pack-destination', dir, '--silent'], root));
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    await copyFile(path.join(import.meta.dirname, 'consumer/consumer.mjs'), path.join(dir, 'consumer.mjs'));
    const install = ['install', '--no-audit', '--no-fund', `./${tarball.trim()}`];
    // From the npm cache when it holds everything; otherwise the registry fills the gaps.
    await timed('install', () => npm([...install, '--offline'], dir).catch(() => npm([...install, '--prefer-offline'], dir)));
    const { stdout } = await timed('run', () => run(process.execPath, ['consumer.mjs'], { cwd: dir }));
    expect(stdout.trim().split('\n')).toEqual(['msw: 200, payments 1', 'nock: 200, payments 1']);
  } finally {
    test.info().annotations.push({ type: 'timing', description: timings.join(', ') });
    console.log(`scratch project: ${timings.join(', ')}`);
    await rm(dir, { recursive: true, force: true });
  }
});
