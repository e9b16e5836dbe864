#!/usr/bin/env node
// The `gatecheck` command: the compiled CLI in dist/ (npm run build; built at prepare and prepack), on plain Node.
try {
  await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
  console.error('gatecheck: the compiled CLI (dist/) is missing; in a clone of gatecheck run `npm run build` (npm ci does it).');
  process.exitCode = 2;
}
