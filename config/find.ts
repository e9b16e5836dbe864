import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** The names gatecheck looks for in the working folder, in this order (as Playwright does for playwright.config). */
export const CONFIG_NAMES = ['gatecheck.config.ts', 'gatecheck.config.mts', 'gatecheck.config.mjs', 'gatecheck.config.js', 'gatecheck.config.json'] as const;

/** The first gatecheck.config.* in `folder`, as an absolute path, or null when there is none. */
export function findConfigFile(folder: string): string | null {
  for (const name of CONFIG_NAMES) {
    const file = path.resolve(folder, name);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}
