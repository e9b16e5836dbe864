import { ConfigError } from '../config/config-error.ts';
import { loadProjectConfig } from '../config/load.ts';
import { UsageError } from './commands/usage.ts';

/** `--config F` / `--config=F` in a command's arguments, if any. */
function configFlag(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--config');
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
}

/**
 * Sets GATECHECK_OUTPUT_DIR and GATECHECK_CERTS_DIR (absolute) for this process and its children
 * from the project config (`--config`, or gatecheck.config.* in `cwd`), unless the environment
 * already sets them. A broken config is a usage error naming the field and the fix.
 */
export async function applyProjectPaths(argv: readonly string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config;
  try {
    ({ config } = await loadProjectConfig({ cwd, file: configFlag(argv) }));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  // A variable that is set (even to "") is the caller's: left as it is, for the run's own validation to judge.
  env.GATECHECK_OUTPUT_DIR ??= config.outputDir;
  if (env.GATECHECK_CERTS_DIR === undefined && config.certsDir) env.GATECHECK_CERTS_DIR = config.certsDir;
}
