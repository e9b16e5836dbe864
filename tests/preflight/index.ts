import { EnvError, readRunEnv, tlsEnvProblem } from './env.ts';
import { HarnessError } from './harness-error.ts';
import { ensurePki } from './pki.ts';

export { HarnessError } from './harness-error.ts';

/** The checks that need no files: GATECHECK_* values and the process-wide TLS switch. */
export function checkEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  try {
    readRunEnv(env);
  } catch (error) {
    if (error instanceof EnvError) throw new HarnessError(error.code, error.message);
    throw error;
  }
  const tls = tlsEnvProblem(env);
  if (tls) throw new HarnessError('HARNESS_INSECURE_TLS', tls);
}

/**
 * Everything that must hold before the first scenario runs (Playwright globalSetup and
 * `gatecheck run` both call it). Throws one HarnessError; returns notes worth printing.
 */
export async function preflight(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  checkEnvironment(env);
  const regenerated = await ensurePki();
  return regenerated ? [regenerated] : [];
}
