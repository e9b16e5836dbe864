import { currentConfig } from '../../config/current.ts';
import { loadConfigFile } from '../../config/load.ts';
import type { CustomProcessor } from '../../mocks/custom/definition.ts';

/** The custom processors (`{ name, custom }`) of this run's project config; none without a config. */
export async function customProcessorsOfProject(): Promise<CustomProcessor[]> {
  const { config } = await currentConfig();
  return config.processors.flatMap((p) => ('custom' in p ? [p.custom] : []));
}

/** The custom processors of one config file (an example's, a benchmark's). */
export async function customProcessorsIn(file: string): Promise<CustomProcessor[]> {
  const { config } = await loadConfigFile(file);
  return config.processors.flatMap((p) => ('custom' in p ? [p.custom] : []));
}
