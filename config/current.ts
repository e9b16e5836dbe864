import { loadConfigFile, loadProjectConfig, type LoadedConfig } from './load.ts';

/** The variable `gatecheck run` hands to Playwright and its workers: the absolute path of the config it validated. */
export const PROJECT_CONFIG_ENV = 'GATECHECK_PROJECT_CONFIG';

let loading: Promise<LoadedConfig> | null = null;

/**
 * The project config of this run, loaded once per process: workers load the file themselves (a
 * render function in a .mjs/.ts config cannot cross processes). No variable (a command other than
 * `run`): the gatecheck.config.* of the working folder, else the defaults.
 */
export function currentConfig(): Promise<LoadedConfig> {
  const file = process.env[PROJECT_CONFIG_ENV];
  loading ??= file ? loadConfigFile(file) : loadProjectConfig();
  return loading;
}
