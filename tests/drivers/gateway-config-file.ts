import { readFileSync } from 'node:fs';
import type { DeclarativeGateway, ProcessorSettings } from '../../config/schema.ts';
import { renderTemplate } from '../../config/template.ts';
import type { ProcessorConfig } from './driver.ts';
import { contractGatewayConfig } from './gateway-config.ts';
import { HarnessError } from './harness-error.ts';
import { processorSettings } from './processor-settings.ts';

/**
 * The text of the gateway's config file for one scenario: the config's `render` function, its
 * template (a file or inline), or (none) the reference gateway's JSON shape.
 */
export function gatewayConfigText(configFile: DeclarativeGateway['configFile'], processors: ProcessorConfig[], port: number): string {
  const settings: ProcessorSettings[] = processors.map(processorSettings);
  try {
    if (configFile.render) return configFile.render(settings, { port });
    if (configFile.template) return renderTemplate(readFileSync(configFile.template, 'utf8'), settings, { port });
    if (configFile.inline) return renderTemplate(configFile.inline, settings, { port });
  } catch (error) {
    throw new HarnessError('GATEWAY_CONFIG_RENDER_FAILED', `the gateway config could not be generated (${(error as Error).message}). Fix: correct gateway.configFile.${configFile.render ? 'render' : configFile.inline ? 'inline' : 'template'}.`);
  }
  return JSON.stringify(contractGatewayConfig(processors), null, 2);
}
