#!/usr/bin/env node
// The `gatecheck` command. Sources are TypeScript; tsx loads them so there is no build step.
// `serve` starts from a cached bundle of its own sources when it can (bin/fast-start.js).
import { fastStart } from './fast-start.js';

if (!(await fastStart(process.argv.slice(2)))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
