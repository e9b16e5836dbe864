import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProjectConfig } from '../../config/schema.ts';
import type { CustomProcessor } from '../../mocks/custom/definition.ts';

/**
 * The custom processors of the project config, validated. Until the project-config loader
 * (config/load.ts) is merged, the config is the module GATECHECK_PROJECT_CONFIG names (a .mjs or
 * .ts file whose default export is the config); unset, there are none. Point this ONE function at
 * the real loader when it lands.
 */
export async function customProcessorsOfProject(env: NodeJS.ProcessEnv = process.env): Promise<CustomProcessor[]> {
  const file = env.GATECHECK_PROJECT_CONFIG;
  if (!file) return [];
  const module = (await import(pathToFileURL(path.resolve(file)).href)) as { default?: unknown };
  const result = ProjectConfig.safeParse(module.default);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`gatecheck: ${file} is not a valid gatecheck config: ${fields}`);
  }
  return result.data.processors.flatMap((p) => ('custom' in p ? [p.custom] : []));
}
