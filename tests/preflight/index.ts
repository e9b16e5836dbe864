import { checkEnvironment } from './environment.ts';
import { ensurePki } from './pki.ts';

export { checkEnvironment } from './environment.ts';
export { HarnessError } from './harness-error.ts';

/**
 * Everything that must hold before the first scenario runs (Playwright globalSetup and
 * `gatecheck run` both call it). Throws one HarnessError; returns notes worth printing.
 */
export async function preflight(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  checkEnvironment(env);
  const regenerated = await ensurePki();
  return regenerated ? [regenerated] : [];
}
