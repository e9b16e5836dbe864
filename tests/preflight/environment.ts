import { EnvError, readRunEnv, tlsEnvProblem } from './env.ts';
import { HarnessError } from './harness-error.ts';

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
