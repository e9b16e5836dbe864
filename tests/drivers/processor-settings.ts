import type { ProcessorSettings } from '../../config/schema.ts';
import type { ProcessorConfig } from './driver.ts';

/** A harness processor entry as the template and `render` see it: the entry plus the host and port of its base URL. */
export function processorSettings(entry: ProcessorConfig): ProcessorSettings {
  const url = new URL(entry.baseUrl);
  return { ...(entry as unknown as ProcessorSettings), host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
}
