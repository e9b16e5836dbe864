import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * dev/build.mjs rebuilds dist/ only when something in tsconfig.build.json's `include` is newer, so
 * every source folder that compiles into dist/ (even one reached only by an import) must be listed
 * there. tests/preflight once was not: an edit to it left a stale dist/ that `gatecheck` kept running.
 */
test('every source folder compiled into dist/ is a build input, so an edit to it rebuilds dist/', () => {
  const include: string[] = JSON.parse(readFileSync(`${root}tsconfig.build.json`, 'utf8').replace(/^\s*\/\/.*$/gm, '')).include;
  const compiled = (dir: string) => readdirSync(`${root}dist/${dir}`, { withFileTypes: true })
    .filter((e) => e.isDirectory() || e.name.endsWith('.js'))
    .map((e) => `${dir ? `${dir}/` : ''}${e.isDirectory() ? e.name : e.name.replace(/\.js$/, '.ts')}`);
  const outputs = [...compiled('').filter((p) => p !== 'tests'), ...compiled('tests')];
  expect(outputs.filter((p) => !include.includes(p))).toEqual([]);
});
