import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.ts';
import { findConfigFile } from './find.ts';
import { importUserModule } from './import-module.ts';
import { formatIssues } from './issues.ts';
import { ProjectConfig } from './schema.ts';
import { checkTemplate } from './template.ts';

/** A validated project config with every path absolute; `dir` is the config's folder (the gateway command runs there). */
export type LoadedConfig = { file: string | null; dir: string; config: ProjectConfig };

/** No config file: today's behaviour (the reference gateway, all four processors). */
export function defaultConfig(dir = process.cwd()): LoadedConfig {
  return resolvePaths({ file: null, dir, config: ProjectConfig.parse({}) });
}

/** The label an error starts with: the config's path as the user would type it. */
function labelOf(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}


/** The raw value a config file exports (JSON.parse for .json, the default export otherwise). */
async function readRaw(file: string, label: string): Promise<unknown> {
  if (!existsSync(file)) throw new ConfigError(`${label}: no such file. Fix: check the path given to --config (it is relative to the current folder).`);
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${label}: not valid JSON (${(error as Error).message}). Fix: correct the JSON, or use a gatecheck.config.mjs to write comments.`);
    }
  }
  let module: { default?: unknown };
  try {
    module = await importUserModule(file);
  } catch (error) {
    throw new ConfigError(`${label}: cannot be loaded (${(error as Error).message.split('\n')[0]}). Fix: run it with node to see the error.`);
  }
  if (module.default === undefined) throw new ConfigError(`${label}: has no default export. Fix: export default defineConfig({ ... }) (import { defineConfig } from 'gatecheck').`);
  return module.default;
}

function resolvePaths(loaded: LoadedConfig): LoadedConfig {
  const at = (p: string) => path.resolve(loaded.dir, p);
  const config = { ...loaded.config, outputDir: at(loaded.config.outputDir), certsDir: loaded.config.certsDir && at(loaded.config.certsDir) };
  const gateway = config.gateway;
  if (typeof gateway === 'object' && 'driver' in gateway) config.gateway = { driver: at(gateway.driver) };
  else if (typeof gateway === 'object' && gateway.configFile.template) config.gateway = { ...gateway, configFile: { ...gateway.configFile, template: at(gateway.configFile.template) } };
  return { ...loaded, config };
}

/** Files the config names must exist, and a template must be well formed: checked now, not per scenario. */
function checkFiles(loaded: LoadedConfig, label: string): void {
  const gateway = loaded.config.gateway;
  if (typeof gateway !== 'object') return;
  if ('driver' in gateway) {
    if (!existsSync(gateway.driver)) throw new ConfigError(`${label}: gateway.driver: no file at ${gateway.driver}. Fix: give the driver module's path relative to the config's folder.`);
    return;
  }
  if (gateway.configFile.inline) {
    const problems = checkTemplate(gateway.configFile.inline);
    if (problems.length) throw new ConfigError(problems.map((p) => `${label}: gateway.configFile.inline: ${p}. Fix: see docs/your-gateway.md#the-config-template.`).join('\n'));
  }
  const template = gateway.configFile.template;
  if (!template) return;
  if (!existsSync(template)) throw new ConfigError(`${label}: gateway.configFile.template: no file at ${template}. Fix: give the template's path relative to the config's folder.`);
  const problems = checkTemplate(readFileSync(template, 'utf8'));
  if (problems.length) throw new ConfigError(problems.map((p) => `${label}: gateway.configFile.template (${path.basename(template)}) ${p}. Fix: see docs/your-gateway.md#the-config-template.`).join('\n'));
}

/** Loads and validates one config file; every problem is a ConfigError naming the field and the fix. */
export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  const absolute = path.resolve(file);
  const label = labelOf(absolute);
  const raw = await readRaw(absolute, label);
  const result = ProjectConfig.safeParse(raw);
  if (!result.success) throw new ConfigError(formatIssues(label, result.error.issues, raw));
  const loaded = resolvePaths({ file: absolute, dir: path.dirname(absolute), config: result.data });
  checkFiles(loaded, label);
  return loaded;
}

/** `--config <file>` when given, else the first gatecheck.config.* in `cwd`, else the defaults. */
export async function loadProjectConfig(options: { cwd?: string; file?: string } = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  if (options.file) return loadConfigFile(path.resolve(cwd, options.file));
  const found = findConfigFile(cwd);
  return found ? loadConfigFile(found) : defaultConfig(cwd);
}
