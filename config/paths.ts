import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where gatecheck writes what it generates (certificates, reports, traces, the runbook): always
 * in the user's project, never inside the installed package. The CLI sets both variables for
 * its Playwright child from the project config; anything else falls back to the defaults.
 *   GATECHECK_OUTPUT_DIR  default <cwd>/.gatecheck
 *   GATECHECK_CERTS_DIR   default <outputDir>/certs
 */
export function outputDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.GATECHECK_OUTPUT_DIR || '.gatecheck');
}

export function certsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GATECHECK_CERTS_DIR ? path.resolve(env.GATECHECK_CERTS_DIR) : path.join(outputDir(env), 'certs');
}

/** gatecheck's own folder (package.json, bin/, docs/, dist/), whether this runs from source or from dist/. */
export const packageRoot = path.dirname(createRequire(import.meta.url).resolve('gatecheck/package.json'));
