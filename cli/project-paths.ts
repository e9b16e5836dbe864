import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ProjectConfig } from '../config/schema.ts';
import { UsageError } from './commands/usage.ts';

const PathKeys = ProjectConfig.pick({ outputDir: true, certsDir: true }).strip();

/**
 * INTERIM, until the project config loader (config/load.ts) is merged: reads only `outputDir` and
 * `certsDir` from a gatecheck.config.json in `cwd`, validated by the project config schema. Point
 * this one function at the real loader; nothing else reads the config file for paths.
 */
export function projectPaths(cwd: string): { outputDir: string; certsDir?: string } {
  const file = path.join(cwd, 'gatecheck.config.json');
  if (!existsSync(file)) return PathKeys.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`gatecheck: ${file} is not valid JSON (${(error as Error).message}); fix the file or remove it`);
  }
  const result = PathKeys.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UsageError(`gatecheck: ${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return result.data;
}

/**
 * Sets GATECHECK_OUTPUT_DIR and GATECHECK_CERTS_DIR (absolute; config paths are relative to the
 * config's folder) for this process and its children, unless the environment already sets them.
 */
export function applyProjectPaths(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): void {
  const paths = projectPaths(cwd);
  env.GATECHECK_OUTPUT_DIR = path.resolve(cwd, env.GATECHECK_OUTPUT_DIR || paths.outputDir);
  if (!env.GATECHECK_CERTS_DIR && paths.certsDir) env.GATECHECK_CERTS_DIR = path.resolve(cwd, paths.certsDir);
}
