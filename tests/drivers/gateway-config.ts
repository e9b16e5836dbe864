import type { ProcessorConfig } from './driver.ts';

/**
 * The reference gateway's config for a contract run: loopback, a free port, and no background
 * probes, so /health reports what the payment attempt itself observed.
 */
export function contractGatewayConfig(processors: ProcessorConfig[]) {
  return {
    server: { host: '127.0.0.1', port: 0 },
    health: { probeIntervalMs: 0, probeOnStart: false },
    processors,
  };
}
