import type { ProjectConfigInput } from './schema.ts';

/**
 * Types a gatecheck.config.ts / .mjs: `export default defineConfig({ processors: ['stripe'], ... })`.
 * It returns its argument unchanged; `gatecheck run` validates the file when it loads it.
 */
export function defineConfig(config: ProjectConfigInput): ProjectConfigInput {
  return config;
}
